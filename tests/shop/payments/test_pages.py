"""The payment, thank-you and staff order pages: what they show, and their query budgets."""

from shop.demo.orders import DEMO_ORDERS, place_demo_order
from shop.payments import gateway
from shop.payments.models import StripePayment
from tests.shop.payments.conftest import Order, event, pay, post_event


def test_the_review_and_pay_page(at_payment, django_assert_max_num_queries, settings):
    with django_assert_max_num_queries(45):
        response = at_payment.get("/shop/checkout/payment-details/")
    page = response.content.decode()
    assert "Review and pay" in page and "Pay €155.00" in page
    assert "Spare pair of laces" in page and "Veldstraat 12" in page
    assert "incl. €26.90 VAT (21 %)" in page  # the VAT 155.00 contains (delivery of sneakers is free)
    assert f'<script src="{settings.STRIPE_JS_URL}"></script>' in page
    assert 'data-publishable-key="pk_test_localstripe"' in page and "sk_test" not in page
    assert at_payment.get("/shop/checkout/preview/")["Location"] == "/shop/checkout/payment-details/"


def test_the_thank_you_page_budget(at_payment, django_assert_max_num_queries):
    pay(at_payment)
    with django_assert_max_num_queries(40):
        response = at_payment.get("/shop/checkout/thank-you/")
    assert response.status_code == 200 and "incl. €26.90 VAT (21 %)" in response.content.decode()


def test_a_webhook_event_budget(client, at_payment, django_assert_max_num_queries):
    pay(at_payment)
    payment = StripePayment.objects.get()
    # An event for an order already placed: record the event, lock the payment, find the order, note the outcome
    # (5 queries, 6 savepoint statements, and the test client's session and user).
    with django_assert_max_num_queries(13):
        post_event(client, event("payment_intent.succeeded", {"id": payment.intent_id}))


def test_the_staff_order_page_shows_the_payment(at_payment, client_as, django_assert_max_num_queries):
    number = pay(at_payment).json()["order"]
    agent = client_as("support")
    with django_assert_max_num_queries(60):
        page = agent.get(f"/shop/dashboard/orders/{number}/").content.decode()
    assert "Payment: <strong>Paid</strong> · paid €155.00 with Visa ending 4242" in page
    assert Order.objects.get(number=number).stripe_payment.card_label == "Visa ending 4242"
    assert "left to refund €155.00" in page and 'class="form-inline refund-form"' in page


def test_an_order_paid_outside_stripe_offers_no_refund_form(client_as, demo_user):
    upc, options, measurements, texts, quantity, _ = DEMO_ORDERS[0]
    order = place_demo_order(demo_user("shopper"), upc, options, measurements, texts, quantity)
    page = client_as("support").get(f"/shop/dashboard/orders/{order.number}/").content.decode()
    assert "Payment: <strong>Paid</strong> · paid" in page and "with a bank transfer" in page
    assert "not through Stripe, so it is refunded outside the store" in page
    assert "refund-form" not in page


def test_support_finds_disputed_payments_in_the_dashboard(at_payment, client_as, django_assert_max_num_queries):
    number = pay(at_payment).json()["order"]
    payment = StripePayment.objects.get(order__number=number)
    charge = gateway.retrieve_intent(payment.intent_id).charge_id
    post_event(at_payment, event("charge.dispute.created", {"id": "dp_1", "charge": charge, "amount": 15500,
                                                            "reason": "product_not_received"}))
    agent = client_as("support")
    assert "/shop/dashboard/payments/" in agent.get("/shop/dashboard/").content.decode()  # in the menu
    with django_assert_max_num_queries(25):
        page = agent.get("/shop/dashboard/payments/?show=disputed").content.decode()
    assert "One payment is disputed" in page and "product not received" in page and number in page
    assert "Payment disputed." in agent.get(f"/shop/dashboard/orders/{number}/").content.decode()
    assert number not in agent.get("/shop/dashboard/payments/?show=failed").content.decode()
    assert client_as("merch").get("/shop/dashboard/payments/").status_code == 403
    assert "/shop/dashboard/payments/" not in client_as("merch").get("/shop/dashboard/").content.decode()
    assert client_as("shopper").get("/shop/dashboard/payments/").status_code in (302, 403)
