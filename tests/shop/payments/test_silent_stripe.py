"""Stripe that never answers: the shopper gets a clear message and the basket back, quickly, not after minutes."""

import socket
import threading

import pytest

from shop.payments.models import StripePayment
from tests.shop.payments.conftest import Order, card_token, pay


@pytest.fixture
def silent_stripe(settings):
    """A server on loopback that accepts connections and never says a word; counts the connections it got."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted, stop = [], threading.Event()

    def serve():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            accepted.append(connection)  # kept open, never answered

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    stop.set()
    thread.join(timeout=5)
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_silent_stripe_gives_up_after_one_retry_with_a_message_and_the_basket_back(at_payment, silent_stripe,
                                                                                       settings):
    token = card_token()  # Stripe.js got its token; then Stripe goes silent for the server
    address, connections = silent_stripe
    settings.STRIPE_API_BASE = address
    settings.STRIPE_TIMEOUT_SECONDS = 0.3
    response = pay(at_payment, token=token)
    assert response.status_code == 502
    assert response.json()["error"] == "payment_unavailable"
    assert "Nothing has been charged" in response.json()["detail"]["message"]
    assert len(connections) == 2  # the call and its one retry, then the store gave up
    payment = StripePayment.objects.get()
    assert payment.status == StripePayment.Status.FAILED and payment.basket.status == "Open"
    assert not Order.objects.exists()
