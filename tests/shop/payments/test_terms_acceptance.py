"""Before paying, the shopper accepts the terms of sale in force and is told which items are made to their personal
specification (no right of withdrawal); the order keeps what was accepted, whichever path places it. The address
step takes an optional company name and VAT number, kept with the order for its invoice."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from configurator.selectors import current_version_for_slug
from configurator.services import save_configuration
from shop.apps.checkout.privacy import erase_checkout_details, export_checkout_details
from shop.cms.models import TermsOfSalePage
from shop.payments.models import StripePayment
from shop.privacy.registry import Subject
from tests.shop.payments.conftest import (
    ADDRESS,
    SNEAKER_OPTIONS,
    Order,
    accepted_terms,
    event,
    fill_basket,
    go_to_payment,
    pay,
    post_event,
)
from tests.shop.payments.test_checkout import authenticate

UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")
BUSINESS = {"company_name": "Verbeke Design BV", "vat_number": "be 0123.456.789"}


def assert_nothing_changed(client):
    assert not StripePayment.objects.exists() and not Order.objects.exists()
    basket = client.get("/shop/checkout/payment-details/").context["basket"]
    assert basket.status == "Open" and basket.num_items == 1


def test_paying_without_ticking_the_terms_is_refused_and_changes_nothing(at_payment):
    version = TermsOfSalePage.current().version
    for refused in ({"terms_version": version}, {"accept_terms": False, "terms_version": version},
                    {"accept_terms": "yes", "terms_version": version}):
        response = pay(at_payment, terms=refused)
        assert response.status_code == 400, refused
        assert response.json()["error"] == "terms_not_accepted"
        assert response.json()["detail"]["message"].startswith("Please tick the box to accept the terms of sale")
    assert_nothing_changed(at_payment)


def test_terms_changed_since_the_page_loaded_must_be_accepted_again(at_payment):
    shown = accepted_terms()
    terms = TermsOfSalePage.current()
    terms.version = "2027-01"
    terms.save_revision().publish()
    response = pay(at_payment, terms=shown)
    assert response.status_code == 409 and response.json()["error"] == "terms_changed"
    assert "now version 2027-01" in response.json()["detail"]["message"]
    page = at_payment.get(response.json()["detail"]["redirect"]).content.decode()
    assert 'data-terms-version="2027-01"' in page and "they are now version 2027-01" in page
    assert_nothing_changed(at_payment)
    assert pay(at_payment).status_code == 200


def test_the_order_keeps_the_terms_accepted_and_the_company_for_its_invoice(at_payment):
    response = at_payment.post("/shop/checkout/shipping-address/", {**ADDRESS, **BUSINESS})
    assert response.status_code == 302
    page = at_payment.get("/shop/checkout/payment-details/").content.decode()
    assert "Verbeke Design BV" in page and "VAT number BE0123456789" in page
    before = timezone.now()
    order = Order.objects.get(number=pay(at_payment).json()["order"])
    details = order.checkout_details
    assert (details.company_name, details.vat_number) == ("Verbeke Design BV", "BE0123456789")
    assert details.terms_version == TermsOfSalePage.current().version
    assert before <= details.terms_accepted_at <= timezone.now()
    assert details.personal_spec_lines == []  # preset options only
    thank_you = at_payment.get("/shop/checkout/thank-you/").content.decode()
    assert f"You accepted our terms of sale, version {details.terms_version}" in thank_you
    assert "Verbeke Design BV, VAT number BE0123456789" in thank_you


@pytest.mark.parametrize("vat_number", ["12345", "BE", "B E", "BE-@12", "BEABCDEF", "BE" + "1" * 14])
def test_a_vat_number_of_the_wrong_shape_is_refused_and_changes_nothing(at_payment, vat_number):
    response = at_payment.post("/shop/checkout/shipping-address/", {**ADDRESS, **BUSINESS, "vat_number": vat_number,
                                                                    "line1": "Elsewhere 1"})
    assert response.status_code == 200
    assert "two-letter country code followed by its digits" in response.content.decode()
    page = at_payment.get("/shop/checkout/payment-details/").content.decode()
    assert "Veldstraat 12" in page and "Elsewhere 1" not in page and "data-business-details" not in page


def test_the_address_form_is_labelled_and_named_for_autofill(at_payment):
    page = at_payment.get("/shop/checkout/shipping-address/").content.decode()
    expected = {"first_name": "given-name", "last_name": "family-name", "company_name": "organization",
                "line1": "address-line1", "line4": "address-level2", "postcode": "postal-code", "country": "country",
                "phone_number": "tel"}
    for name, autocomplete in expected.items():
        field = re.search(rf'<(?:input|select)[^>]*name="{name}"[^>]*>', page).group(0)
        assert f'autocomplete="{autocomplete}"' in field, field
        assert re.search(rf'<label[^>]*for="id_{name}"', page), name
    assert re.search(r'<label[^>]*for="id_vat_number"[^>]*>\s*VAT number \(optional\)', page)


@pytest.fixture
def monogrammed_and_preset(client_as, demo_user, sneaker_quote, stripe_server):
    """The shopper's basket: a preset sneaker and one with a monogram, at the payment page."""
    client = client_as("shopper")
    monogrammed = save_configuration(version=current_version_for_slug("the-atelier-sneaker"), options=SNEAKER_OPTIONS,
                                     texts={"monogram": "JD"})
    fill_basket(demo_user("shopper"), monogrammed)
    go_to_payment(client, demo_user("shopper"), sneaker_quote)
    return client, monogrammed


def test_items_made_to_the_shoppers_specification_are_named_before_paying_and_kept_with_the_order(
        monogrammed_and_preset):
    client, monogrammed = monogrammed_and_preset
    response = client.get("/shop/checkout/payment-details/")
    page = response.content.decode()
    assert "Made to your personal specification: no 14-day right of withdrawal." in page
    excluded = re.search(r"<ul data-withdrawal-excluded>(.*?)</ul>", page, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", excluded) == ["The Atelier Sneaker (Monogram)"]
    assert "The other items (The Atelier Sneaker) are built from our preset options: you keep your 14-day right " \
           "of withdrawal after delivery." in page
    assert "are excluded from the right of withdrawal" in page  # what the tick accepts
    total = response.context["order_total"].incl_tax
    order = Order.objects.get(number=pay(client, expected_total=total).json()["order"])
    assert order.checkout_details.personal_spec_lines == [
        {"title": "The Atelier Sneaker", "configuration": monogrammed.code, "details": ["Monogram"]}]


def test_a_basket_of_preset_items_keeps_the_right_of_withdrawal(at_payment):
    page = at_payment.get("/shop/checkout/payment-details/").content.decode()
    assert "data-withdrawal-excluded" not in page and "excluded from the right of withdrawal" not in page
    assert "Everything in your basket is built from our preset options: you keep your 14-day right of withdrawal" \
        in page


def test_the_webhook_placing_the_order_records_the_acceptance_too(client, at_payment):
    at_payment.post("/shop/checkout/shipping-address/", {**ADDRESS, **BUSINESS})
    response = pay(at_payment, "4000002760003184")  # 3-D Secure: the browser then goes away
    payment = StripePayment.objects.get()
    assert payment.checkout_details["vat_number"] == "BE0123456789"
    authenticate(payment, response.json()["client_secret"], success=True)
    assert post_event(client, event("payment_intent.succeeded", {"id": payment.intent_id, "object": "payment_intent",
                                                                 "status": "succeeded"})).status_code == 200
    payment.refresh_from_db()
    details = payment.order.checkout_details
    assert details.terms_version == TermsOfSalePage.current().version and details.vat_number == "BE0123456789"
    assert timezone.now() - details.terms_accepted_at < timedelta(minutes=5)
    answer = at_payment.post("/shop/checkout/pay/complete/", "{}", content_type="application/json")
    assert answer.json()["order"] == payment.order.number  # the browser's return finds it: one order, one record
    assert Order.objects.count() == 1


def test_the_checkout_details_are_in_the_customers_export_and_erased_with_their_data(at_payment, demo_user):
    at_payment.post("/shop/checkout/shipping-address/", {**ADDRESS, **BUSINESS})
    number = pay(at_payment).json()["order"]
    subject = Subject.of(user=demo_user("shopper"))
    [record] = export_checkout_details(subject).records["checkout"]
    assert record["order"] == number and record["vat_number"] == "BE0123456789"
    assert record["company_name"] == "Verbeke Design BV" and record["terms_version"]
    assert erase_checkout_details(subject) == 1
    details = Order.objects.get(number=number).checkout_details
    assert (details.company_name, details.vat_number) == ("", "")
    assert details.terms_version  # what was accepted stays with the order
    assert json.dumps(export_checkout_details(subject).records["checkout"], default=str).count("Verbeke") == 0


@pytest.fixture
def at_address_book(client_as, demo_user, sneaker_quote, stripe_server):
    """The shopper at the address step with an address in their address book, and a sneaker in the basket."""
    shopper = demo_user("shopper")
    fill_basket(shopper, sneaker_quote)
    fields = {key: value for key, value in ADDRESS.items() if key != "country"}
    address = UserAddress.objects.create(user=shopper, country=Country.objects.get(iso_3166_1_a2="BE"), **fields)
    return client_as("shopper"), address


def test_a_company_and_vat_number_go_with_an_address_from_the_address_book(at_address_book):
    client, address = at_address_book
    page = client.get("/shop/checkout/shipping-address/").content.decode()
    assert "Invoice to a company? (optional)" in page
    assert f'form="ship-to-saved-address" name="address_id" value="{address.id}"' in page  # each address's button
    response = client.post("/shop/checkout/shipping-address/", {
        "action": "ship_to", "address_id": address.id,
        "business-company_name": " Verbeke Design BV ", "business-vat_number": "be 0123.456.789"})
    assert response.status_code == 302 and response["Location"].endswith("/shipping-method/")
    client.post("/shop/checkout/shipping-method/", {"method_code": "delivery"})
    assert "Verbeke Design BV" in client.get("/shop/checkout/payment-details/").content.decode()
    assert pay(client, terms=accepted_terms()).status_code == 200
    details = Order.objects.get().checkout_details
    assert (details.company_name, details.vat_number) == ("Verbeke Design BV", "BE0123456789")


def test_a_bad_vat_number_with_an_address_from_the_address_book_changes_nothing(at_address_book):
    client, address = at_address_book
    response = client.post("/shop/checkout/shipping-address/", {
        "action": "ship_to", "address_id": address.id, "business-vat_number": "98765x"})
    assert response.status_code == 200  # the page again, saying why
    assert response.context["business_form"].errors["vat_number"]
    assert client.get("/shop/checkout/shipping-method/").status_code == 302  # no address was chosen
    assert "98765x" not in client.get("/shop/checkout/shipping-address/").content.decode()
