"""A return settled as an exchange, in the browser: the shopper goes from their return page to the exchange page and
on to the configurator, which says what they are choosing and whose last button brings the choice back; a dearer
replacement is paid by card in the page (localstripe's Stripe.js), a cheaper one is confirmed and the difference
goes back to their card. Either way the replacement is an order of its own, with its order page, made to order."""

import re
from decimal import Decimal

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from configurator.production.models import WorkOrder
from shop.payments.models import PaymentRefund
from support.returns import services
from support.returns.models import ExchangeStatus, Outcome, Reason
from tests.browser.configurator_page import change, wait_until_rendered
from tests.browser.conftest import sign_in
from tests.browser.test_checkout import GOOD_CARD, fill_card
from tests.shop.payments.conftest import at_payment, pay, sneaker_quote
from tests.support.returns.conftest import ship
from tests.support.returns.test_return_flow import start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Order = get_model("order", "Order")

# the shopper's basket at the payment page with the sneakers (155.00 EUR), paid through localstripe by the test client
at_payment, sneaker_quote = at_payment, sneaker_quote


@pytest.fixture
def exchange(seeded_store, at_payment, demo_user):
    """Sam's sneakers (paid by card, made and shipped) returned for a change of mind, wanting an exchange; the agent
    lets them keep the pair and settles the return as an exchange: it counts for 155.00 EUR."""
    order = ship(Order.objects.get(number=pay(at_payment).json()["order"]))
    shopper, agent = demo_user("shopper"), demo_user("support")
    ret = start(order, shopper, reason=Reason.CHANGED_MIND, wanted=Outcome.EXCHANGE)
    services.approve_return(ret, agent=agent, ship_back=False)
    return services.resolve_return(ret, agent=agent, resolution=Outcome.EXCHANGE).exchange


def exchange_path(exchange):
    return f"/shop/accounts/support/{exchange.ret.request.code}/exchange/"


def open_the_configurator(page, exchange):
    """Signed in, from the return page to the exchange page to the configurator, choosing for the exchange; returns
    the configurator's button that brings the choice back."""
    ret = exchange.ret
    sign_in(page, "shopper", f"/shop/accounts/support/{ret.request.code}/")
    outcome = page.locator("[data-return-outcome=exchange]")
    expect(outcome).to_contain_text("What you sent back counts for €155.00")
    outcome.get_by_role("link", name="Choose your replacement").click()

    page.wait_for_url(f"**{exchange_path(exchange)}")
    section = page.locator("[data-exchange]")
    expect(section).to_have_attribute("data-exchange", "choosing")
    expect(section.locator("[data-exchange-credit]")).to_have_text("€155.00")
    section.get_by_role("link", name="Choose your replacement").click()

    page.wait_for_url(re.compile(rf"/shop/configure/the-atelier-sneaker/{ret.line.configuration.code}/\?choose="))
    wait_until_rendered(page)
    expect(page.locator("[data-handoff-note]")).to_contain_text(
        f"You are choosing the replacement for return {ret.number}")
    expect(page.get_by_role("button", name="Add to basket")).to_have_count(0)
    use_it = page.get_by_role("button", name="Use this for my exchange")
    expect(use_it).to_be_visible()
    expect(use_it).to_have_class(re.compile(r"\bbutton--primary\b"))
    expect(page.locator("[data-total]")).to_have_text("€155.00")  # the pair they sent back, as they ordered it
    return use_it


def choose(page, exchange, use_it, option, total):
    """Change one option on the configurator (the live total shows ``total``) and bring the choice back."""
    change(page, lambda: page.locator(f"label[for=option-{option}]").click())
    expect(page.locator("[data-total]")).to_have_text(total)
    use_it.click()
    page.wait_for_url(re.compile(rf"{re.escape(exchange_path(exchange))}\?configuration=\w+"))
    choice = page.locator("[data-exchange-choice]")
    expect(choice).to_contain_text("Your replacement: 1 × The Atelier Sneaker")
    return choice


def test_a_dearer_replacement_is_paid_by_card_and_ordered(page, exchange):
    use_it = open_the_configurator(page, exchange)
    choice = choose(page, exchange, use_it, "sole_gum", "€165.00")
    expect(choice).to_contain_text("Natural gum rubber")
    expect(choice.locator("[data-to-pay]")).to_have_text("€10.00")
    expect(choice.locator("[data-exchange-sums]")).to_contain_text("To pay")

    fill_card(page, GOOD_CARD)
    page.get_by_role("button", name="Pay the difference of €10.00").click()
    placed = page.locator("[data-exchange-placed]")
    expect(placed).to_contain_text("You paid the difference of €10.00.")
    exchange.refresh_from_db()
    number = exchange.order.number
    expect(placed).to_contain_text(f"Your replacement is ordered as order {number}.")
    assert page.url.endswith(exchange_path(exchange))  # the page of the exchange, without the choice any more

    placed.get_by_role("link", name=f"order {number}").click()
    page.wait_for_url(f"**/shop/accounts/orders/{number}/")
    expect(page.locator("h1")).to_contain_text(number)
    expect(page.locator("main")).to_contain_text("Natural gum rubber")

    assert exchange.status == ExchangeStatus.PLACED
    assert exchange.order.total_incl_tax == Decimal("10.00")
    assert WorkOrder.objects.filter(line=exchange.order.lines.get()).count() == 1  # in the workshop's queue


def test_a_cheaper_replacement_is_confirmed_and_the_difference_refunded(page, exchange):
    use_it = open_the_configurator(page, exchange)
    choice = choose(page, exchange, use_it, "upper_canvas", "€145.00")
    expect(choice).to_contain_text("Organic cotton canvas")
    sums = choice.locator("[data-exchange-sums]")
    expect(sums).to_contain_text("We refund to your card")
    expect(sums.locator("[data-to-refund]")).to_have_text("€10.00")
    expect(page.locator("#card-element")).to_have_count(0)  # nothing to pay

    page.get_by_role("button", name="Confirm the exchange").click()
    expect(page.locator("#messages .alert-success")).to_contain_text("Your replacement is ordered.")
    placed = page.locator("[data-exchange-placed]")
    expect(placed).to_contain_text("We refunded the difference of €10.00 to the card you paid with")
    exchange.refresh_from_db()
    expect(placed).to_contain_text(f"Your replacement is ordered as order {exchange.order.number}.")

    assert exchange.status == ExchangeStatus.PLACED
    assert exchange.order.total_incl_tax == Decimal("0.00")
    assert PaymentRefund.objects.get().amount == Decimal("10.00")
