"""Signal receivers: a placed order's frozen configurations become work orders; calendar and routing edits
move the dates; a cancelled order leaves the queue.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.apps.order.signals import order_status_changed

from configurator.production.models import NonWorkingDay, RoutingStep, Workstation
from configurator.production.planning import queue_changed
from configurator.production.services import cancel_work_orders, create_work_orders, reschedule_later
from configurator.signals import configurations_frozen


@receiver(configurations_frozen, dispatch_uid="production-work-orders-of-placed-order")
def _plan_placed_order(sender, order, configurations, **kwargs):
    create_work_orders(order=order, configurations=configurations)


def _calendar_changed(sender, **kwargs):
    queue_changed()
    transaction.on_commit(reschedule_later)


for model in (Workstation, NonWorkingDay, RoutingStep):
    post_save.connect(_calendar_changed, sender=model, dispatch_uid=f"production-calendar-saved-{model.__name__}")
    post_delete.connect(_calendar_changed, sender=model, dispatch_uid=f"production-calendar-deleted-{model.__name__}")


def _order_cancelled(sender, order, old_status, new_status, **kwargs):
    if new_status == "Cancelled":
        cancel_work_orders(order=order)


order_status_changed.connect(_order_cancelled, dispatch_uid="production-order-cancelled")
