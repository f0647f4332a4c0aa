"""Privacy's Celery beat tasks: the erasures whose grace period is over; retention."""

from celery import shared_task

from shop.privacy.erasure import carry_out_due_erasures
from shop.privacy.retention import apply_retention


@shared_task
def carry_out_erasures():
    return carry_out_due_erasures()


@shared_task
def apply_retention_rules():
    return len(apply_retention())
