"""What delivery costs, as the help centre's "Shipping destinations, costs and carriers" states it.

Zones: the Benelux, the rest of the EU, and the UK, Switzerland and Norway. Sneakers and accessories
travel as one parcel; bikes and desks each go by freight. Accessories ship free with a made-to-order
product. Rates are keyed by the product's category slug.
"""

from decimal import Decimal

BENELUX, EU, FAR = "benelux", "eu", "far"
ZONE_OF_COUNTRY = {"BE": BENELUX, "NL": BENELUX, "LU": BENELUX, "GB": FAR, "CH": FAR, "NO": FAR}
HOME_ZONE = BENELUX  # the workshop is in Ghent: the zone quoted before an address is known

PARCEL, FREIGHT = "parcel", "freight"
# category slug: (how it travels, {zone: price per parcel or per freight item})
RATES = {
    "footwear": (PARCEL, {BENELUX: Decimal("0.00"), EU: Decimal("0.00"), FAR: Decimal("14.90")}),
    "bikes": (FREIGHT, {BENELUX: Decimal("49.00"), EU: Decimal("79.00"), FAR: Decimal("119.00")}),
    "furniture": (FREIGHT, {BENELUX: Decimal("39.00"), EU: Decimal("69.00"), FAR: Decimal("99.00")}),
}
ACCESSORIES_ALONE = {BENELUX: Decimal("5.90"), EU: Decimal("9.90"), FAR: Decimal("14.90")}


def zone_of(country_code):
    return ZONE_OF_COUNTRY.get(country_code, EU) if country_code else HOME_ZONE


def delivery_charge(items, zone):
    """items: (category slugs of the product, quantity) per basket line. Returns the delivery charge."""
    freight, parcel_rates, accessories_only = Decimal("0.00"), [], True
    for slugs, quantity in items:
        rate = next((RATES[slug] for slug in slugs if slug in RATES), None)
        if rate is None:
            continue  # an accessory: free with a made-to-order product, else the accessories' parcel rate
        accessories_only = False
        how, prices = rate
        if how == FREIGHT:
            freight += prices[zone] * quantity
        else:
            parcel_rates.append(prices[zone])
    if accessories_only:
        return ACCESSORIES_ALONE[zone] if items else Decimal("0.00")
    return freight + max(parcel_rates, default=Decimal("0.00"))
