"""Signal receivers: freeze ordered configurations the moment Oscar places an order."""

from django.dispatch import receiver
from oscar.apps.order.signals import order_placed

from configurator.services import snapshot_order_configurations


@receiver(order_placed, dispatch_uid="configurator-snapshot-order-configurations")
def snapshot_configurations_of_placed_order(sender, order, **kwargs):
    snapshot_order_configurations(order=order)
