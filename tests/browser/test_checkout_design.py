"""A guest with a monogrammed sneaker checks out on a desktop and on a 390 px phone: every step is a page of the
store (its header, navigation and footer with the legal pages) with the order summary beside or below it; the address
form fills from the browser's autofill names and takes a company and VAT number; before paying, the page says the
monogrammed sneaker is excluded from the right of withdrawal and the order keeps what was accepted."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from shop.cms.models import TermsOfSalePage
from tests.browser.configurator_page import change, wait_until_rendered
from tests.browser.conftest import csp_violations
from tests.browser.test_checkout import GOOD_CARD, GUEST_EMAIL, fill_card, pay_button

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Order = get_model("order", "Order")
SCREENS = {"desktop": {"viewport": {"width": 1280, "height": 900}},
           "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}}
COOKIES_NAMED = {"sessionid", "csrftoken", "oscar_open_basket", "oscar_history", "messages"}  # the cookie notice's


@pytest.fixture(params=list(SCREENS))
def screen(request, browser, live_server, seeded_store):
    context = browser.new_context(base_url=live_server.url, **SCREENS[request.param])
    page = context.new_page()
    violations = csp_violations(page)
    yield page, SCREENS[request.param]["viewport"]["width"]
    context.close()
    assert not violations, violations


def assert_a_store_page_with_the_summary(page, width):
    expect(page.locator("header.site-header .brand")).to_be_visible()
    expect(page.locator("footer.site-footer nav[aria-label=Legal]").get_by_role("link", name="Terms of sale")) \
        .to_be_attached()
    summary = page.locator("[data-order-summary]")
    expect(summary).to_be_visible()
    expect(summary.locator("[data-summary-line]")).to_have_count(1)
    expect(summary.locator(".order-summary__thumb svg")).to_be_visible()  # the configuration's own drawing
    expect(summary.locator("[data-summary-options]")).to_contain_text("JD")  # the options in short: the monogram
    expect(summary.locator("[data-summary-ship-date] time")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sticks out sideways


def test_a_guest_checks_out_a_monogrammed_sneaker_in_the_stores_design(screen, stripe_server):
    page, width = screen
    page.goto("/shop/configure/the-atelier-sneaker/")
    wait_until_rendered(page)
    monogram = page.locator("#field-monogram")
    change(page, lambda: (monogram.fill("JD"), monogram.press("Tab")))
    page.get_by_role("button", name="Add to basket").click()
    page.wait_for_url("**/shop/basket/")

    page.get_by_role("link", name="Proceed to checkout").click()
    page.wait_for_url("**/shop/checkout/")
    assert_a_store_page_with_the_summary(page, width)
    email = page.get_by_label("My email address is")
    expect(email).to_have_attribute("autocomplete", "email")
    email.fill(GUEST_EMAIL)
    page.get_by_label("I am a new customer and want to checkout as a guest").check()
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/shop/checkout/shipping-address/")
    assert_a_store_page_with_the_summary(page, width)
    expect(page.locator("[data-summary-shipping]")).to_have_text("not chosen yet")
    for label, autocomplete, value in [("First name", "given-name", "Sam"), ("Last name", "family-name", "Guest"),
                                       ("Company name (optional)", "organization", "Verbeke Design BV"),
                                       ("VAT number (optional)", None, "BE 0123 456 789"),
                                       ("First line of address", "address-line1", "Veldstraat 12"),
                                       ("City", "address-level2", "Ghent"), ("Post/Zip-code", "postal-code", "9000")]:
        field = page.get_by_label(label, exact=True)
        if autocomplete:
            expect(field).to_have_attribute("autocomplete", autocomplete)
        field.fill(value)
    page.get_by_label("Country").select_option("BE")
    page.locator("#new_shipping_address").get_by_role("button", name="Continue").click()

    page.wait_for_url("**/shop/checkout/shipping-method/")
    assert_a_store_page_with_the_summary(page, width)
    delivery = page.locator("form", has=page.locator("input[name=method_code][value=delivery]"))
    delivery.get_by_role("button", name="Select option").click()

    page.wait_for_url("**/shop/checkout/payment-details/")
    assert_a_store_page_with_the_summary(page, width)
    total = page.locator("[data-summary-total]").inner_text().strip()
    expect(page.locator("[data-business-details]")).to_contain_text("VAT number BE0123456789")
    expect(page.locator("[data-withdrawal]")).to_contain_text(
        "Made to your personal specification: no 14-day right of withdrawal.")
    expect(page.locator("[data-withdrawal-excluded] li")).to_have_text(["The Atelier Sneaker (Monogram)"])
    fill_card(page, GOOD_CARD)
    pay_button(page, total).click()
    expect(page.locator("[data-payment-message]")).to_contain_text("Please tick the box to accept the terms")
    consent = page.get_by_label(re.compile("I accept the terms of sale"))
    expect(consent).to_be_focused()
    expect(page.locator("[data-withdrawal]").get_by_role("link", name="terms of sale")).to_have_attribute(
        "href", "/terms-of-sale/")
    consent.check()
    pay_button(page, total).click()

    page.wait_for_url("**/shop/checkout/thank-you/")
    expect(page.locator("header.site-header .brand")).to_be_visible()
    expect(page.locator("[data-order-summary]")).to_contain_text("The Atelier Sneaker")
    expect(page.locator("[data-accepted-terms]")).to_contain_text(
        "Made to your personal specification, so excluded from the right of withdrawal: The Atelier Sneaker "
        "(Monogram)")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    details = Order.objects.get(guest_email=GUEST_EMAIL).checkout_details
    assert (details.company_name, details.vat_number) == ("Verbeke Design BV", "BE0123456789")
    assert details.terms_version == TermsOfSalePage.current().version
    assert [line["details"] for line in details.personal_spec_lines] == [["Monogram"]]
    # every cookie the journey left is one the cookie notice names (Stripe.js's own, on the card form, aside)
    cookies = {cookie["name"] for cookie in page.context.cookies() if not cookie["name"].startswith("__stripe")}
    assert cookies <= COOKIES_NAMED, cookies
