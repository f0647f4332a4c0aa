"""The one settings module, driven by the environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "off",
    "SECRET_KEY": "x" * 64 + "-production-secret-for-the-deploy-check",
    "ALLOWED_HOSTS": "shop.atelier.example",
}


def run_manage(*args, **environ):
    unset = (
        "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DJANGO_ALLOW_ASYNC_UNSAFE",
    )
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(environ, DJANGO_SETTINGS_MODULE="shop.settings", ATELIER_DATA_DIR=str(ROOT / "data"))
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="off", ALLOWED_HOSTS="shop.atelier.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", DEBUG="off", SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG is off" in result.stderr


def test_deploy_check_is_clean_under_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_embedded_defaults_without_environment():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.EMAIL_BACKEND, "
        "s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND'], s.HAYSTACK_CONNECTIONS['default']['ENGINE'])"
    )
    result = run_manage("shell", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-7:] == [
        "True", "django.db.backends.sqlite3", str(ROOT / "data" / "db.sqlite3"),
        "django.core.mail.backends.console.EmailBackend", "True", "django.core.cache.backends.locmem.LocMemCache",
        "haystack.backends.whoosh_backend.WhooshEngine",
    ]


def test_database_url_and_redis_url_select_postgresql_the_redis_cache_and_the_celery_broker():
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.CELERY_BROKER_URL, "
        "s.CELERY_TASK_ALWAYS_EAGER)"
    )
    result = run_manage("shell", "-c", code, DATABASE_URL="postgres://postgres@127.0.0.1:5432/atelier",
                        REDIS_URL="redis://127.0.0.1:6379/3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == [
        "django.db.backends.postgresql", "shop.cache.ResilientRedisCache",
        "redis://127.0.0.1:6379/3", "False",
    ]
