"""Payments' customer e-mails, sent in the background (periodic jobs are in ``jobs``)."""

import logging

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from shop.order_emails import greeting_name, order_email_context
from shop.payments.models import StripePayment

OrderDispatcher = get_class("order.utils", "OrderDispatcher")
Dispatcher = get_class("communication.utils", "Dispatcher")
Order = get_model("order", "Order")
logger = logging.getLogger("shop.payments")


@shared_task
def send_order_confirmation(order_id):
    """Oscar's ORDER_PLACED message (the configured features and preview are in its templates)."""
    order = Order._default_manager.select_related("user").get(pk=order_id)
    OrderDispatcher(logger=logger).send_order_placed_email_for_user(
        order, order_email_context(order, lines=order.lines.all()))


@shared_task
def send_payment_refunded(payment_id):
    """PAYMENT_REFUNDED: the basket changed while paying, so no order was placed and the charge went back."""
    payment = StripePayment.objects.select_related("user").get(pk=payment_id)
    context = {"payment": payment,
               "customer_name": greeting_name(payment.user, payment.shipping_address.get("first_name")),
               "basket_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("basket:summary")}
    dispatcher = Dispatcher(logger=logger)
    messages = dispatcher.get_messages("PAYMENT_REFUNDED", context)
    if payment.user_id:
        dispatcher.dispatch_user_messages(payment.user, messages)
    else:
        dispatcher.dispatch_anonymous_messages(payment.guest_email, messages)

