"""Demand listens; nothing it does changes an order. Facts are written inside the order's transaction (the frozen
configurations are at hand); reversals are reconciled once the refund, return or cancellation has committed."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.apps.order.signals import order_status_changed
from oscar.core.loading import get_model

from configurator.demand.events import record_event, record_ordered
from configurator.demand.facts import CANCELLED, REFUNDED, record_order_facts
from configurator.demand.jobs import reverse_taken_back_units
from configurator.signals import configuration_event, configurations_frozen
from shop.outbox.services import dispatch_on_commit

PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
RESOLVED = "resolved"  # support.returns.models.ReturnStatus.RESOLVED (demand does not import support's models)


@receiver(configurations_frozen, dispatch_uid="demand-order-facts")
def _configurations_frozen(sender, order, configurations, **kwargs):
    record_order_facts(order=order, configurations=configurations)
    record_ordered(configuration_codes=[c.code for c in configurations],
                   versions={c.code: c.version for c in configurations})


@receiver(configuration_event, dispatch_uid="demand-configuration-event")
def _configuration_event(sender, session, version, kind, option="", configuration="", **kwargs):
    record_event(session=session, version=version, kind=kind, option=option, configuration=configuration)


@receiver(post_save, sender=PaymentEventQuantity, dispatch_uid="demand-refunded-units")
def _units_refunded(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.event.event_type.name == REFUNDED:  # (both cached by who created it)
        dispatch_on_commit(reverse_taken_back_units, [instance.line_id])


@receiver(post_save, sender="returns.Return", dispatch_uid="demand-return-resolved")
def _return_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.status == RESOLVED:
        dispatch_on_commit(reverse_taken_back_units, [instance.line_id])


@receiver(order_status_changed, dispatch_uid="demand-order-cancelled")
def _order_status_changed(sender, order, old_status, new_status, **kwargs):
    if new_status == CANCELLED:
        dispatch_on_commit(reverse_taken_back_units, list(order.lines.values_list("pk", flat=True)))
