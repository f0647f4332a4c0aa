"""Shipping methods and charges as the help centre states them: by zone and product, or free collection."""

from decimal import Decimal

import pytest

from configurator.selectors import current_version_for_slug
from configurator.services import save_configuration
from shop.apps.shipping import rates
from shop.apps.shipping.rates import BENELUX, EU, FAR, delivery_charge
from tests.shop.payments.conftest import ADDRESS, SNEAKER_OPTIONS, fill_basket

SNEAKER, BIKE, DESK, LACES = ("footwear",), ("bikes",), ("furniture",), ("accessories",)


@pytest.mark.parametrize("items, zone, charge", [
    ([(SNEAKER, 1)], EU, "0.00"),
    ([(SNEAKER, 2)], FAR, "14.90"),                      # one parcel
    ([(LACES, 3)], BENELUX, "5.90"),
    ([(LACES, 1)], EU, "9.90"),
    ([(LACES, 1), (SNEAKER, 1)], EU, "0.00"),            # accessories ship free with a made-to-order product
    ([(BIKE, 1)], BENELUX, "49.00"),
    ([(BIKE, 2), (DESK, 1)], EU, str(2 * 79 + 69)),      # each bike and desk is a freight item
    ([(DESK, 1), (SNEAKER, 1), (LACES, 1)], FAR, str(Decimal("99") + Decimal("14.90"))),
    ([], EU, "0.00"),
])
def test_delivery_charges(items, zone, charge):
    assert delivery_charge(items, zone) == Decimal(charge)


def test_zones():
    assert [rates.zone_of(c) for c in ("BE", "LU", "DE", "GB", "NO", None)] == [BENELUX, BENELUX, EU, FAR, FAR,
                                                                                BENELUX]


def test_the_checkout_offers_delivery_priced_for_the_address_and_free_collection(client_as, demo_user, db):
    shopper = client_as("shopper")
    bike_version = current_version_for_slug("the-atelier-city-bike")
    assert bike_version is not None
    quote = save_configuration(version=current_version_for_slug("the-atelier-sneaker"), options=SNEAKER_OPTIONS)
    fill_basket(demo_user("shopper"), quote)
    shopper.post("/shop/checkout/shipping-address/", {**ADDRESS, "country": "GB", "postcode": "SW1A 1AA",
                                                      "line4": "London"})
    page = shopper.get("/shop/checkout/shipping-method/").content.decode()
    assert "Delivery to your door (UK, Switzerland, Norway)" in page and "€14.90" in page
    assert "Collect from our workshop in Ghent" in page
    shopper.post("/shop/checkout/shipping-method/", {"method_code": "collect"})
    page = shopper.get("/shop/checkout/payment-details/").content.decode()
    assert "Collect from our workshop in Ghent" in page and "Pay €155.00" in page
    shopper.post("/shop/checkout/shipping-method/", {"method_code": "delivery"})
    assert "Pay €169.90" in shopper.get("/shop/checkout/payment-details/").content.decode()
