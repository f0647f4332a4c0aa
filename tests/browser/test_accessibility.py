"""axe-core finds no critical or serious accessibility violation on the shopper's pages, on a laptop and on a
390 px phone: home, catalogue, each product page and configurator, the basket, every checkout step, the order
page, get help and My account."""

import pytest
from playwright.sync_api import expect

from configurator.models import ConfigurableProduct
from tests.browser.axe import Audit
from tests.browser.configurator_page import change, wait_until_rendered
from tests.browser.conftest import sign_in
from tests.browser.test_checkout import (
    GOOD_CARD,
    accept_terms,
    checkout_as_guest_to_payment,
    configure_sneaker_into_basket,
    fill_card,
    pay_button,
)
from tests.browser.test_returns import monogrammed_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

monogrammed_order = monogrammed_order

SCREENS = {"laptop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(SCREENS))
def screen(request, page):
    page.set_viewport_size(SCREENS[request.param])
    return page


@pytest.fixture
def audit():
    """Every page a test checks; the test ends with ``audit.assert_clean()``."""
    return Audit()


def test_catalogue_product_and_configurator_pages(screen, audit):
    page = screen
    for path, what in [("/", "home"), ("/shop/catalogue/", "the catalogue"), ("/shop/support/new/", "get help")]:
        page.goto(path)
        audit.check(page, what)
    for configurable in ConfigurableProduct.objects.select_related("product").order_by("product__upc"):
        product = configurable.product
        page.goto(product.get_absolute_url())
        audit.check(page, f"the product page of {product.title}")
        page.goto(f"/shop/configure/{product.slug}/")
        wait_until_rendered(page)
        audit.check(page, f"the configurator of {product.title}")
    audit.assert_clean()



def test_basket_and_every_checkout_step(screen, audit, stripe_server):
    page = screen
    configure_sneaker_into_basket(page)
    audit.check(page, "the basket")
    page.get_by_role("link", name="Proceed to checkout").click()
    page.wait_for_url("**/shop/checkout/")
    audit.check(page, "the checkout's sign-in or guest step")
    page.goto("/shop/basket/")
    checkout_steps = []
    page.on("load", lambda loaded: checkout_steps.append(loaded.url))
    checkout_as_guest_to_payment(page)
    audit.check(page, "Review and pay")
    for url in dict.fromkeys(checkout_steps):
        if "/shop/checkout/" in url and not url.endswith("/payment-details/"):
            page.goto(url)
            audit.check(page, "a checkout step")
    assert any(url.endswith("/shipping-address/") for url in checkout_steps), checkout_steps
    page.goto("/shop/checkout/payment-details/")
    total = page.locator("[data-pay-button]").inner_text().removeprefix("Pay ").strip()
    accept_terms(page)
    fill_card(page, GOOD_CARD)
    pay_button(page, total).click()
    page.wait_for_url("**/shop/checkout/thank-you/")
    audit.check(page, "the confirmation")
    audit.assert_clean()


def test_order_page_and_my_account(screen, audit, monogrammed_order):
    page = screen
    sign_in(page, "shopper", f"/shop/accounts/orders/{monogrammed_order.number}/")
    expect(page.locator("h1")).to_contain_text(monogrammed_order.number)
    audit.check(page, "the order page")
    for path, what in [("/shop/accounts/", "My account"), ("/shop/accounts/orders/", "the order history"),
                       ("/shop/accounts/support/", "my help requests"),
                       ("/shop/accounts/designs/", "my designs")]:
        page.goto(path)
        audit.check(page, what)
    audit.assert_clean()


FOCUSED = """() => {
    const element = document.activeElement;
    const step = element.closest("fieldset[data-group]");
    return {id: element.id, step: step ? step.dataset.group : null};
}"""


def test_unavailable_options_stay_focusable_and_tab_walks_the_steps_before_add_to_basket(page):
    page.goto("/shop/configure/the-atelier-sneaker/")
    wait_until_rendered(page)
    change(page, lambda: page.get_by_text("Suede", exact=True).click())
    chalk = page.locator("#option-colour_chalk")
    expect(chalk).to_have_attribute("aria-disabled", "true")
    chalk.focus()  # still reachable, so a screen reader says why it cannot be chosen
    expect(chalk).to_be_focused()
    expect(chalk).to_have_accessible_description("Not available with Suede")
    total = page.locator("[data-total]").inner_text()
    page.locator("label[for=option-colour_chalk]").click(force=True)  # Playwright will not click aria-disabled
    expect(chalk).not_to_be_checked()
    expect(page.locator("[data-total]")).to_have_text(total)

    steps = page.locator("fieldset[data-group]:not([hidden])").evaluate_all("els => els.map(e => e.dataset.group)")
    page.locator("fieldset[data-group] input").first.focus()
    visited = []
    for _ in range(120):
        focused = page.evaluate(FOCUSED)
        if focused["id"] == "add-to-basket":
            break
        if focused["step"] and focused["step"] not in visited:
            visited.append(focused["step"])
        page.keyboard.press("Tab")
    else:
        pytest.fail(f"Tab never reached Add to basket; it went through {visited}")
    assert visited == steps  # every step, in order, before the button that buys them
