"""Loyalty's e-mails and its refreshes, in the background."""

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_class

from shop.loyalty.models import Standing, Tier
from shop.order_emails import greeting_name

Dispatcher = get_class("communication.utils", "Dispatcher")
logger = logging.getLogger("shop.loyalty")
TIER_REACHED = "LOYALTY_TIER_REACHED"


@shared_task
def send_tier_reached(user_id, tier_id):
    """"You are now Gold", by the customer's name, with what the tier gives and the link to their loyalty page."""
    user = get_user_model().objects.get(pk=user_id)
    tier = Tier.objects.get(pk=tier_id)
    context = {"user": user, "first_name": greeting_name(user, ""), "tier": tier,
               "standing": Standing.objects.filter(user=user).first(),
               "loyalty_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("loyalty:account")}
    dispatcher = Dispatcher(logger=logger)
    dispatcher.dispatch_user_messages(user, dispatcher.get_messages(TIER_REACHED, context))
