"""``/healthz``: what works, what is degraded, and what fails.

- 200 ``ok``: every backing service answers.
- 200 ``degraded``: the store serves pages and takes orders, but something it can do without is missing: Redis
  (the cache falls back to memory, background tasks wait in the outbox) or tasks waiting in the outbox.
- 503 ``fail``: the database does not answer; nothing works without it.
"""

import redis
from django.conf import settings
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from shop.outbox.services import waiting_count

ESSENTIAL = {"database"}


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_redis():
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    finally:
        client.close()


def check_outbox():
    waiting = waiting_count()
    if waiting:
        raise RuntimeError(f"{waiting} background task(s) waiting for the broker")


def service_checks():
    checks = {"database": check_database}
    if settings.REDIS_URL:
        checks["redis"] = check_redis
    checks["outbox"] = check_outbox
    return checks


@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request):
    results = {}
    for name, check in service_checks().items():
        if name != "database" and results.get("database", {}).get("ok") is False:
            continue  # the outbox lives in the database
        try:
            check()
        except Exception as exc:  # any failure of a backing service is reported, never raised
            results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        else:
            results[name] = {"ok": True}
    failing = [name for name, result in results.items() if not result["ok"]]
    degraded = [name for name in failing if name not in ESSENTIAL]
    status = "fail" if set(failing) & ESSENTIAL else "degraded" if degraded else "ok"
    body = {"status": status, "failing": failing, "degraded": degraded, "checks": results}
    return JsonResponse(body, status=503 if status == "fail" else 200)
