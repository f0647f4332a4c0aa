"""A signed-in shopper, on a desktop and on a phone: the same sneaker added twice is one line of two, "Change these
choices" changes that line, a quantity past the cap is refused, My designs keeps the saved design (deleted after
confirming), and "Re-order" on a past order puts it in the basket again at today's price."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from shop.demo.orders import DEMO_ORDERS, SHOPPER, place_demo_order
from tests.browser.configurator_page import change, wait_until_rendered
from tests.browser.conftest import csp_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SNEAKER = "/shop/configure/the-atelier-sneaker/"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(VIEWPORTS))
def shopper(request, browser, live_server, seeded_store):
    """A page of a signed-in demo shopper, on a desktop or a phone; fails if a page broke the CSP."""
    phone = request.param == "phone"
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORTS[request.param], is_mobile=phone,
                                  has_touch=phone)
    context.set_default_timeout(20000)
    page = context.new_page()
    violations = csp_violations(page)
    sign_in(page, "shopper", SNEAKER)
    yield page
    context.close()
    assert not violations, violations


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def add_to_basket(page):
    page.get_by_role("button", name="Add to basket").click()
    page.wait_for_url("**/shop/basket/")


def test_basket_lines_my_designs_and_re_order(shopper):
    page = shopper
    wait_until_rendered(page)
    change(page, lambda: page.get_by_text("EU 40", exact=True).click())
    page.get_by_role("button", name="Save and share").click()
    page.wait_for_url(re.compile(r".*/shop/configure/the-atelier-sneaker/[a-z2-9]{10}/$"))
    design_url = page.url
    add_to_basket(page)
    page.goto(design_url)
    add_to_basket(page)
    expect(page.locator(".basket-items")).to_have_count(1)  # the same sneaker twice: one line of two
    expect(page.locator("#id_form-0-quantity")).to_have_value("2")

    page.get_by_role("link", name="Change these choices").click()
    expect(page.locator("[data-replacing-line]")).to_contain_text("You are changing an item in your basket")
    wait_until_rendered(page)
    change(page, lambda: page.locator("label[for=option-colour_navy]").click())
    add_to_basket(page)
    expect(page.locator("#messages")).to_contain_text("in your basket now has these choices")
    expect(page.locator(".basket-items")).to_have_count(1)
    expect(page.locator("#id_form-0-quantity")).to_have_value("2")
    expect(page.locator(".configuration-features")).to_contain_text("Navy")
    assert fits_the_screen(page)

    page.locator("#id_form-0-quantity").fill("11")
    page.get_by_role("button", name="Update").click()
    expect(page.locator("#basket_formset")).to_contain_text("You can have at most 10 of the same item in your basket")
    page.goto("/shop/basket/")
    expect(page.locator("#id_form-0-quantity")).to_have_value("2")  # the refused quantity changed nothing

    page.goto("/shop/accounts/orders/")
    page.get_by_role("link", name="My designs").click()
    page.wait_for_url("**/shop/accounts/designs/")
    design = page.locator("[data-design]")
    expect(design).to_have_count(1)
    expect(design.locator("svg")).to_be_visible()
    expect(design.locator("[data-design-price]")).to_contain_text("This price holds until")
    assert fits_the_screen(page)
    design.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete this design").click()
    page.wait_for_url("**/shop/accounts/designs/")
    expect(page.locator("[data-no-designs]")).to_be_visible()

    past = DEMO_ORDERS[0]  # one of the demo shopper's orders, placed as checkout places it
    order = place_demo_order(get_user_model().objects.get(email=SHOPPER), past.upc, past.options,
                             past.measurements, past.texts, past.quantity)
    page.goto(f"/shop/accounts/orders/{order.number}/")
    page.get_by_role("button", name="Re-order", exact=True).first.click()
    page.wait_for_url("**/shop/basket/")
    expect(page.locator("#messages")).to_contain_text("is in your basket.")
    expect(page.locator("#messages")).to_contain_text("If you pay today it ships by")
    expect(page.locator(".basket-items")).to_have_count(2)
