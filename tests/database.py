"""The seeded test database, built once and copied from a template afterwards.

Migrating and seeding the demo store takes half a minute; copying a finished database takes well under a second.
The first session (or the first of several xdist workers) migrates a fresh test database, seeds the demo store
into it and keeps the result as a template: on SQLite a file, on PostgreSQL a database created with
``CREATE DATABASE ... TEMPLATE`` -- together with the media files and the search index the seed wrote. Later
sessions copy it. The template is keyed by a hash of everything that decides its contents: every installed app's
migrations, the project's code and demo data (the seed places orders through the store's own services), the
pinned requirements and the database engine. Change any of them and the next session builds a new template.

A transactional test (browser tests, several threads at once) commits for real; afterwards the database is put
back to the template's seeded state instead of being flushed and seeded again.
"""

import fcntl
import hashlib
import os
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
# What the seeded database is made of, besides the migrations of third-party apps (the test settings too: the
# demo users' password hashes).
SOURCES = ["shop", "configurator", "support", "templates", "static/img/demo", "requirements.txt",
           "tests/conftest.py", "tests/database.py"]
SKIPPED = {"__pycache__", "node_modules"}


def _files(path):
    if path.is_file():
        yield path
        return
    for folder, subfolders, names in os.walk(path):
        subfolders[:] = sorted(name for name in subfolders if name not in SKIPPED)
        for name in sorted(names):
            if not name.endswith((".pyc", ".pyo")):
                yield Path(folder) / name


def template_key():
    """A hash of the migrations, the project's code and data and the database engine."""
    digest = hashlib.sha256(connection.vendor.encode())
    paths = [ROOT / source for source in SOURCES]
    paths += [Path(app.path) / "migrations" for app in apps.get_app_configs()]
    for path in paths:
        if not path.exists():
            continue
        for file in _files(path):
            digest.update(str(file.relative_to(path.parent) if file != path else file.name).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def _locked(folder):
    """One process at a time builds the template (xdist workers start together)."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _postgres_prefix(database_name):
    return f"{str(database_name)[:40]}_seeded_"


def drop_postgres_templates(database_name):
    """Drop the PostgreSQL templates of a database: a server outlives the checkout (CI names a database per run)."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:  # noqa: SLF001
        cursor.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s)",
                       [_postgres_prefix(database_name)])
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)")


class SeededTemplate:
    """The migrated and seeded database of this code, and the files the seed wrote beside it."""

    def __init__(self, scratch, run, verbosity=0):
        self.scratch = Path(scratch)
        self.run = run  # this test run (shared by its xdist workers)
        self.verbosity = verbosity
        self.key = template_key()
        self.test_name = connection.creation._get_test_db_name()  # noqa: SLF001  (xdist's suffix included)
        self.folder = Path(settings.DATA_DIR) / "test-templates" / f"{connection.vendor}-{self.key}"
        self.original_name = connection.settings_dict["NAME"]
        # One PostgreSQL template per configured database, shared by the xdist workers' test databases.
        self.postgres_name = _postgres_prefix(self.original_name) + self.key[:12]

    # --- set up and tear down the session's test database ---------------------------------------------------

    def set_up(self, seed, rebuild=False):
        """Give this session a seeded test database: copied from the template, which is built first if needed
        (or if `rebuild`, once per run: a worker never pulls the template from under another)."""
        with _locked(self.folder.parent):
            if not self._ready() or (rebuild and (self.folder / "ready").read_text() != self.run):
                self._build(seed)
            else:
                self._copy_in()
        for part in ("media", "whoosh_index"):
            shutil.rmtree(self.scratch / part, ignore_errors=True)
            shutil.copytree(self.folder / part, self.scratch / part)

    def tear_down(self, keep=False):
        connection.close()
        if not keep:
            connection.creation.destroy_test_db(self.original_name, verbosity=self.verbosity)

    def restore(self):
        """Put the test database back to the seeded state (after a test that committed)."""
        if connection.vendor == "sqlite":
            connection.close()  # whatever the test left open on it
            connection.ensure_connection()
            source = sqlite3.connect(self.folder / "db.sqlite3")
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            self._postgres_copy(self.postgres_name, self.test_name)

    # --- the template ------------------------------------------------------------------------------------------

    def _ready(self):
        if not (self.folder / "ready").exists():
            return False
        if connection.vendor == "sqlite":
            return True
        with connection._nodb_cursor() as cursor:  # noqa: SLF001
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.postgres_name])
            return cursor.fetchone() is not None

    def _build(self, seed):
        shutil.rmtree(self.folder, ignore_errors=True)
        for stale in self.folder.parent.glob(f"{connection.vendor}-*"):
            shutil.rmtree(stale, ignore_errors=True)
        connection.creation.create_test_db(verbosity=self.verbosity, autoclobber=True, serialize=False)
        for part in ("media", "whoosh_index"):
            shutil.rmtree(self.scratch / part, ignore_errors=True)
        seed()
        self.folder.mkdir(parents=True)
        for part in ("media", "whoosh_index"):
            shutil.copytree(self.scratch / part, self.folder / part)
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(self.folder / "db.sqlite3")
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            drop_postgres_templates(self.original_name)  # of earlier code
            self._postgres_copy(self.test_name, self.postgres_name)
        (self.folder / "ready").write_text(self.run)

    def _copy_in(self):
        if connection.vendor == "sqlite":
            connection.close()
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(self.test_name + suffix).unlink(missing_ok=True)
            target = sqlite3.connect(self.test_name)
            source = sqlite3.connect(self.folder / "db.sqlite3")
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
        else:
            self._postgres_copy(self.postgres_name, self.test_name)
        settings.DATABASES[connection.alias]["NAME"] = self.test_name
        connection.settings_dict["NAME"] = self.test_name
        connection.ensure_connection()

    # --- PostgreSQL ----------------------------------------------------------------------------------------------

    def _postgres_copy(self, source, target):
        """`target` becomes a copy of database `source` (nobody may be connected to `source` meanwhile)."""
        connection.close()
        quote = connection.ops.quote_name
        with connection._nodb_cursor() as cursor:  # noqa: SLF001
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(source)}")


def seed_demo_store():
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
