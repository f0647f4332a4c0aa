"""Signal receivers: the moment Oscar places an order, freeze its configurations and plan their production."""

from django.dispatch import receiver
from oscar.apps.order.signals import order_placed

from configurator.production.services import create_work_orders
from configurator.services import snapshot_order_configurations


@receiver(order_placed, dispatch_uid="configurator-snapshot-order-configurations")
def snapshot_configurations_of_placed_order(sender, order, **kwargs):
    frozen = snapshot_order_configurations(order=order)
    create_work_orders(order=order, configurations=frozen)
