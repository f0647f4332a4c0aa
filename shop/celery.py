"""Celery application. Tasks run eagerly unless REDIS_URL configures a broker.

Each app keeps its customer e-mails in ``tasks`` (which services dispatch) and its periodic work in ``jobs``
(which calls services), so neither module imports the other's importers.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

app = Celery("shop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(related_name="jobs")
