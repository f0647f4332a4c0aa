"""Signal receivers: a placed order's configured lines become work orders; calendar edits move the dates."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.apps.order.signals import order_placed

from configurator.production.models import NonWorkingDay, RoutingStep, Workstation


@receiver(order_placed, dispatch_uid="production-create-work-orders")
def create_work_orders_of_placed_order(sender, order, **kwargs):
    from configurator.production.services import create_work_orders
    from configurator.services import snapshot_order_configurations

    snapshot_order_configurations(order=order)  # once per line: a no-op when the configurator's receiver ran
    create_work_orders(order=order)


def _calendar_changed(sender, **kwargs):
    from configurator.production.planning import queue_changed
    from configurator.production.services import reschedule_later

    queue_changed()
    transaction.on_commit(reschedule_later)


for model in (Workstation, NonWorkingDay, RoutingStep):
    post_save.connect(_calendar_changed, sender=model, dispatch_uid=f"production-calendar-saved-{model.__name__}")
    post_delete.connect(_calendar_changed, sender=model, dispatch_uid=f"production-calendar-deleted-{model.__name__}")
