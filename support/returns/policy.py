"""The return policy applied to an ordered item: when it was delivered, what it is, what the policy says now.

The rules are configurator.return_policy's (the same function the configurator and checkout show before
purchase); this module only finds the facts of an order line.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from oscar.core.loading import get_model

from configurator.models import OrderLineConfiguration
from configurator.return_policy import decide
from configurator.return_terms import configuration_item, current_policy, stock_item

ShippingEventQuantity = get_model("order", "ShippingEventQuantity")
OrderStatusChange = get_model("order", "OrderStatusChange")

DELIVERED, SHIPPED = "Delivered", "Shipped"


def delivered_on(line):
    """The day the item reached the customer: a "Delivered" shipping event's day if the carrier told us, else the
    day it shipped plus settings.RETURN_DELIVERY_DAYS; None while it has not shipped.

    A stock item (no work order) ships with its order: the day the order became "Shipped".
    """
    events = {}
    for name, at in (ShippingEventQuantity.objects.filter(line=line, event__event_type__name__in=(DELIVERED, SHIPPED))
                     .values_list("event__event_type__name", "event__date_created")):
        events[name] = min(at, events.get(name, at))
    made_to_order = SHIPPED in events or line.work_orders.exists()
    order_shipped_at = None
    if SHIPPED not in events and DELIVERED not in events and not made_to_order:
        order_shipped_at = (OrderStatusChange.objects.filter(order_id=line.order_id, new_status=SHIPPED)
                            .order_by("date_created").values_list("date_created", flat=True).first())
    return delivery_day(delivered_at=events.get(DELIVERED), shipped_at=events.get(SHIPPED),
                        made_to_order=made_to_order, order_shipped_at=order_shipped_at)


def delivery_day(*, delivered_at, shipped_at, made_to_order, order_shipped_at):
    """The delivery rule on a line's facts (read one line at a time above, or a whole order at once by the
    order page's selector): the "Delivered" event's day, else the first "Shipped" event's day plus
    settings.RETURN_DELIVERY_DAYS; a stock line ships when its order became "Shipped"; None while on its way."""
    if delivered_at is not None:
        return timezone.localdate(delivered_at)
    shipped = shipped_at
    if shipped is None and not made_to_order:
        shipped = order_shipped_at
    if shipped is None:
        return None
    return timezone.localdate(shipped) + timedelta(days=settings.RETURN_DELIVERY_DAYS)


def item_of_line(line):
    """The policy's view of an ordered item: its configuration's personal details, or a stock item."""
    configuration = (OrderLineConfiguration.objects.filter(line=line).select_related("version")
                     .only("snapshot", "version__definition").first())
    if configuration is None:
        return stock_item()
    return configuration_item(configuration.version.definition, configuration.snapshot)


def verdict_for(line, reason, *, today=None, delivered=None, item=None):
    """What the policy says about returning this item for this reason today."""
    delivered = delivered if delivered is not None else delivered_on(line)
    return decide(current_policy(), item or item_of_line(line), reason, delivered_on=delivered,
                  today=today or timezone.localdate())
