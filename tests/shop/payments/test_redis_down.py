"""Redis down: the store keeps serving pages and taking orders; what needs Redis waits and /healthz says so."""

import socket

import pytest
from django.core import mail

from shop.celery import app as celery_app
from shop.outbox.models import PendingTask
from shop.outbox.services import drain_outbox
from tests.shop.payments.conftest import SNEAKER_TOTAL, Order, pay


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free, and nothing listens once the probe is closed


@pytest.fixture
def redis_down(settings):
    """The configured Redis (cache and Celery broker) stops answering."""
    url = f"redis://127.0.0.1:{closed_port()}/0"
    settings.REDIS_URL = url
    settings.CACHES = {"default": {"BACKEND": "shop.cache.ResilientRedisCache", "LOCATION": url,
                                   "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=url, task_always_eager=False)
    celery_app._pool, celery_app.amqp._producer_pool = None, None
    yield url
    celery_app.conf.update(saved)
    celery_app._pool, celery_app.amqp._producer_pool = None, None


@pytest.fixture
def redis_back(redis_down):
    """Redis answers again: tasks run (eagerly here, as a worker would run them)."""
    def bring_back():
        celery_app.conf.update(task_always_eager=True)
    return bring_back


def test_pages_answer_while_redis_is_down(redis_down, client_as):
    client = client_as(None)
    for path in ("/", "/shop/accounts/login/", "/shop/catalogue/", "/shop/configure/the-atelier-sneaker/",
                 "/help/"):
        assert client.get(path).status_code == 200, path
    client = client_as("shopper")
    assert client.get("/shop/accounts/orders/").status_code == 200
    body = client.get("/healthz").json()
    assert body["status"] == "degraded" and "redis" in body["degraded"]


def test_an_order_paid_while_redis_is_down_is_placed_and_its_email_sent_later(
        at_payment, redis_back, django_capture_on_commit_callbacks, client):
    with django_capture_on_commit_callbacks(execute=True):
        response = pay(at_payment)
    assert response.status_code == 200, response.content  # not a 500: the order is placed
    order = Order.objects.get(number=response.json()["order"])
    assert order.total_incl_tax == SNEAKER_TOTAL
    waiting = {task.task_name: task.args for task in PendingTask.objects.all()}
    assert waiting == {"shop.payments.tasks.send_order_confirmation": [order.pk],  # the e-mail, and the customer's
                       "shop.loyalty.jobs.refresh_customer_standing": [order.user_id]}  # loyalty standing
    assert mail.outbox == []
    assert client.get("/healthz").json()["degraded"] == ["redis", "outbox"]

    assert drain_outbox() == 0  # Redis still down: the tasks keep waiting
    assert set(PendingTask.objects.values_list("attempts", flat=True)) == {1, 2}  # the first one was tried again
    redis_back()
    assert drain_outbox() == 2
    assert not PendingTask.objects.exists()
    assert len(mail.outbox) == 1 and order.number in mail.outbox[0].subject + mail.outbox[0].body
