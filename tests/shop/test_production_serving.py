"""Serving in production (`make serve`, the Procfile, compose.yaml): it refuses to start without what it needs,
whitenoise serves hashed static files for a year, sessions and media follow the environment."""

import re
import subprocess
import sys

import requests
import yaml

from tests.servers import ROOT, Gunicorn, free_port, manage, production_environment
from tests.shop.test_settings import PRODUCTION, run_manage

READ_BY = [ROOT / "shop" / "settings.py", ROOT / "gunicorn.conf.py"]
STORE_SERVICES = ("app", "worker", "beat")


def preflight(*args, **environ):
    return subprocess.run([sys.executable, "-m", "shop.preflight", *args], cwd=ROOT, env=environ,
                          capture_output=True, text=True, check=False)


def read_by_the_store(name):
    """The variable is read by settings.py (env.<type>("NAME"...)) or gunicorn.conf.py (os.environ.get("NAME"...))."""
    pattern = re.compile(rf'(?:env\.\w+|os\.environ\.get|secret_setting)\(\s*"{re.escape(name)}"')
    return any(pattern.search(path.read_text()) for path in READ_BY)


def test_serving_refuses_to_start_without_debug_off_postgresql_and_redis_saying_what_is_missing():
    result = preflight(PATH="/usr/bin:/bin")
    assert result.returncode == 2
    assert "DEBUG must be off" in result.stderr
    assert "DATABASE_URL must name a PostgreSQL database" in result.stderr
    assert "REDIS_URL must name a Redis" in result.stderr
    assert "STRIPE_SECRET_KEY (with STRIPE_PUBLISHABLE_KEY) must be set" in result.stderr
    sqlite = preflight(PATH="/usr/bin:/bin", **{**PRODUCTION, "DATABASE_URL": "sqlite:////tmp/atelier.sqlite3"})
    assert sqlite.returncode == 2
    assert "DATABASE_URL must name a PostgreSQL database" in sqlite.stderr and "DEBUG" not in sqlite.stderr
    rehearsal = preflight(PATH="/usr/bin:/bin", **{**PRODUCTION, "STRIPE_API_BASE": "http://127.0.0.1:8420"})
    assert "STRIPE_SECRET_KEY" not in rehearsal.stderr  # localstripe chosen on purpose


def test_serving_refuses_to_start_without_a_secret_or_when_a_service_does_not_answer(tmp_path):
    environ = {**PRODUCTION, "PATH": "/usr/bin:/bin", "ATELIER_DATA_DIR": str(tmp_path),
               "DATABASE_URL": "postgres://postgres@127.0.0.1:1/atelier", "REDIS_URL": "redis://127.0.0.1:1/0",
               "STRIPE_SECRET_KEY": "sk_test_x", "STRIPE_PUBLISHABLE_KEY": "pk_test_x"}
    no_secret = preflight(**{k: v for k, v in environ.items() if k != "SUPPORT_INBOUND_EMAIL_SECRET"})
    assert no_secret.returncode == 2
    assert "SUPPORT_INBOUND_EMAIL_SECRET must be set when DEBUG is off" in no_secret.stderr
    unreachable = preflight(**environ)
    assert unreachable.returncode == 2
    assert "PostgreSQL does not answer at DATABASE_URL" in unreachable.stderr
    assert "Redis does not answer at REDIS_URL" in unreachable.stderr


def test_hashed_static_files_are_cached_for_a_year_and_the_others_for_a_minute(tmp_path):
    environ = production_environment(database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}", redis_url="",
                                     data_dir=tmp_path)
    manage("collectstatic", "--noinput", "-v0", environ=environ)
    hashed = next((tmp_path / "staticfiles" / "css").glob("atelier.*.css")).name
    assert re.fullmatch(r"atelier\.[0-9a-f]{12}\.css", hashed)
    with Gunicorn(port=free_port(), environ=environ, workers=1, threads=1) as server:
        page = requests.get(f"{server.url}/static/css/{hashed}", timeout=30, headers={"Accept-Encoding": "gzip"})
        plain = requests.get(f"{server.url}/static/css/atelier.css", timeout=30)
    assert page.status_code == 200 and page.headers["Content-Encoding"] == "gzip"
    assert page.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert plain.status_code == 200 and plain.headers["Cache-Control"] == "max-age=60, public"


def test_sessions_live_in_redis_and_the_database_when_redis_is_configured():
    code = "from django.conf import settings as s; print(s.SESSION_ENGINE)"
    with_redis = run_manage("shell", "-c", code, **PRODUCTION)
    without = run_manage("shell", "-c", code)
    assert with_redis.stdout.split()[-1] == "django.contrib.sessions.backends.cached_db", with_redis.stderr
    assert without.stdout.split()[-1] == "django.contrib.sessions.backends.db", without.stderr


def test_media_go_to_an_s3_bucket_when_one_is_configured():
    code = ("from django.core.files.storage import storages; d = storages['default']; "
            "print(type(d).__module__, type(d).__name__, d.bucket_name, d.url('products/sneaker.jpg'))")
    bucket = run_manage("shell", "-c", code, AWS_STORAGE_BUCKET_NAME="atelier-media",
                        AWS_S3_ENDPOINT_URL="https://s3.example.net", AWS_S3_REGION_NAME="eu-west-1",
                        AWS_ACCESS_KEY_ID="AKIAEXAMPLE", AWS_SECRET_ACCESS_KEY="secret-example")
    assert bucket.returncode == 0, bucket.stderr
    assert bucket.stdout.split()[-4:] == ["storages.backends.s3", "S3Storage", "atelier-media",
                                          "https://s3.example.net/atelier-media/products/sneaker.jpg"]
    local = run_manage("shell", "-c", "from django.core.files.storage import storages; "
                                      "print(type(storages['default']).__name__)")
    assert local.stdout.split()[-1] == "FileSystemStorage", local.stderr


def test_compose_runs_the_store_its_worker_and_beat_on_postgresql_and_redis_with_variables_the_store_reads():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {*STORE_SERVICES, "postgres", "redis"}
    for name in STORE_SERVICES:
        service = services[name]
        assert service["build"] == "." and (ROOT / "Dockerfile").exists()
        assert set(service["depends_on"]) == {"postgres", "redis"}
        assert service["command"][-1].startswith("python -m shop.preflight")
        environment = service["environment"]
        assert environment["DEBUG"] == "off"
        assert re.fullmatch(r"postgres://\w+:\w+@postgres:5432/\w+", environment["DATABASE_URL"])
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        assert [name for name in environment if not read_by_the_store(name)] == []
    assert "gunicorn" in services["app"]["command"][-1] and "celery -A shop worker" in services["worker"]["command"][-1]
    assert "celery -A shop beat" in services["beat"]["command"][-1]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --no-cache-dir -r requirements.txt" in dockerfile and "collectstatic" in dockerfile


def test_the_procfile_runs_web_worker_beat_and_release_each_after_the_preflight():
    processes = dict(line.split(": ", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line)
    assert set(processes) == {"web", "worker", "beat", "release"}
    assert all(command.startswith("python -m shop.preflight") for command in processes.values())
    assert "gunicorn --config gunicorn.conf.py" in processes["web"]
    assert "migrate --noinput" in processes["release"]
