"""The customer's exchange, through the pages: from the return page to the configurator (whose last button brings
the choice back), the difference paid by card or refunded on confirming, only ever by the return's own customer;
and two confirmations at once (served store, SQLite and PostgreSQL) order one replacement and refund once."""

import json
import re
from decimal import Decimal
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from configurator.selectors import current_version_for_slug
from shop.payments.models import PaymentRefund, StripePayment
from support import links
from support.returns import services
from support.returns.models import ExchangeStatus, Outcome, Reason
from tests.orders import paid_order
from tests.served import Visitor, in_parallel
from tests.shop.payments.conftest import (  # noqa: F401  (fixture)
    SNEAKER_OPTIONS,
    Order,
    card_token,
    pay_request,
    served_checkout,
)
from tests.support.returns.conftest import ship, sneaker, start_return

pytestmark = pytest.mark.usefixtures("stripe_server")


def page_of(exchange):
    return f"/shop/accounts/support/{exchange.ret.request.code}/exchange/"


def test_from_the_return_page_through_the_configurator_to_the_difference(exchange, client_as):
    client = client_as("shopper")
    ret_page = client.get(f"/shop/accounts/support/{exchange.ret.request.code}/")
    assert 'data-choose-replacement>Choose your replacement</a>' in ret_page.content.decode()

    page = client.get(page_of(exchange)).content.decode()
    assert "It counts for\n        <strong data-exchange-credit>€155.00</strong>" in page
    configurator_link = unescape(re.search(r'href="([^"]+)" data-choose-replacement', page).group(1))
    assert configurator_link.startswith(f"/shop/configure/the-atelier-sneaker/{exchange.ret.line.configuration.code}/")

    configurator = client.get(configurator_link).content.decode()
    assert "Use this for my exchange</button>" in configurator and "Add to basket" not in configurator
    assert f"You are choosing the replacement for return {exchange.ret.number}" in configurator
    token = parse_qs(urlparse(configurator_link).query)["choose"][0]
    chosen = client.post("/shop/configure/the-atelier-sneaker/", {
        "size": "size_41", "upper_material": "upper_leather", "upper_colour": "colour_sage", "toe_cap": "toe_same",
        "sole": "sole_gum", "laces": "laces_chalk", "lining": "lining_calf", "extras": "extra_spare_laces",
        "choose": token, "action": "choose"})
    assert chosen.status_code == 302 and chosen["Location"].startswith(page_of(exchange) + "?configuration=")

    summary = client.get(chosen["Location"]).content.decode()
    assert "Your replacement: 1 × The Atelier Sneaker" in summary and "Sage" in summary
    assert re.search(r"data-to-pay><strong>€10.00</strong>", summary)
    assert 'data-expected-total="10.00"' in summary and "Pay the difference of €10.00" in summary


def test_the_configurator_refuses_a_forged_handoff(client_as):
    client = client_as("shopper")
    page = client.get("/shop/configure/the-atelier-sneaker/?choose=forged").content.decode()
    assert "Add to basket" in page and "Use this for my exchange" not in page
    answer = client.post("/shop/configure/the-atelier-sneaker/", {"size": "size_41", "choose": "forged",
                                                             "action": "choose"})
    assert answer.status_code == 400 and "has expired" in answer.content.decode()


def pay(client, exchange, configuration, expected):
    """POST the card form of the exchange page: ``configuration`` a saved configuration, or a code as a string."""
    body = {"token": card_token(), "expected_total": str(expected), "cardholder": "Sam Shopper",
            "configuration": getattr(configuration, "code", configuration)}
    return client.post(page_of(exchange) + "pay/", json.dumps(body), content_type="application/json")


def test_paying_the_difference_orders_the_replacement(exchange, client_as):
    client = client_as("shopper")
    dearer = sneaker("sole_white→sole_gum")
    answer = pay(client, exchange, dearer, "10.00")
    assert answer.status_code == 200, answer.content
    assert answer.json()["redirect"] == page_of(exchange)
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.PLACED and exchange.order.total_incl_tax == Decimal("10.00")
    page = client.get(page_of(exchange)).content.decode()
    assert f'ordered as <a href="/shop/accounts/orders/{exchange.order.number}/">' in page
    assert "You paid the difference of €10.00" in page
    again = pay(client, exchange, dearer, "10.00")
    assert again.status_code == 409 and "already ordered" in again.json()["detail"]["message"]
    assert StripePayment.objects.filter(order__isnull=False).count() == 2  # the original and the difference


def test_bad_payment_requests_change_nothing(exchange, client_as):
    client = client_as("shopper")
    dearer = sneaker("sole_white→sole_gum")
    answer = client.post(page_of(exchange) + "pay/", "{not json", content_type="application/json")
    assert answer.status_code == 400
    answer = pay(client, exchange, "nope", "10.00")
    assert answer.status_code == 409 and "don't know that configuration" in answer.json()["detail"]["message"]
    answer = pay(client, exchange, dearer, "1.00")
    assert answer.status_code == 409 and answer.json()["error"] == "total_changed"
    assert "The difference is now 10.00 EUR" in answer.json()["detail"]["message"]
    cheaper = sneaker("upper_leather→upper_canvas")
    answer = pay(client, exchange, cheaper, "0.00")
    assert answer.status_code == 409 and "nothing to pay" in answer.json()["detail"]["message"]
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.CHOOSING and not StripePayment.objects.filter(amount=10).exists()


def test_confirming_a_cheaper_replacement_refunds_the_difference(exchange, client_as):
    client = client_as("shopper")
    cheaper = sneaker("upper_leather→upper_canvas")
    page = client.get(page_of(exchange) + f"?configuration={cheaper.code}").content.decode()
    assert "data-to-refund><strong>€10.00</strong>" in page and "Confirm the exchange</button>" in page
    answer = client.post(page_of(exchange), {"configuration": cheaper.code, "expected_refund": "10.00"})
    assert answer.status_code == 302
    page = client.get(page_of(exchange)).content.decode()
    assert "We refunded the difference of €10.00 to the card you paid with" in page
    assert PaymentRefund.objects.get().amount == Decimal("10.00")


def test_only_the_returns_customer_reaches_its_exchange(exchange):
    cheaper = sneaker("upper_leather→upper_canvas")
    client = Client()
    assert client.get(page_of(exchange)).status_code == 302  # signed out: sign in first
    stranger = get_user_model().objects.create_user(username="eve", email="eve@example.com", password="x")
    other = Client()
    other.force_login(stranger)
    assert other.get(page_of(exchange)).status_code == 404
    assert other.post(page_of(exchange), {"configuration": cheaper.code, "expected_refund": "10.00"}) \
        .status_code == 404
    assert pay(other, exchange, cheaper, "0.00").status_code == 404
    assert other.post(page_of(exchange) + "pay/complete/").status_code == 404
    # a member's return has no guest link, and a guest link of another request reaches nothing
    token = links.guest_token(exchange.ret.request)
    assert client.get(f"/shop/support/r/{token}/exchange/").status_code == 404
    assert client.get("/shop/support/r/forged/exchange/").status_code == 404
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.CHOOSING


def test_a_guest_exchanges_through_their_signed_link(client, agent):
    version = current_version_for_slug("the-atelier-sneaker")
    order = ship(paid_order(version, SNEAKER_OPTIONS))  # a guest's order (guest@example.com)
    ret = services.start_return(order=order, line=order.lines.get(), quantity=1, reason=Reason.CHANGED_MIND,
                                wanted=Outcome.EXCHANGE, email=order.guest_email, name="Gus Guest")
    services.approve_return(ret, agent=agent, ship_back=False)
    ret = services.resolve_return(ret, agent=agent, resolution=Outcome.EXCHANGE)
    guest_page = f"/shop/support/r/{links.guest_token(ret.request)}/exchange/"
    assert "It counts for" in client.get(guest_page).content.decode()
    assert client.get(f"/shop/accounts/support/{ret.request.code}/exchange/").status_code == 302  # not a member's

    other_size = sneaker("size_40→size_41")
    answer = client.post(guest_page, {"configuration": other_size.code, "expected_refund": "0.00"})
    token = answer["Location"].removeprefix("/shop/support/r/").removesuffix("/exchange/")  # signed anew: a new time
    assert answer.status_code == 302 and links.code_from_guest_token(token) == ret.request.code
    ret.exchange.refresh_from_db()
    replacement_order = ret.exchange.order
    assert replacement_order.guest_email == "guest@example.com" and replacement_order.user is None
    page = client.get(guest_page).content.decode()
    assert f'/order-status/{replacement_order.number}/{replacement_order.verification_hash()}/' in page


def test_the_exchange_page_reads_a_fixed_number_of_queries(exchange, client_as, django_assert_max_num_queries):
    client = client_as("shopper")
    cheaper = sneaker("upper_leather→upper_canvas")
    with django_assert_max_num_queries(18):  # the exchange and the configuration; the rest is the layout
        assert client.get(page_of(exchange) + f"?configuration={cheaper.code}").status_code == 200


@pytest.fixture
def served_exchange(live_server, served_checkout, demo_user):  # noqa: F811
    """An exchange of Sam's sneakers paid by card in the served store; tabs(configuration) → two browser tabs of
    Sam's on its page with that replacement chosen."""
    customer, desk_agent = demo_user("shopper"), demo_user("support")
    order = ship(Order.objects.get(number=pay_request(served_checkout)().json()["order"]))
    ret = start_return(order, customer, reason=Reason.CHANGED_MIND, wanted=Outcome.EXCHANGE)
    services.approve_return(ret, agent=desk_agent, ship_back=False)
    ret = services.resolve_return(ret, agent=desk_agent, resolution=Outcome.EXCHANGE)

    def tabs(configuration):
        opened = []
        for _ in range(2):
            client = Client()
            client.force_login(customer)
            tab = Visitor(live_server, client)
            tab.csrf_token(page_of(ret.exchange) + f"?configuration={configuration.code}")  # the page with its form
            opened.append(tab)
        return opened

    return ret.exchange, tabs


def test_two_confirmations_at_once_order_one_replacement_and_refund_once(served_exchange):
    exchange, tabs = served_exchange
    cheaper = sneaker("upper_leather→upper_canvas")
    visitors = tabs(cheaper)
    body = {"configuration": cheaper.code, "expected_refund": "10.00"}

    answers = in_parallel(*(lambda v=v: v.post(page_of(exchange), data=body) for v in visitors))

    placed = [a for a in answers if a.status_code == 302]
    assert len(placed) == 1, answers
    other = next(a for a in answers if a is not placed[0])
    # the other tab is told the replacement is ordered: refused under the lock, or it read the exchange after
    assert (other.status_code, "already ordered" in other.text) == (400, True) or \
        (other.status_code, "data-exchange-placed" in other.text) == (200, True), other.text[:300]
    assert Order.objects.filter(exchange_of__isnull=False).count() == 1
    assert PaymentRefund.objects.filter(status="succeeded").count() == 1


def test_two_tabs_paying_the_difference_at_once_charge_it_once(served_exchange):
    exchange, tabs = served_exchange
    dearer = sneaker("sole_white→sole_gum")
    bodies = [{"token": card_token(), "expected_total": "10.00", "cardholder": "Sam Shopper",
               "configuration": dearer.code} for _ in range(2)]

    answers = in_parallel(*(lambda t=t, b=b: t.post(page_of(exchange) + "pay/", json=b)
                            for t, b in zip(tabs(dearer), bodies, strict=True)))

    assert sorted(a.status_code for a in answers) == [200, 409], [a.text[:300] for a in answers]
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.PLACED
    charged = StripePayment.objects.filter(basket__exchange=exchange)
    kept = [payment.amount for payment in charged if payment.status == "succeeded"]
    assert kept == [Decimal("10.00")]  # any other tab's charge never happened, or was given back in full
    assert Order.objects.filter(exchange_of__isnull=False).count() == 1
