"""The store on several app servers: two gunicorn servers (DEBUG off, as `make serve` runs them) on two ports, one
PostgreSQL and one Redis, as N app servers behind a load balancer are. What is done on one, the other serves at once.

They run when the suite itself runs on PostgreSQL (DATABASE_URL; the servers use the test database) and a Redis
answers at ATELIER_TEST_REDIS_URL (default redis://127.0.0.1:6379/9, a database of the tests' own: flushed);
otherwise they are skipped, saying which is missing.
"""

import os
import threading
from decimal import Decimal
from urllib.parse import quote

import pytest
import redis
from django.db import connection
from django.urls import reverse
from oscar.core.loading import get_model

from configurator.models import ConfigurableProduct, FeatureOption
from configurator.production.models import WorkOrder
from configurator.production.planning import estimate_ship_date, queue_changed
from tests.conftest import DEMO_PASSWORDS
from tests.orders import SNEAKER, paid_order
from tests.served import in_parallel
from tests.servers import Gunicorn, free_port, manage, post_form, post_json, production_environment, shopper_session

Product = get_model("catalogue", "Product")
ProductRecord = get_model("analytics", "ProductRecord")
REDIS_URL = os.environ.get("ATELIER_TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
SLUG = "the-atelier-sneaker"
STATE = "/shop/api/configurator/state/"

pytestmark = pytest.mark.django_db(transaction=True)


def redis_answers():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def database_url(settings_dict):
    user = quote(settings_dict["USER"] or "")
    password = f":{quote(settings_dict['PASSWORD'])}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"


@pytest.fixture(scope="module")
def two_servers(django_db_setup, django_db_blocker, tmp_path_factory):
    """Server A and server B, one gunicorn worker each, on the test database and the tests' Redis."""
    with django_db_blocker.unblock():
        vendor, settings_dict = connection.vendor, dict(connection.settings_dict)
    if vendor != "postgresql":
        pytest.skip("the scale-out tests need PostgreSQL: this run is on SQLite (set DATABASE_URL=postgres://...)")
    if not redis_answers():
        pytest.skip(f"the scale-out tests need Redis: nothing answers at {REDIS_URL} (ATELIER_TEST_REDIS_URL)")
    environ = production_environment(database_url=database_url(settings_dict), redis_url=REDIS_URL,
                                     data_dir=tmp_path_factory.mktemp("scale-out"))
    manage("collectstatic", "--noinput", "-v0", environ=environ)
    servers = [Gunicorn(port=free_port(), environ=environ, workers=1, threads=2) for _ in range(2)]
    starts = [threading.Thread(target=server.start) for server in servers]
    try:
        for start in starts:
            start.start()
        for start in starts:
            start.join()
        for server in servers:
            assert server.process is not None and server.process.poll() is None, "a server did not start"
        yield servers
    finally:
        for server in servers:
            server.stop()


@pytest.fixture
def shared_cache(seeded_store):
    """Redis as a fresh deployment has it: nothing cached yet (the test database was seeded behind its back)."""
    redis.Redis.from_url(REDIS_URL).flushdb()
    yield
    redis.Redis.from_url(REDIS_URL).flushdb()


def signed_in(server, role):
    session = shopper_session()
    session.get(server.url + "/shop/accounts/login/", timeout=30)
    email, password = DEMO_PASSWORDS[role]
    response = post_form(session, server.url, "/shop/accounts/login/",
                         {"login-username": email, "login-password": password, "login_submit": "Log in"})
    assert response.status_code == 302, response.text[:500]
    return session


def shopper_on(server):
    session = shopper_session()
    assert session.get(f"{server.url}/shop/configure/{SLUG}/", timeout=30).status_code == 200
    return session


def state_on(server, session, options):
    response = post_json(session, server.url, STATE, {"product": SLUG, "options": options})
    assert response.status_code == 200, response.text[:500]
    return response.json()


def option_price(state, code):
    return next(Decimal(option["price_delta"]) for group in state["groups"] if group["kind"] == "choice"
                for option in group["options"] if option["code"] == code)


def test_a_model_published_on_one_server_is_what_the_other_serves(two_servers, shared_cache):
    server_a, server_b = two_servers
    shopper = shopper_on(server_b)
    before = state_on(server_b, shopper, ["upper_suede"])
    assert before["version"] == 1
    sneaker = ConfigurableProduct.objects.get(product__slug=SLUG)
    suede = FeatureOption.objects.get(group__configurable=sneaker, code="upper_suede")
    new_price = option_price(before, "upper_suede") + Decimal("25.00")
    suede.price_delta = new_price
    suede.save()  # the merchandiser's draft: suede dearer

    merchandiser = signed_in(server_a, "merch")
    publish = reverse("dashboard:feature-model-publish", kwargs={"pk": sneaker.pk})
    response = post_form(merchandiser, server_a.url, publish, {"confirm": "yes"})
    assert response.status_code == 302, response.text[:500]

    after = state_on(server_b, shopper, ["upper_suede"])
    assert after["version"] == 2
    assert option_price(after, "upper_suede") == new_price
    assert Decimal(after["price"]["total"]) >= Decimal(before["price"]["total"]) + Decimal("25.00")


def test_a_work_order_move_on_one_server_moves_the_ship_date_the_other_shows(two_servers, shared_cache):
    server_a, server_b = two_servers
    version = ConfigurableProduct.objects.get(product__slug=SLUG).current_version
    empty_queue = estimate_ship_date(version, SNEAKER)
    orders = []
    while estimate_ship_date(version, SNEAKER) <= empty_queue and len(orders) < 12:  # a queue that pushes it back
        orders.append(paid_order(version, quantity=10, user=None))
    assert estimate_ship_date(version, SNEAKER) > empty_queue
    redis.Redis.from_url(REDIS_URL).flushdb()  # the queue changed in this process: the servers' ledger is stale

    shopper = shopper_on(server_b)
    queued = state_on(server_b, shopper, SNEAKER)["ship_date"]
    assert queued == estimate_ship_date(version, SNEAKER).isoformat()

    planner = signed_in(server_a, "production")
    numbers = list(WorkOrder.objects.filter(order__in=orders).values_list("number", flat=True))
    for to_status in ("in_production", "quality_check"):  # past the making: only the check is left to plan
        response = post_form(planner, server_a.url, reverse("dashboard:production-move"),
                             {"numbers": numbers, "to_status": to_status})
        assert response.status_code == 302, response.text[:500]
    assert set(WorkOrder.objects.filter(order__in=orders).values_list("status", flat=True)) == {"quality_check"}

    moved = state_on(server_b, shopper, SNEAKER)["ship_date"]
    assert moved < queued
    queue_changed()  # this process's own ledger is stale too
    assert moved == estimate_ship_date(version, SNEAKER).isoformat()


def test_shoppers_opening_a_new_product_at_once_on_both_servers_all_get_the_page_and_are_all_counted(
        two_servers, shared_cache):
    """Oscar counts each product view; the first views of a product, in parallel, each try to create its record."""
    ProductRecord.objects.all().delete()
    pages = {product.pk: product.get_absolute_url() for product in Product.objects.filter(
        configurable__isnull=False)}
    calls = [lambda server=server, page=page: shopper_session().get(server.url + page, timeout=60)
             for page in pages.values() for server in two_servers for _ in range(3)]
    answers = in_parallel(*calls)
    assert [getattr(answer, "status_code", answer) for answer in answers] == [200] * len(calls)
    assert dict(ProductRecord.objects.values_list("product_id", "num_views")) == dict.fromkeys(pages, 6)
