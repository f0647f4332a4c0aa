"""Privacy's Celery beat task: the erasures whose grace period is over."""

from celery import shared_task

from shop.privacy.erasure import carry_out_due_erasures


@shared_task
def carry_out_erasures():
    return carry_out_due_erasures()
