import pytest
from django.db.utils import OperationalError

from shop.outbox.models import PendingTask

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_with_json_when_the_database_answers(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "failing": [], "degraded": [],
                               "checks": {"database": {"ok": True}, "outbox": {"ok": True}}}


def test_healthz_names_the_database_when_it_fails(client, monkeypatch):
    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setattr("shop.health.check_database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["database"]
    assert "connection refused" in response.json()["checks"]["database"]["error"]


def test_healthz_checks_redis_when_configured(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/15"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["redis"] == {"ok": True}


def test_healthz_says_the_store_is_degraded_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 200  # pages and orders still work: the load balancer keeps sending traffic
    assert response.json()["status"] == "degraded"
    assert response.json()["failing"] == response.json()["degraded"] == ["redis"]
    assert response.json()["checks"]["database"] == {"ok": True}


def test_healthz_counts_tasks_waiting_for_the_broker(client):
    PendingTask.objects.create(task_name="shop.payments.tasks.send_order_confirmation", args=[1])
    body = client.get("/healthz").json()
    assert body["status"] == "degraded" and body["degraded"] == ["outbox"]
    assert body["checks"]["outbox"]["error"] == "RuntimeError: 1 background task(s) waiting for the broker"
