"""Benchmark of the store's busiest pages against stock Oscar's own views, on the same data in the same run.

On the configured database (``DATABASE_URL``; SQLite by default), migrated and seeded with the demo store
(``manage.py migrate && manage.py seed_demo``), inside one transaction rolled back at the end (nothing is left
behind), it measures server time per request through Django's test client, in-process, with ``DEBUG`` off:

* **catalogue**: ``/shop/catalogue/`` for a visitor, against Oscar's stock ``CatalogueView`` (its search handler
  with ``load_all()``: the products of a page in one query) rendered with Oscar's own templates;
* **basket, 10 lines**: a signed-in customer's basket of 10 configured lines of the three demo products (each a
  saved configuration of its own), against Oscar's stock ``BasketView`` with Oscar's own templates and Oscar's
  stock pricing strategy (``oscar.apps.partner.strategy.Default``), on the same basket.

The stock views are mounted on a benchmark-only URLconf (``/bench/stock/...``) beside the store's own URLs, and
render with a second template engine that knows only the installed apps' templates (Oscar's), not the store's.
Each page is requested ``--warm`` times first (caches filled, as on a server that has been up a while), then
``--requests`` times in turn with the stock view, ``--rounds`` times; the table shows the time per request of
the best round of each (the least disturbed by other work on the machine, as ``timeit`` does), as wall time and as
this process's CPU time, requests/s, queries per request and the ratios (ours / stock). The targets are judged on
CPU time on SQLite (which works inside this process, so its CPU time is all the server's work and other processes
on a shared machine hardly disturb it) and on wall time on PostgreSQL (whose work is in another process).
Run from the repository root::

    .venv/bin/python benchmarks/pages.py [--requests 50] [--rounds 5] [--warm 3]

Targets: the basket at most stock Oscar's time (ratio <= 1.0), the catalogue at least 1.5 times stock Oscar's
throughput; the exit status is 1 when one is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.template import engines, loader  # noqa: E402
from django.template.response import TemplateResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path  # noqa: E402
from oscar.apps.basket.views import BasketView  # noqa: E402
from oscar.apps.partner.strategy import Default  # noqa: E402
from oscar.apps.search.views.catalogue import CatalogueView  # noqa: E402

from tests.shop.baskets import basket_of_configurations  # noqa: E402

BASKET_LINES = 10
CATALOGUE_TARGET = 1.5  # at least this many times stock Oscar's requests per second
BASKET_TARGET = 1.0  # at most stock Oscar's time per request
STOCK_ENGINE = "stock-oscar"


class OscarTemplateResponse(TemplateResponse):
    """Rendered with Oscar's own templates only, also those its template tags load (``render_product`` asks
    Django's loader, which would find the store's templates first)."""

    def render(self):
        original = loader._engine_list  # pylint: disable=protected-access
        loader._engine_list = lambda using=None: [engines[STOCK_ENGINE]]
        try:
            return super().render()
        finally:
            loader._engine_list = original


class OscarTemplatesOnly:
    template_engine = STOCK_ENGINE
    response_class = OscarTemplateResponse


class StockCatalogueView(OscarTemplatesOnly, CatalogueView):
    pass


class StockBasketView(OscarTemplatesOnly, BasketView):
    """Oscar's basket page as Oscar ships it: its templates and its default pricing strategy."""

    def dispatch(self, request, *args, **kwargs):
        request.strategy = request.basket.strategy = Default(request)
        return super().dispatch(request, *args, **kwargs)


urlpatterns = [
    path("bench/stock/catalogue/", StockCatalogueView.as_view(), name="stock-catalogue"),
    path("bench/stock/basket/", StockBasketView.as_view(), name="stock-basket"),
    path("", include(settings.ROOT_URLCONF)),
]


def stock_templates():
    """The store's template engine, and a second one with only the installed apps' templates (Oscar's own)."""
    ours = settings.TEMPLATES[0]
    stock = {**ours, "NAME": STOCK_ENGINE, "DIRS": [], "APP_DIRS": True}
    return [{**ours, "NAME": "django"}, stock]


def per_request(client, url, count):
    """(wall seconds, CPU seconds of this process) per request."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - wall) / count, (time.process_time() - cpu) / count


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def compare(client, ours, stock, args):
    """{url: (wall, cpu, queries)} per request of our page and the stock one: each time the best round (rounds
    alternate between the two, so both see the same machine; the best is the one least disturbed by other work,
    as timeit takes it)."""
    for url in (ours, stock):
        for _ in range(args.warm):
            client.get(url)
    rounds = {ours: [], stock: []}
    for _ in range(args.rounds):
        for url in (ours, stock):
            rounds[url].append(per_request(client, url, args.requests))
    return [(min(wall for wall, _ in rounds[url]), min(cpu for _, cpu in rounds[url]), queries_of(client, url))
            for url in (ours, stock)]


def row(name, ours, stock):
    print(f"{name:<18} {ours[0] * 1000:>7.1f} {ours[1] * 1000:>7.1f} {1 / ours[0]:>6.0f} {ours[2]:>4}   "
          f"{stock[0] * 1000:>7.1f} {stock[1] * 1000:>7.1f} {1 / stock[0]:>6.0f} {stock[2]:>4}   "
          f"{ours[0] / stock[0]:>6.2f} {ours[1] / stock[1]:>6.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="requests per round and page")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warm", type=int, default=3, help="requests before measuring")
    args = parser.parse_args()

    print(f"pages: Python {platform.python_version()}, {connection.vendor}, {os.cpu_count()} CPUs, "
          f"cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}, "
          f"best of {args.rounds} rounds of {args.requests} requests")
    with override_settings(DEBUG=False, ROOT_URLCONF=__name__, TEMPLATES=stock_templates(),
                           ALLOWED_HOSTS=["testserver"]), transaction.atomic():
        visitor = Client()
        catalogue = compare(visitor, "/shop/catalogue/", "/bench/stock/catalogue/", args)

        customer = get_user_model().objects.create_user(
            username="bench-pages", email="bench-pages@atelier.invalid", password="bench-pages-unused")
        basket_of_configurations(customer, BASKET_LINES)
        shopper = Client()
        shopper.force_login(customer)
        basket = compare(shopper, "/shop/basket/", "/bench/stock/basket/", args)
        transaction.set_rollback(True)

    print(f"{'page':<18} {'ours: wall':>10} {'cpu':>7} {'req/s':>6} {'q':>4}   {'stock: wall':>11} {'cpu':>6} "
          f"{'req/s':>6} {'q':>4}   {'time ratio (wall, cpu)':>13}")
    row("catalogue", *catalogue)
    row(f"basket, {BASKET_LINES} lines", *basket)
    judged = 1 if connection.vendor == "sqlite" else 0  # SQLite works inside this process: its CPU time is the server's
    catalogue_speedup = catalogue[1][judged] / catalogue[0][judged]
    basket_ratio = basket[0][judged] / basket[1][judged]
    print(f"pages ({'CPU' if judged else 'wall'} time): catalogue_throughput_ratio={catalogue_speedup:.2f} "
          f"(target >= {CATALOGUE_TARGET}) basket_time_ratio={basket_ratio:.2f} (target <= {BASKET_TARGET})")
    return 0 if catalogue_speedup >= CATALOGUE_TARGET and basket_ratio <= BASKET_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
