"""Signal receivers: the moment Oscar places an order, freeze its configurations (and say so)."""

from django.dispatch import receiver
from oscar.apps.order.signals import order_placed

from configurator.services import snapshot_order_configurations
from configurator.signals import configurations_frozen


@receiver(order_placed, dispatch_uid="configurator-snapshot-order-configurations")
def snapshot_configurations_of_placed_order(sender, order, **kwargs):
    frozen = snapshot_order_configurations(order=order)
    configurations_frozen.send(sender=snapshot_configurations_of_placed_order, order=order, configurations=frozen)
