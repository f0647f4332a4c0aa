"""The store served as in production, on loopback: gunicorn with DEBUG off (gunicorn.conf.py), for the scale-out
tests and benchmarks/load_test.py.

`production_environment` is what `make serve` asks for (throw-away secrets, PostgreSQL, Redis); `Gunicorn` starts
one server in its own process group and stops it (and its workers) however the caller ends; `shopper_session` is
a requests.Session that, like a browser on an https site, sends back the store's Secure cookies (session, CSRF)
although the loopback address is plain http.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(host, port):
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, port)) == 0


def production_environment(*, database_url, redis_url, data_dir, **extra):
    """The environment `make serve` needs, with throw-away secrets; nothing of the caller's own settings."""
    environ = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
    environ.update(
        DJANGO_SETTINGS_MODULE="shop.settings", DEBUG="off", ALLOWED_HOSTS="127.0.0.1",
        SECRET_KEY=secrets.token_urlsafe(50), STRIPE_WEBHOOK_SECRET="whsec_" + secrets.token_urlsafe(30),
        SUPPORT_INBOUND_EMAIL_SECRET=secrets.token_urlsafe(40), SECURE_SSL_REDIRECT="off",
        DATABASE_URL=database_url, REDIS_URL=redis_url, ATELIER_DATA_DIR=str(data_dir),
        STATIC_ROOT=str(Path(data_dir) / "staticfiles"), PYTHONUNBUFFERED="1",
    )
    environ.update(extra)
    return environ


def manage(*args, environ):
    """Run a management command with that environment; its output is shown only when it fails."""
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


class Gunicorn:
    """One gunicorn (gunicorn.conf.py) on 127.0.0.1:port; a context manager, stopped whatever happens."""

    def __init__(self, *, port, environ, workers=2, threads=4, log=None):
        self.port, self.url = port, f"http://127.0.0.1:{port}"
        self.environ = {**environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "WEB_CONCURRENCY": str(workers),
                        "GUNICORN_THREADS": str(threads), "GUNICORN_ACCESS_LOG": ""}
        self.log = log
        self.process = None

    def start(self, timeout=60):
        if answers("127.0.0.1", self.port):
            raise RuntimeError(f"port {self.port} is taken")
        # stopped by stop(), not a with block: the server outlives this call
        self.process = subprocess.Popen(  # pylint: disable=consider-using-with
            [str(GUNICORN), "--config", "gunicorn.conf.py"],
            cwd=ROOT, env=self.environ, stdout=self.log or subprocess.DEVNULL, stderr=self.log or subprocess.DEVNULL,
            start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on port {self.port} exited with {self.process.returncode}")
            try:
                if requests.get(self.url + "/healthz", timeout=5).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn on port {self.port} did not answer /healthz within {timeout} s")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGINT)  # gunicorn's quick shutdown: no waiting for idle keep-alives
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        except ProcessLookupError:
            pass

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


class ShopperSession(requests.Session):
    """Sends the store's Secure cookies back over http too, as a browser does on the https site: loopback only."""

    def request(self, *args, **kwargs):  # pylint: disable=arguments-differ
        response = super().request(*args, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False
        return response


def shopper_session():
    return ShopperSession()


def post_json(session, base, path, body, timeout=30):
    """POST a JSON body with the CSRF token the store set, as the configurator's script does."""
    token = session.cookies.get("csrftoken", "")
    return session.post(base + path, json=body, timeout=timeout, allow_redirects=False,
                        headers={"X-CSRFToken": token, "Referer": base + path})


def post_form(session, base, path, data, timeout=30):
    token = session.cookies.get("csrftoken", "")
    return session.post(base + path, data={"csrfmiddlewaretoken": token, **data}, timeout=timeout,
                        allow_redirects=False, headers={"Referer": base + path})
