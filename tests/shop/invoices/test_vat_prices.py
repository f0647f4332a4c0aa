"""Every price includes 21 % Belgian VAT: Oscar's totals carry the VAT they contain, the amount charged is the gross
price as before, and the basket, checkout, order page and confirmation e-mail say how much VAT the total holds."""

from decimal import Decimal

import pytest
from django.core import mail
from django.test import override_settings
from oscar.apps.offer.applicator import Applicator
from oscar.core.loading import get_model

from shop.apps.partner.tax import split_gross
from shop.payments.tasks import send_order_confirmation
from tests.shop.invoices.conftest import order_page, place

Range = get_model("offer", "Range")
Condition = get_model("offer", "Condition")
Benefit = get_model("offer", "Benefit")
ConditionalOffer = get_model("offer", "ConditionalOffer")


@pytest.mark.parametrize(("gross", "excl", "vat"), [
    ("1914.00", "1581.82", "332.18"),  # 1581.818…: up
    ("155.00", "128.10", "26.90"),
    ("9.00", "7.44", "1.56"),  # 7.438…
    ("5.90", "4.88", "1.02"),  # the accessories' parcel
    ("0.00", "0.00", "0.00"),
])
def test_the_vat_a_gross_price_contains_is_worked_out_to_the_cent(gross, excl, vat):
    assert split_gross(Decimal(gross)) == (Decimal(excl), Decimal(vat))


@override_settings(VAT_RATE=Decimal("6"))
def test_the_rate_is_a_setting():
    assert split_gross(Decimal("9.00")) == (Decimal("8.49"), Decimal("0.51"))


def test_vat_is_rounded_per_line_and_the_lines_summed(laces_basket):
    basket = laces_basket(quantity=3)
    line = basket.all_lines()[0]
    assert (line.unit_price_incl_tax, line.unit_price_excl_tax, line.unit_tax) == (
        Decimal("9.00"), Decimal("7.44"), Decimal("1.56"))
    # 3 × 1.56 = 4.68, where rounding the total (27.00 / 1.21 = 22.314…) would give 4.69
    assert (basket.total_incl_tax, basket.total_excl_tax, basket.total_tax) == (
        Decimal("27.00"), Decimal("22.32"), Decimal("4.68"))


def test_a_placed_order_charges_the_gross_price_and_records_its_vat(laces_basket):
    order = place(laces_basket(quantity=3))  # Benelux: the accessories' parcel, 5.90 with 1.02 VAT
    assert (order.total_incl_tax, order.shipping_incl_tax, order.shipping_excl_tax) == (
        Decimal("32.90"), Decimal("5.90"), Decimal("4.88"))
    assert order.total_tax == Decimal("5.70")  # 4.68 on the laces, 1.02 on the delivery
    assert order.lines.get().line_price_excl_tax == Decimal("22.32")


def test_a_percentage_offer_takes_its_share_of_the_price_with_vat(laces_basket):
    """10 % off is worked out on the price with VAT (OSCAR_OFFERS_INCL_TAX): 27.00 becomes 24.30, its VAT scaled."""
    everything = Range.objects.create(name="Everything", includes_all_products=True)
    ConditionalOffer.objects.create(
        name="Ten off", offer_type=ConditionalOffer.SITE,
        condition=Condition.objects.create(range=everything, type=Condition.COUNT, value=1),
        benefit=Benefit.objects.create(range=everything, type=Benefit.PERCENTAGE, value=10))
    basket = laces_basket(quantity=3)
    Applicator().apply(basket)
    assert basket.total_incl_tax == Decimal("24.30")
    assert (basket.total_excl_tax, basket.total_tax) == (Decimal("20.09"), Decimal("4.21"))  # 22.32 less 10 %
    order = place(basket)
    assert order.total_incl_tax == Decimal("30.20") and order.total_tax == Decimal("5.23")


def test_the_basket_and_order_pages_and_the_e_mail_say_how_much_vat_the_total_contains(
        client, member, laces_basket):
    basket = laces_basket(user=member, quantity=3)
    client.force_login(member)
    page = client.get("/shop/basket/").content.decode()
    assert "incl. €5.70 VAT (21 %)" in page  # 27.00 of laces and 5.90 delivery to the Benelux
    order = place(basket, member)
    page = client.get(order_page(order)).content.decode()
    assert "incl. €5.70 VAT (21 %)" in page
    send_order_confirmation(order.pk)
    sent = mail.outbox[-1]
    assert "€32.90 (incl. €5.70 VAT (21 %))" in sent.body
    assert "incl. €5.70 VAT (21 %)" in sent.alternatives[0][0]
