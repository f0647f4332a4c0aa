"""A customer's standing follows their orders: paid, cancelled, or refunded (in part or in full). A tier added or
re-ranked gets its offer condition ("Customer is Platinum or better") in Oscar's offer wizard."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.apps.order.signals import order_status_changed
from oscar.core.loading import get_model

from shop.loyalty.jobs import refresh_customer_standing
from shop.loyalty.models import Tier
from shop.loyalty.offers import ensure_tier_condition
from shop.outbox.services import dispatch_on_commit

Source = get_model("payment", "Source")
COUNTING_STATUSES = ("Paid", "Cancelled")  # an order starts to count, or stops


@receiver(order_status_changed, dispatch_uid="loyalty-order-status")
def _order_status_changed(sender, order, old_status, new_status, **kwargs):
    if order.user_id and (new_status in COUNTING_STATUSES or old_status == "Pending"):
        dispatch_on_commit(refresh_customer_standing, order.user_id)


@receiver(post_save, sender=Source, dispatch_uid="loyalty-payment-refunded")
def _payment_source_saved(sender, instance, created, **kwargs):
    if not created and instance.amount_refunded and instance.order.user_id:
        dispatch_on_commit(refresh_customer_standing, instance.order.user_id)


@receiver(post_save, sender=Tier, dispatch_uid="loyalty-tier-offer-condition")
def _tier_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        ensure_tier_condition(instance)
