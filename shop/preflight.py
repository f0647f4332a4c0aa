"""Refuse to serve the store in production unless everything it needs is there: ``python -m shop.preflight``.

`make serve`, the Procfile and compose.yaml run it before gunicorn, the Celery worker and beat. It exits 0 when
the store can serve, else prints every problem found (not only the first) and exits 2; nothing falls back to the
embedded default (SQLite, a per-process memory cache, eager Celery tasks, generated secrets):

- ``DEBUG`` is off;
- ``DATABASE_URL`` names a PostgreSQL database that answers, ``REDIS_URL`` a Redis that answers;
- real Stripe keys are set (``STRIPE_SECRET_KEY``), or ``STRIPE_API_BASE`` names a localstripe on purpose;
- the settings load (``SECRET_KEY``, ``ALLOWED_HOSTS``, ``STRIPE_WEBHOOK_SECRET``, ``SUPPORT_INBOUND_EMAIL_SECRET``
  are set: shop/settings.py refuses to load without them);
- unless ``--before-collectstatic``: ``collectstatic`` has filled ``STATIC_ROOT`` (whitenoise serves only what is
  there, under hashed names from its manifest).
"""

import argparse
import os
import sys

import django
import environ
import redis
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection


def environment_problems(variables):
    """What the environment itself lacks for serving (before the settings are loaded)."""
    problems = []
    if environ.Env.parse_value(variables.get("DEBUG", "on"), bool):  # as shop/settings.py reads it
        problems.append("DEBUG must be off (DEBUG=off): production never serves with DEBUG on.")
    database_url = variables.get("DATABASE_URL", "")
    if not database_url or environ.Env.db_url_config(database_url).get("ENGINE") != "django.db.backends.postgresql":
        problems.append("DATABASE_URL must name a PostgreSQL database (postgres://user@host:5432/name); "
                        "the embedded SQLite is for `make run` only.")
    if not variables.get("STRIPE_SECRET_KEY") and not variables.get("STRIPE_API_BASE"):
        problems.append("STRIPE_SECRET_KEY (with STRIPE_PUBLISHABLE_KEY) must be set: without real Stripe keys "
                        "payments go to localstripe, a development stand-in. To rehearse against localstripe on "
                        "purpose, set STRIPE_API_BASE to its address.")
    if not variables.get("REDIS_URL", "").startswith(("redis://", "rediss://")):
        problems.append("REDIS_URL must name a Redis (redis://host:6379/0): the cache, sessions, throttles and the "
                        "Celery broker are shared through it by every process.")
    return problems


def service_problems(*, check_static=True):
    """What the loaded settings cannot reach: PostgreSQL, Redis, the collected static files."""
    problems = []
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        problems.append(f"PostgreSQL does not answer at DATABASE_URL: {str(error).strip().splitlines()[0]}")
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as error:
        problems.append(f"Redis does not answer at REDIS_URL: {error}")
    if check_static:
        try:
            staticfiles_storage.url("css/atelier.css")
        except ValueError:
            problems.append(f"The static files are not collected in STATIC_ROOT ({settings.STATIC_ROOT}): run "
                            "`python manage.py collectstatic --noinput` first.")
    return problems


def find_problems(variables, *, check_static=True):
    problems = environment_problems(variables)
    if problems:
        return problems
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    try:
        django.setup()
    except ImproperlyConfigured as error:
        return [str(error)]
    return service_problems(check_static=check_static)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before-collectstatic", action="store_true",
                        help="do not ask for the collected static files (the step that collects them comes next)")
    arguments = parser.parse_args(argv)
    problems = find_problems(os.environ, check_static=not arguments.before_collectstatic)
    if problems:
        print("Atelier cannot serve in production:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    print("Atelier preflight: DEBUG off, PostgreSQL and Redis answer"
          + ("" if arguments.before_collectstatic else ", static files collected") + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
