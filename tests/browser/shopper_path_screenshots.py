"""The README's pictures of the shopper's path, taken in Debian's chromium against a seeded store and localstripe.

Not a test module (its name does not start with test_, so `make test` skips it): `make screenshots` runs it on
purpose and writes the pictures to static/img/readme/. Each step still asserts what it shows, so a picture in the
README is always of something that works.
"""

from pathlib import Path

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.browser.configurator_page import change, wait_until_rendered
from tests.browser.test_checkout import GOOD_CARD, accept_terms, checkout_as_guest_to_payment, fill_card, pay_button

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Product = get_model("catalogue", "Product")
FOLDER = Path(__file__).resolve().parents[2] / "static" / "img" / "readme"
LAPTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}


def snap(page, name):
    FOLDER.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(FOLDER / f"{name}.jpg"), type="jpeg", quality=70)


def test_the_shoppers_path_in_pictures(page, stripe_server):
    page.set_viewport_size(LAPTOP)
    page.goto(Product.objects.get(upc="ATL-SNK-001").get_absolute_url())
    expect(page.locator("[data-product-ship-date]")).to_contain_text("ships by")
    snap(page, "1-product")

    page.goto("/shop/configure/the-atelier-sneaker/")
    wait_until_rendered(page)
    change(page, lambda: page.get_by_text("Suede", exact=True).click())
    change(page, lambda: page.get_by_text("EU 40", exact=True).click())
    change(page, lambda: page.locator("label[for=option-colour_navy]").click())
    expect(page.locator("#reason-colour_chalk")).to_have_text("Not available with Suede")
    snap(page, "2-configurator")

    page.set_viewport_size(PHONE)
    page.locator("fieldset[data-group]:not([hidden])").last.scroll_into_view_if_needed()
    expect(page.locator("[data-summary-bar]")).to_be_in_viewport()
    snap(page, "3-configurator-phone")
    page.set_viewport_size(LAPTOP)

    page.get_by_role("button", name="Add to basket").click()
    page.wait_for_url("**/shop/basket/")
    snap(page, "4-basket")

    checkout_as_guest_to_payment(page)
    total = page.locator("[data-pay-button]").inner_text().removeprefix("Pay ").strip()
    accept_terms(page)
    fill_card(page, GOOD_CARD)
    snap(page, "5-review-and-pay")
    pay_button(page, total).click()
    page.wait_for_url("**/shop/checkout/thank-you/")
    expect(page.locator("h1")).to_contain_text("Order")
    snap(page, "6-confirmation")
