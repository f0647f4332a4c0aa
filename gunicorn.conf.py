"""gunicorn's settings for serving the store in production (`make serve`, the Procfile, compose.yaml).

Workers are gunicorn's gthread workers running the WSGI application (shop.wsgi): Django's ORM and every Oscar,
Wagtail and store view are synchronous, so an ASGI server (uvicorn) would only run them in a thread pool behind an
event loop, for nothing. Processes carry the CPU-bound work (pricing, the configurator's solver, page rendering) on
every core; a few threads per process overlap their waits on PostgreSQL, Redis and Stripe.

Environment: ``PORT`` (8000) and ``BIND_HOST`` (127.0.0.1; 0.0.0.0 in a container behind a load balancer),
``WEB_CONCURRENCY`` worker processes (default: 2 per core, at least 2), ``GUNICORN_THREADS`` per worker (4),
``GUNICORN_TIMEOUT`` seconds before a stuck worker is restarted (30), ``GUNICORN_ACCESS_LOG``.
"""

import os

bind = f"{os.environ.get('BIND_HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, 2 * len(os.sched_getaffinity(0)))))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5  # seconds an idle keep-alive connection from the load balancer stays open
max_requests = 2000  # each worker is replaced after this many requests (jittered), bounding slow memory growth
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")  # the load balancer's X-Forwarded-*
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # "-": standard output; empty: none
errorlog = "-"
wsgi_app = "shop.wsgi:application"
# gunicorn's control socket (a per-user path) is not used: several servers on one machine would share it.
control_socket_disable = True
