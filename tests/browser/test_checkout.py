"""A guest configures a sneaker, checks out and pays by card on the "Review and pay" page, in the browser,
against localstripe: a good card places the order, a declined card keeps the basket, 3-D Secure runs in the page.
Every step is a page of the store (its header and footer) with the order summary beside it, on a desktop and on a
390 px phone; the Pay button needs the terms of sale ticked, and a monogrammed item is named as excluded from the
right of withdrawal before paying."""

import re
from decimal import Decimal

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.browser.configurator_page import change, wait_until_rendered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Order = get_model("order", "Order")

GUEST_EMAIL = "guest@atelier.example"
GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000002"
THREE_D_SECURE_CARD = "4000002760003184"




def configure_sneaker_into_basket(page):
    """EU 40, suede, navy, spare laces; returns the total the configurator showed (e.g. "€170.50")."""
    page.goto("/shop/configure/the-atelier-sneaker/")
    wait_until_rendered(page)
    change(page, lambda: page.get_by_text("Suede", exact=True).click())
    change(page, lambda: page.get_by_text("EU 40", exact=True).click())
    change(page, lambda: page.locator("label[for=option-colour_navy]").click())
    change(page, lambda: page.locator("label[for=option-extra_spare_laces]").click())
    configured_total = page.locator("[data-total]").inner_text().strip()
    assert re.fullmatch(r"€\d+\.\d\d", configured_total), configured_total

    page.get_by_role("button", name="Add to basket").click()
    page.wait_for_url("**/shop/basket/")
    expect(page.locator("[data-basket-count]")).to_have_text("1")
    return configured_total


def checkout_as_guest_to_payment(page):
    """Basket → guest gateway → Belgian shipping address → delivery (free for sneakers in the EU) → Review and pay."""
    page.get_by_role("link", name="Proceed to checkout").click()
    page.wait_for_url("**/shop/checkout/")
    page.get_by_label("My email address is").fill(GUEST_EMAIL)
    page.get_by_label("I am a new customer and want to checkout as a guest").check()
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/shop/checkout/shipping-address/")
    form = page.locator("#new_shipping_address")
    form.locator("#id_first_name").fill("Sam")
    form.locator("#id_last_name").fill("Guest")
    form.locator("#id_line1").fill("Veldstraat 12")
    form.locator("#id_line4").fill("Ghent")
    form.locator("#id_postcode").fill("9000")
    form.locator("#id_country").select_option("BE")
    form.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/shop/checkout/shipping-method/")
    delivery = page.locator("form", has=page.locator("input[name=method_code][value=delivery]"))
    delivery.get_by_role("button", name="Select option").click()
    page.wait_for_url("**/shop/checkout/payment-details/")
    expect(page.locator("h1")).to_contain_text("Review and pay")


def fill_card(page, number):
    card = page.locator("#card-element")
    card.get_by_placeholder("number", exact=True).fill(number)
    card.get_by_placeholder("exp_month", exact=True).fill("12")
    card.get_by_placeholder("exp_year", exact=True).fill("34")
    card.get_by_placeholder("cvc", exact=True).fill("123")
    card.get_by_placeholder("postal_code", exact=True).fill("9000")


def pay_button(page, total):
    return page.get_by_role("button", name=f"Pay {total}")


def at_payment_page(page):
    """The guest on "Review and pay" with the configured sneaker; returns the total shown everywhere."""
    configured_total = configure_sneaker_into_basket(page)
    checkout_as_guest_to_payment(page)
    options = page.locator("[data-order-summary] [data-summary-options]")
    expect(options).to_contain_text("Suede")
    expect(options).to_contain_text("Navy")
    expect(options).to_contain_text("EU 40")
    expect(page.locator("[data-summary-total]")).to_have_text(configured_total)
    expect(pay_button(page, configured_total)).to_be_enabled()
    accept_terms(page)
    return configured_total


def accept_terms(page):
    page.get_by_label(re.compile("I accept the terms of sale")).check()


def as_decimal(total):
    return Decimal(total.lstrip("€").replace(",", ""))


def assert_thank_you(page, total, last4="4242"):
    page.wait_for_url("**/shop/checkout/thank-you/")
    order = Order.objects.get(guest_email=GUEST_EMAIL)  # exactly one, placed by this guest
    assert order.total_incl_tax == as_decimal(total)
    assert order.guest_email == GUEST_EMAIL and order.user is None
    expect(page.locator("h1")).to_contain_text(f"Order {order.number}")
    expect(page.locator(".lead strong")).to_have_text(order.number)
    expect(page.locator("#basket_totals")).to_contain_text(total)
    expect(page.locator(".configuration-features")).to_contain_text("Suede")
    expect(page.locator(".order-payment")).to_contain_text(f"Visa ending {last4}")
    expect(page.locator("[data-accepted-terms]")).to_contain_text("You accepted our terms of sale, version 2026-12")
    expect(page.locator("[data-basket-count]")).to_have_text("0")  # the store's header: the basket is empty
    return order


def assert_still_at_payment_with_basket(page, total):
    assert page.url.endswith("/shop/checkout/payment-details/")
    assert not Order.objects.filter(guest_email=GUEST_EMAIL).exists()
    expect(pay_button(page, total)).to_be_enabled()  # the form can be used again
    page.goto("/shop/basket/")
    expect(page.locator("[data-basket-count]")).to_have_text("1")
    expect(page.locator(".configuration-features")).to_contain_text("Suede")
    expect(page.locator("#basket_totals")).to_contain_text(total)


def test_a_guest_configures_a_sneaker_checks_out_and_pays_by_card(page, stripe_server):
    total = at_payment_page(page)
    fill_card(page, GOOD_CARD)
    pay_button(page, total).click()
    assert_thank_you(page, total)


def test_a_declined_card_shows_a_message_and_keeps_the_basket(page, stripe_server):
    total = at_payment_page(page)
    fill_card(page, DECLINED_CARD)
    pay_button(page, total).click()
    message = page.locator("[data-payment-message]")
    expect(message).to_be_visible()
    expect(message).to_contain_text("declined")
    expect(message).to_be_focused()  # a keyboard or screen-reader user lands on why, not at the top of the page
    assert_still_at_payment_with_basket(page, total)


def test_three_d_secure_is_completed_in_the_page(page, stripe_server):
    total = at_payment_page(page)
    fill_card(page, THREE_D_SECURE_CARD)
    pay_button(page, total).click()
    complete = page.get_by_role("button", name="Complete authentication")
    complete.wait_for()
    assert not Order.objects.filter(guest_email=GUEST_EMAIL).exists()  # nothing is placed before the bank says yes
    complete.click()
    assert_thank_you(page, total, last4="3184")


def test_failed_three_d_secure_shows_a_message_and_keeps_the_basket(page, stripe_server):
    total = at_payment_page(page)
    fill_card(page, THREE_D_SECURE_CARD)
    pay_button(page, total).click()
    page.get_by_role("button", name="Fail authentication").click()
    message = page.locator("[data-payment-message]")
    expect(message).to_be_visible()
    expect(message).to_contain_text("authenticat")
    assert_still_at_payment_with_basket(page, total)


def test_the_pay_button_does_nothing_until_the_terms_are_ticked(page, stripe_server):
    total = at_payment_page(page)
    consent = page.get_by_label(re.compile("I accept the terms of sale"))
    consent.uncheck()
    fill_card(page, GOOD_CARD)
    pay_button(page, total).click()
    message = page.locator("[data-payment-message]")
    expect(message).to_have_text("Please tick the box to accept the terms of sale before you pay. Nothing has been "
                                 "charged.")
    expect(consent).to_be_focused()
    assert not Order.objects.filter(guest_email=GUEST_EMAIL).exists()
    consent.check()
    expect(message).to_be_hidden()
    pay_button(page, total).click()
    assert_thank_you(page, total)
