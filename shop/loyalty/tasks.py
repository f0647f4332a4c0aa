"""Loyalty's e-mails and its refreshes, in the background."""

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_class

from shop.loyalty.models import Anniversary, Standing, Tier
from shop.order_emails import greeting_name

Dispatcher = get_class("communication.utils", "Dispatcher")
logger = logging.getLogger("shop.loyalty")
TIER_REACHED, ANNIVERSARY = "LOYALTY_TIER_REACHED", "LOYALTY_ANNIVERSARY"


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


@shared_task
def send_anniversary(anniversary_id):
    """"A year ago today you ordered from us for the first time": thanks by name, with the offer's code."""
    anniversary = Anniversary.objects.select_related("user", "voucher").get(pk=anniversary_id)
    user = anniversary.user
    context = {"user": user, "first_name": greeting_name(user, ""), "anniversary": anniversary,
               "standing": Standing.objects.select_related("tier").filter(user=user).first(),
               "voucher": anniversary.voucher, "percent": settings.LOYALTY_ANNIVERSARY_PERCENT,
               "shop_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"}
    dispatcher = Dispatcher(logger=logger)
    dispatcher.dispatch_user_messages(user, dispatcher.get_messages(ANNIVERSARY, context))
