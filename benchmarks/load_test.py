"""Load test of the store served as in production: gunicorn (2 workers, DEBUG off), PostgreSQL and Redis, loopback.

It creates a throw-away PostgreSQL database, migrates it and seeds the demo store (`manage.py seed_demo`), collects
the static files, starts gunicorn (gunicorn.conf.py: gthread workers) on 127.0.0.1, then lets ``--shoppers``
virtual shoppers (threads, one requests.Session each) walk the shopper's path again and again, each walk as a new
visitor, for ``--seconds`` seconds or ``--walks`` walks in all, whichever comes first:

    home -> catalogue -> product page -> configurator page -> 5 clicks (POST state/, the selection growing by one
    choice each time) -> save the quote (POST quotes/) -> add to basket (POST the quote's page, action=basket)

The clicks and the quote follow one of a few complete selections per product found before the run through the same
state API (measurements typed first, then one option per click, in a shuffled order). A step answering anything but
its expected status (200; 201 for the quote; a redirect to the basket for the add) counts as an error. The
database, the servers and the Redis database (``--redis-url``, flushed before and after) are cleaned up at the end,
on an error and on Ctrl-C.

    .venv/bin/python benchmarks/load_test.py [--shoppers 8] [--seconds 30] [--walks 100000] [--port 8602]
                                             [--workers 2] [--threads 4] [--clicks-only]

``--clicks-only`` leaves out everything but the configurator page and the clicks, to show the state API's own
capacity beside the whole path's.

It prints req/s and p50/p95/max per step; the last line is
``load_test: rps=<configurator clicks per second> p95_ms=<p95 of the clicks> errors=<errors in all steps>``.
Target on 2 cores: rps >= 100, p95 < 150 ms, no errors (exit status 1 otherwise).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import psycopg
import redis
import requests
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.servers import Gunicorn, manage, post_form, post_json, production_environment, shopper_session  # noqa: E402

PRODUCTS = ("the-atelier-sneaker", "the-atelier-city-bike", "the-atelier-standing-desk")
STEPS = ("home", "catalogue", "product", "configurator page", "click", "quote", "add to basket")
CLICKS = 5
STATE, QUOTES = "/shop/api/configurator/state/", "/shop/api/configurator/quotes/"


class Interrupted(Exception):
    pass


def on_terminate(signum, frame):
    raise Interrupted(f"signal {signum}")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


# --- Setting up: a database, the demo store, a server -----------------------------------------------------------
def create_database(admin_url, name):
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(admin_url, name):
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def database_url(admin_url, name):
    return admin_url.rsplit("/", 1)[0] + "/" + name


def prepare_store(environ):
    seed_environ = {k: v for k, v in environ.items() if k != "REDIS_URL"}  # seeding runs its tasks inline
    for args, what in ((("migrate", "--noinput", "-v0"), "migrating"), (("seed_demo",), "seeding the demo store"),
                       (("collectstatic", "--noinput", "-v0"), "collecting static files")):
        started = time.monotonic()
        print(f"  {what}...", end="", flush=True)
        manage(*args, environ=environ if args[0] == "collectstatic" else seed_environ)
        print(f" {time.monotonic() - started:.0f} s")


# --- The shopper's path -------------------------------------------------------------------------------------------
def product_pages(base):
    page = requests.get(base + "/shop/catalogue/", timeout=30).text
    links = sorted(set(re.findall(r'href="(/shop/catalogue/[a-z0-9-]+_\d+/)"', page)))
    pages = {slug: next((link for link in links if link.startswith(f"/shop/catalogue/{slug}_")), None)
             for slug in PRODUCTS}
    missing = [slug for slug, link in pages.items() if link is None]
    if missing:
        raise RuntimeError(f"the catalogue links to no product page for {missing}")
    return pages


def typed_measurements(groups, rng):
    """A value of each required measurement, between its minimum and maximum, on its step."""
    typed = {}
    for group in groups:
        if group["kind"] == "measurement" and group["required"]:
            low, high, step = (Decimal(group[key] or "1") for key in ("minimum", "maximum", "step"))
            typed[group["code"]] = str(low + step * rng.randint(0, int((high - low) / step)))
    return typed


def complete_selection(base, slug, rng):
    """One complete selection of the product of at least CLICKS options (optional steps too, where the required
    ones are fewer), chosen at random through the state API: (measurements, options)."""
    session = shopper_session()
    session.get(f"{base}/shop/configure/{slug}/", timeout=30)
    state = post_json(session, base, STATE, {"product": slug, "options": []}).json()
    measurements, options = typed_measurements(state["groups"], rng), []
    for _ in range(40):
        state = post_json(session, base, STATE, {"product": slug, "options": options,
                                                 "measurements": measurements}).json()
        if state["complete"] and len(options) >= CLICKS:
            return measurements, options
        open_groups = [group for group in state["groups"]  # the required steps first, then optional ones
                       if group["visible"] and group["kind"] == "choice" and (group["required"] or state["complete"])
                       and not any(option["status"] in ("chosen", "included") for option in group["options"])
                       and any(option["status"] == "available" for option in group["options"])]
        if not open_groups:
            break
        options.append(rng.choice([option["code"] for option in open_groups[0]["options"]
                                   if option["status"] == "available"]))
    raise RuntimeError(f"no complete selection of {slug} found")


class Run:
    """What every virtual shopper measured: seconds per step, errors per step (with the first few described)."""

    def __init__(self, base, pages, selections, walks, clicks_only=False):
        self.base, self.pages, self.selections, self.clicks_only = base, pages, selections, clicks_only
        self.timings, self.errors, self.examples = defaultdict(list), defaultdict(int), []
        self.lock, self.walks_left, self.stop = threading.Lock(), walks, threading.Event()

    def take_walk(self):
        with self.lock:
            if self.walks_left <= 0:
                return False
            self.walks_left -= 1
            return True

    def timed(self, step, call, expected):
        started = time.perf_counter()
        try:
            response = call()
            good = expected(response)
        except requests.RequestException as error:
            response, good = error, False
        elapsed = time.perf_counter() - started
        with self.lock:
            self.timings[step].append(elapsed)
            if not good:
                self.errors[step] += 1
                if len(self.examples) < 5:
                    detail = response if isinstance(response, Exception) else (response.status_code,
                                                                                response.text[:200])
                    self.examples.append((step, detail))
        return response if good else None

    def walk(self, rng):
        base, session = self.base, shopper_session()
        slug = rng.choice(PRODUCTS)
        measurements, options = rng.choice(self.selections[slug])
        ok = lambda response: response.status_code == 200  # noqa: E731
        pages = (("home", "/"), ("catalogue", "/shop/catalogue/"), ("product", self.pages[slug]),
                 ("configurator page", f"/shop/configure/{slug}/"))
        for step, path in pages[3:] if self.clicks_only else pages:
            if self.timed(step, lambda path=path: session.get(base + path, timeout=30), ok) is None:
                return
        clicked = rng.sample(options, len(options))
        for count in range(1, CLICKS + 1):
            body = {"product": slug, "options": clicked[:count], "measurements": measurements}
            if self.timed("click", lambda body=body: post_json(session, base, STATE, body), ok) is None:
                return
        if self.clicks_only:
            return
        body = {"product": slug, "options": clicked, "measurements": measurements}
        quote = self.timed("quote", lambda: post_json(session, base, QUOTES, body),
                           lambda response: response.status_code == 201)
        if quote is None:
            return
        self.timed("add to basket", lambda: post_form(session, base, quote.json()["url"], {"action": "basket"}),
                   lambda response: response.status_code == 302 and response.headers["Location"].endswith(
                       "/shop/basket/"))

    def shopper(self, seed):
        rng = random.Random(seed)
        while not self.stop.is_set() and self.take_walk():
            self.walk(rng)


def drive(run, shoppers, seconds):
    threads = [threading.Thread(target=run.shopper, args=(seed,), daemon=True) for seed in range(shoppers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    deadline = started + seconds
    while time.monotonic() < deadline and any(thread.is_alive() for thread in threads):
        time.sleep(0.1)
    run.stop.set()
    for thread in threads:
        thread.join(timeout=60)
    return time.monotonic() - started


def report(run, elapsed, shoppers):
    print(f"\n{shoppers} virtual shoppers for {elapsed:.1f} s "
          f"({len(run.timings['add to basket'])} walks ended with an add to basket)")
    print(f"{'step':<20}{'requests':>10}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'errors':>8}")
    for step in STEPS:
        times = run.timings.get(step, [])
        if not times:
            print(f"{step:<20}{0:>10}")
            continue
        print(f"{step:<20}{len(times):>10}{len(times) / elapsed:>10.1f}{statistics.median(times) * 1000:>10.1f}"
              f"{percentile(times, 0.95) * 1000:>10.1f}{max(times) * 1000:>10.1f}{run.errors[step]:>8}")
    everything = sum(len(times) for times in run.timings.values())
    print(f"{'all requests':<20}{everything:>10}{everything / elapsed:>10.1f}")
    for step, detail in run.examples:
        print(f"  error in {step}: {detail}")
    clicks = run.timings.get("click", [0.0])
    rps, p95 = len(run.timings.get("click", [])) / elapsed, percentile(clicks, 0.95) * 1000
    errors = sum(run.errors.values())
    print(f"load_test: rps={rps:.1f} p95_ms={p95:.1f} errors={errors}")
    return rps >= 100 and p95 < 150 and errors == 0


def print_server_errors(log, lines=40):
    """The server's own account of its errors (tracebacks; gunicorn's start and stop notes left out)."""
    errors = [line for line in log.read_text(encoding="utf-8").splitlines() if "[INFO]" not in line]
    if errors:
        print(f"The server's log, last {lines} lines:", file=sys.stderr)
        print("\n".join(errors[-lines:]), file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shoppers", type=int, default=8, help="concurrent virtual shoppers (threads)")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long they shop (at most 300)")
    parser.add_argument("--walks", type=int, default=100_000, help="shopper's paths in all, at most")
    parser.add_argument("--clicks-only", action="store_true",
                        help="each walk is only the configurator page and its 5 clicks (the API's own capacity)")
    parser.add_argument("--port", type=int, default=8602)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--admin-url", default="postgres://postgres@127.0.0.1:5432/postgres",
                        help="a PostgreSQL database to connect to while creating and dropping the throw-away one")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9",
                        help="a Redis database of the run's own: flushed before and after")
    arguments = parser.parse_args()
    seconds = min(arguments.seconds, 300.0)
    signal.signal(signal.SIGTERM, on_terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C, even when started with SIGINT ignored

    name = f"atelier_load_{os.getpid()}"
    data_dir = Path(tempfile.mkdtemp(prefix="atelier-load-"))
    environ = production_environment(database_url=database_url(arguments.admin_url, name),
                                     redis_url=arguments.redis_url, data_dir=data_dir)
    flush = redis.Redis.from_url(arguments.redis_url).flushdb
    server = server_log = None
    try:
        print(f"Throw-away database {name}; Redis {arguments.redis_url}")
        flush()
        create_database(arguments.admin_url, name)
        prepare_store(environ)
        server_log = open(data_dir / "gunicorn.log", "w", encoding="utf-8")  # pylint: disable=consider-using-with
        server = Gunicorn(port=arguments.port, environ=environ, workers=arguments.workers,
                          threads=arguments.threads, log=server_log).start()
        print(f"  gunicorn: {arguments.workers} workers x {arguments.threads} threads on {server.url}, DEBUG off")
        rng = random.Random(1)
        pages = product_pages(server.url)
        selections = {slug: [complete_selection(server.url, slug, rng) for _ in range(4)] for slug in PRODUCTS}
        run = Run(server.url, pages, selections, arguments.walks, clicks_only=arguments.clicks_only)
        elapsed = drive(run, arguments.shoppers, seconds)
        met = report(run, elapsed, arguments.shoppers)
        if not met:
            server_log.flush()
            print_server_errors(data_dir / "gunicorn.log")
    except (KeyboardInterrupt, Interrupted):
        print("\nInterrupted: cleaning up.", file=sys.stderr)
        met = False
    finally:
        if server is not None:
            server.stop()
        if server_log is not None:
            server_log.close()
        drop_database(arguments.admin_url, name)
        flush()
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
