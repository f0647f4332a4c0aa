"""The order is placed once, even when the browser's return and the webhook race; and it is cheap to place."""

import threading
import time
import uuid

import pytest
from django.db import connection, connections

from shop.payments import services
from shop.payments.models import StripePayment
from shop.payments.placement import PaymentOrderPlacement
from tests.shop.payments.conftest import Order, accepted_terms, go_to_payment, pay
from tests.shop.payments.test_checkout import authenticate


def test_two_concurrent_callers_place_one_order(transactional_db, seeded_store, at_payment, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("two concurrent writers need PostgreSQL (CI runs this on PostgreSQL)")
    response = pay(at_payment, "4000002760003184")
    payment = StripePayment.objects.get()
    authenticate(payment, response.json()["client_secret"], success=True)

    place = PaymentOrderPlacement.place

    def slow_place(self, intent):  # widen the window: without the lock both callers would get in here
        time.sleep(0.3)
        return place(self, intent)

    monkeypatch.setattr(PaymentOrderPlacement, "place", slow_place)
    start, results, errors = threading.Barrier(2), [], []

    def caller():
        try:
            start.wait()
            results.append(services.place_order_for_intent(intent_id=payment.intent_id).number)
        except Exception as error:  # noqa: BLE001  the test reports any failure of either caller
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=caller) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(results) == 2 and results[0] == results[1]
    assert Order.objects.filter(number=results[0]).count() == 1
    assert Order.objects.count() == 1


def test_placing_the_order_stays_within_its_query_budget(at_payment, django_assert_max_num_queries):
    # The whole payment request: checks, basket freeze, payment rows, order, lines, snapshot, payment records,
    # Oscar's analytics (a product's first count inserted in a savepoint: 2 more, shop/analytics/counters.py), the
    # basket's configurations read once per version (1 fewer), the status change to Paid, the work orders (11: the
    # workstations locked, so one payment books at a time, and the production ledger placed from the committed
    # queue: routing, calendar, open work orders, inserts), the basket priced again under its lock before the
    # charge (10),
    # whether store credit was spent (1), whether the order is an exchange's replacement (1) and the customer's
    # loyalty tier (1: whether their units take a free express slot in the queue), demand's facts (3: the tier they
    # ordered in, the option facts, the price-rule facts) and whether a configurator session put the configuration in
    # a basket (1), the terms of sale in force (1: the shopper accepted their version) and the order's checkout details
    # (1: the terms accepted, company and VAT number). Saleor's checkoutComplete runs about 230 queries.
    terms = accepted_terms()
    with django_assert_max_num_queries(127) as captured:
        response = pay(at_payment, terms=terms)
    assert response.status_code == 200
    assert len(captured) > 40  # the budget measures a real placement (127 queries, 40 of them savepoint statements)


@pytest.mark.parametrize("orders", [1, 4])
def test_order_history_shows_each_payment_state_in_constant_queries(at_payment, demo_user, sneaker_quote, orders,
                                                                    django_assert_max_num_queries):
    numbers = [pay(at_payment).json()["order"]]
    for _ in range(orders - 1):
        go_to_payment(at_payment, demo_user("shopper"), sneaker_quote)
        numbers.append(pay(at_payment).json()["order"])
    services.refund_order_payment(order=Order.objects.get(number=numbers[0]), amount="5.00", reason="Late",
                                  requested_by=None, idempotency_key=f"late-{uuid.uuid4()}")
    with django_assert_max_num_queries(20):  # the same for 1 or 4 orders
        page = at_payment.get("/shop/accounts/orders/").content.decode()
    assert all(number in page for number in numbers)
    assert "Partly refunded</span> (€5.00 refunded)" in page
    assert page.count(">Paid</span>") == orders - 1
