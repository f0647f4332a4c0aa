"""Signal receivers: calendar and routing edits move the dates; a cancelled order leaves the queue.

(Work orders are made by configurator.receivers, right after it freezes a placed order's configurations.)
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from oscar.apps.order.signals import order_status_changed

from configurator.production.models import NonWorkingDay, RoutingStep, Workstation


def _calendar_changed(sender, **kwargs):
    from configurator.production.planning import queue_changed
    from configurator.production.services import reschedule_later

    queue_changed()
    transaction.on_commit(reschedule_later)


for model in (Workstation, NonWorkingDay, RoutingStep):
    post_save.connect(_calendar_changed, sender=model, dispatch_uid=f"production-calendar-saved-{model.__name__}")
    post_delete.connect(_calendar_changed, sender=model, dispatch_uid=f"production-calendar-deleted-{model.__name__}")


def _order_cancelled(sender, order, old_status, new_status, **kwargs):
    if new_status == "Cancelled":
        from configurator.production.services import cancel_work_orders

        cancel_work_orders(order=order)


order_status_changed.connect(_order_cancelled, dispatch_uid="production-order-cancelled")
