"""Store credit spent at checkout: Oscar records the voucher's discount on the order; what it did not use comes
back to the customer as a new code."""

from decimal import Decimal

from django.db import transaction
from django.dispatch import receiver
from oscar.apps.order.signals import order_placed

from support.returns.credit import issue_store_credit
from support.returns.models import StoreCredit


@receiver(order_placed, dispatch_uid="returns.store_credit_spent")
def store_credit_spent(sender, order, user=None, **kwargs):
    discounts = {discount.voucher_id: discount.amount for discount in order.discounts.all() if discount.voucher_id}
    if not discounts:
        return
    with transaction.atomic():
        for credit in StoreCredit.objects.select_for_update().filter(voucher_id__in=list(discounts),
                                                                      spent_on__isnull=True):
            spent = min(discounts[credit.voucher_id], credit.amount)
            credit.spent_on, credit.spent_amount = order, spent
            credit.save(update_fields=["spent_on", "spent_amount"])
            left = credit.amount - spent
            if left > Decimal("0.00"):
                issue_store_credit(amount=left, request=None, currency=credit.currency, remaining_of=credit,
                                   customer=credit.customer, email=credit.email)
