"""Privacy's e-mails and its daily erasures, in the background."""

import logging

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from oscar.core.loading import get_class

from shop.order_emails import greeting_name
from shop.privacy.models import ErasureRequest

Dispatcher = get_class("communication.utils", "Dispatcher")
logger = logging.getLogger("shop.privacy")
ERASURE_SCHEDULED = "PRIVACY_ERASURE_SCHEDULED"


@shared_task
def send_erasure_scheduled(erasure_id):
    """"Your account will be erased on …", by name, with the link to cancel."""
    erasure = ErasureRequest.objects.select_related("user").get(pk=erasure_id)
    user = erasure.user
    context = {"user": user, "first_name": greeting_name(user, ""), "erasure": erasure,
               "privacy_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("privacy:account")}
    dispatcher = Dispatcher(logger=logger)
    dispatcher.dispatch_user_messages(user, dispatcher.get_messages(ERASURE_SCHEDULED, context))
