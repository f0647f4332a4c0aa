"""Payments' periodic jobs (Celery beat): cancelling abandoned payments, asking Stripe again about refunds."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings

from shop.payments import services


@shared_task
def release_abandoned_payments():
    return services.release_abandoned_payments(older_than=timedelta(minutes=settings.STRIPE_ABANDONED_PAYMENT_MINUTES))


@shared_task
def retry_pending_refunds():
    return services.retry_pending_refunds(older_than=timedelta(minutes=2))
