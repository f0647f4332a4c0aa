"""The one settings module, driven by the environment."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "off",
    "SECRET_KEY": "x" * 64 + "-production-secret-for-the-deploy-check",
    "ALLOWED_HOSTS": "shop.atelier.example",
    "STRIPE_WEBHOOK_SECRET": "whsec_" + "y" * 40,
    "SUPPORT_INBOUND_EMAIL_SECRET": "z" * 48,
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}
PUBLISHED_DEFAULTS = ("dev-only-insecure-key-never-use-in-production", "whsec_localstripe_development",
                      "dev-inbound-email-secret")
SECRETS = ("SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "SUPPORT_INBOUND_EMAIL_SECRET")
PRINT_SECRETS = "from django.conf import settings as s; print(s.SECRET_KEY, s.STRIPE_WEBHOOK_SECRET, " \
                "s.SUPPORT_INBOUND_EMAIL_SECRET)"


def run_manage(*args, data_dir=ROOT / "data", **environ):
    unset = (
        "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DJANGO_ALLOW_ASYNC_UNSAFE",
        "STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET", "SUPPORT_INBOUND_EMAIL_SECRET",
    )
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(environ, DJANGO_SETTINGS_MODULE="shop.settings", ATELIER_DATA_DIR=str(data_dir))
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.mark.parametrize("missing", SECRETS)
def test_production_refuses_to_start_without_each_secret(missing, tmp_path):
    environ = {name: value for name, value in PRODUCTION.items() if name != missing}
    result = run_manage("check", data_dir=tmp_path, **environ)
    assert result.returncode != 0
    assert f"{missing} must be set when DEBUG is off" in result.stderr
    assert not (tmp_path / "secrets.json").exists()  # production never falls back to a generated secret


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", **{**PRODUCTION, "ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG is off" in result.stderr


def test_deploy_check_is_clean_under_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues (0 silenced)" in result.stdout
    result = run_manage("shell", "-c", "from django.conf import settings; print(settings.SILENCED_SYSTEM_CHECKS)",
                        **PRODUCTION)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_deploy_check_asks_for_a_shared_cache_in_production():
    without_redis = {key: value for key, value in PRODUCTION.items() if key != "REDIS_URL"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **without_redis)
    assert result.returncode != 0
    assert "atelier.W001" in result.stderr + result.stdout and "Set REDIS_URL" in result.stderr + result.stdout


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


def test_each_install_generates_its_own_secrets_and_keeps_them_across_starts(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    started = run_manage("shell", "-c", PRINT_SECRETS, data_dir=first)
    assert started.returncode == 0, started.stderr
    first_secrets = started.stdout.split()[-3:]
    again = run_manage("shell", "-c", PRINT_SECRETS, data_dir=first).stdout.split()[-3:]
    other = run_manage("shell", "-c", PRINT_SECRETS, data_dir=second).stdout.split()[-3:]
    assert again == first_secrets
    assert all(mine != theirs for mine, theirs in zip(first_secrets, other, strict=True))
    assert not set(first_secrets) & set(PUBLISHED_DEFAULTS)
    assert all(len(secret) >= 50 for secret in first_secrets)
    assert stat.S_IMODE((first / "secrets.json").stat().st_mode) == 0o600


def test_processes_starting_at_once_end_with_the_same_secrets(tmp_path):
    """runserver's autoreloader, celery and a management command start together on a fresh install."""
    env = {k: v for k, v in os.environ.items() if k not in SECRETS and k != "DEBUG"}
    env.update(DJANGO_SETTINGS_MODULE="shop.settings", ATELIER_DATA_DIR=str(tmp_path))
    starts = [subprocess.Popen([sys.executable, "-c", PRINT_SECRETS], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [start.communicate(timeout=120) for start in starts]
    assert all(start.returncode == 0 for start in starts), [err for _, err in outputs]
    assert len({tuple(out.split()[-3:]) for out, _ in outputs}) == 1
