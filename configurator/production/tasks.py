"""Production's customer e-mails, sent in the background (the periodic rescheduling is in ``jobs``)."""

from celery import shared_task
from oscar.core.loading import get_model

from configurator.production.models import ShipDateNotice, Status, WorkOrder
from configurator.production.selectors import order_ship_date
from shop.order_emails import send_order_email

Order = get_model("order", "Order")


@shared_task
def send_production_email(order_id, code):
    """PRODUCTION_STARTED, QUALITY_CHECK_PASSED or ORDER_SHIPPED, greeting the customer by name."""
    order = Order._default_manager.select_related("user", "shipping_address").get(pk=order_id)
    send_order_email(order, code, ship_date=order_ship_date(order))


@shared_task
def send_shipped_email(order_id, carrier, tracking_number):
    """ORDER_SHIPPED for one parcel: by the customer's name, with the carrier, tracking number and tracking link
    (and, when part of the order is still being made, when the rest should follow)."""
    order = Order._default_manager.select_related("user", "shipping_address").get(pk=order_id)
    parcel = WorkOrder.objects.filter(order=order, status=Status.SHIPPED, carrier=carrier,
                                      tracking_number=tracking_number).order_by("line_id", "unit").first()
    still_to_ship = WorkOrder.objects.filter(order=order, status__in=WorkOrder.OPEN_STATUSES).count()
    send_order_email(order, "ORDER_SHIPPED", parcel=parcel, still_to_ship=still_to_ship,
                     ship_date=order_ship_date(order) if still_to_ship else None)


@shared_task
def send_ship_date_notice(notice_id):
    """Tell the customer their order now ships later than we said, and when."""

    notice = ShipDateNotice.objects.select_related("order__user", "order__shipping_address").get(pk=notice_id)
    send_order_email(notice.order, "SHIP_DATE_CHANGED", notice=notice)
