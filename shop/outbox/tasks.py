from celery import shared_task

from shop.outbox import services


@shared_task
def drain_outbox():
    return services.drain_outbox()
