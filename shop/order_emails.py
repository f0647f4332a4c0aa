"""E-mails about an order, whoever sends them (payments: the confirmation; production: started, passed quality
check, shipped, a new ship date): one context, greeting the customer by name and linking to the order's page."""

import logging

from django.conf import settings
from django.urls import reverse
from oscar.core.loading import get_class

OrderDispatcher = get_class("order.utils", "OrderDispatcher")
logger = logging.getLogger("shop.order_emails")


def order_path(order):
    """The order's page for its customer: the member's account page, or the guest's order status page (its link
    carries the order's verification hash)."""
    if order.user_id:
        return reverse("customer:order", kwargs={"order_number": order.number})
    return reverse("customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()})


def order_email_context(order, **extra):
    """What every e-mail about an order needs: the customer's name and the link to the order's page."""
    path = order_path(order)
    return {"user": order.user, "order": order, "customer_name": customer_name(order), "status_path": path,
            "status_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path, **extra}


def greeting_name(user, address_first_name):
    """How we greet a customer: their first name from the account, else from the shipping address, else "there"."""
    return (user.first_name if user is not None else "") or address_first_name or "there"


def customer_name(order):
    return greeting_name(order.user if order.user_id else None,
                         order.shipping_address.first_name if order.shipping_address_id else "")


def send_order_email(order, code, **extra):
    """Oscar's communication event `code` about the order, to its customer (member or guest)."""
    dispatcher = OrderDispatcher(logger=logger)
    messages = dispatcher.dispatcher.get_messages(code, order_email_context(order, **extra))
    dispatcher.dispatch_order_messages(order, messages, code)
