"""Test set-up shared by the whole suite.

The demo store is seeded (the same `seed_demo` that `make run` uses) into a template database built once per
code version and copied for each session (tests/database.py); each test runs in a transaction that is rolled back.
Media files and the search index go to a throw-away folder so tests never touch the developer's data/.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.test import TransactionTestCase
from haystack import connections
from pytest_django.plugin import blocking_manager_key

from configurator.production.planning import queue_changed
from shop.cms.models import HomePage
from shop.loyalty.models import Tier
from shop.loyalty.services import raise_tier
from shop.pagecache import forget_shared_pages
from tests.database import SeededTemplate, drop_postgres_templates, seed_demo_store

DEMO_PASSWORDS = {
    "shopper": ("shopper@atelier.example", "shopper-demo-pass"),
    "support": ("support@atelier.example", "support-demo-pass"),
    "lead": ("lead@atelier.example", "lead-demo-pass"),
    "merch": ("merch@atelier.example", "merch-demo-pass"),
    "production": ("production@atelier.example", "production-demo-pass"),
    "admin": ("admin@atelier.example", "admin-demo-pass"),
}

_scratch = Path(tempfile.mkdtemp(prefix="atelier-tests-"))


class OneRoundPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django's PBKDF2 with one round: its hashes name their rounds, so the store's own hasher checks them too."""

    iterations = 1


def pytest_configure(config):
    settings.MEDIA_ROOT = str(_scratch / "media")
    settings.SUPPORT_ATTACHMENT_ROOT = _scratch / "support-attachments"
    # A fast password hash (PBKDF2's million rounds take 0.2 s per sign-in or sign-up), still one a real server
    # started by a test verifies.
    settings.PASSWORD_HASHERS = ["tests.conftest.OneRoundPBKDF2PasswordHasher"]
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = str(_scratch / "whoosh_index")
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def pytest_sessionfinish(session):
    """Without --reuse-db the PostgreSQL template goes when the last xdist worker is done (a SQLite one stays in
    ATELIER_DATA_DIR for the next run)."""
    if not hasattr(session.config, "workerinput") and not session.config.getoption("reuse_db"):
        with session.config.stash[blocking_manager_key].unblock():
            drop_postgres_templates(settings.DATABASES["default"]["NAME"])


def pytest_unconfigure(config):
    shutil.rmtree(_scratch, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings,
                    django_db_keepdb, django_db_createdb):
    """The seeded demo store, copied from a template built once per code version (tests/database.py).

    A transactional test's database goes back to that seeded state afterwards (instead of Django's flush).
    `--create-db` builds the template again."""
    run = getattr(request.config, "workerinput", {}).get("testrunuid") or uuid.uuid4().hex
    template = SeededTemplate(_scratch, run, verbosity=request.config.option.verbose)
    with django_db_blocker.unblock():
        template.set_up(seed_demo_store, rebuild=django_db_createdb)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", lambda test_case: template.restore())
        yield template
    with django_db_blocker.unblock():
        template.tear_down(keep=django_db_keepdb)


@pytest.fixture
def demo_user(db):
    """The seeded demo user of a role: demo_user("support")."""
    def get(role):
        return get_user_model().objects.get(email=DEMO_PASSWORDS[role][0])

    return get


@pytest.fixture
def client_as(client, demo_user):
    """A test client signed in as the demo user of a role; client_as(None) stays anonymous."""

    def sign_in(role):
        client.logout()
        if role is not None:
            client.force_login(demo_user(role))
        return client

    return sign_in


def customer_named(first_name):
    return get_user_model().objects.create_user(username=first_name.lower(), email=f"{first_name.lower()}@example.com",
                                                first_name=first_name, password="pw")


@pytest.fixture
def gold_customer(db, demo_user):
    """A signed-up customer a lead raised to Gold: a free express slot and early access to new options."""
    customer = customer_named("Gwen")
    raise_tier(customer, tier=Tier.objects.get(name="Gold"), by=demo_user("lead"), reason="A regular since 2019")
    return customer


@pytest.fixture
def member(db):
    """A signed-up customer without orders: everybody's tier, no perks."""
    return customer_named("Milo")


@pytest.fixture
def isolated_search_index(tmp_path, settings):
    """A fresh, empty Whoosh index for tests that add products, so they never leak into others."""
    original = settings.HAYSTACK_CONNECTIONS["default"]["PATH"]
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = str(tmp_path / "whoosh")
    connections.reload("default")
    yield
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = original
    connections.reload("default")


@pytest.fixture(scope="session")
def localstripe_url():
    """A private localstripe (in memory, on a free loopback port) for the whole test session."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "shop.payments.localstripe_server", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while True:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail("localstripe did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def stripe_server(localstripe_url, settings):
    """Point the store (and the payment page's Stripe.js) at the test session's localstripe."""
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_JS_URL = localstripe_url + "/js.stripe.com/v3/"
    settings.STRIPE_SECRET_KEY = "sk_test_localstripe"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_secret"
    return localstripe_url


@pytest.fixture
def seeded_store(transactional_db):
    """Browser tests run last, in real transactions; after an earlier one flushed the database, seed it again."""
    if not HomePage.objects.exists():
        call_command("seed_demo", stdout=open(os.devnull, "w"))


@pytest.fixture(autouse=True)
def fresh_shared_pages():
    """Every test renders pages from its own database state: fragments another test left in the cache are not read."""
    forget_shared_pages()


@pytest.fixture(autouse=True)
def fresh_production_ledger():
    """Every test plans against its own database state: the cached workshop ledger of another test is forgotten."""
    queue_changed()
