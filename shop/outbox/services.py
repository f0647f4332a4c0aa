"""Sending background tasks without failing the caller; sending again what had to wait."""

import logging
from functools import partial

from celery import current_app
from django.db import transaction

from shop.outbox.models import PendingTask

logger = logging.getLogger("shop.outbox")


def error_text(error):
    return f"{type(error).__name__}: {error}"[:255]


def dispatch(task, *args, **kwargs):
    """Send the task now; if that fails for any reason, keep it in the outbox. Never raises."""
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except Exception as error:  # the broker is unreachable, or the task failed when run eagerly: keep it
        logger.warning("Task %s%r kept in the outbox: %s", task.name, args, error)
        try:
            PendingTask.objects.create(task_name=task.name, args=list(args), kwargs=kwargs,
                                       last_error=error_text(error))
        except Exception:  # the database is failing too: nothing more can be done than to say so
            logger.exception("Task %s%r lost: the outbox could not be written", task.name, args)
        return False
    return True


def dispatch_on_commit(task, *args, **kwargs):
    """Send the task once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(dispatch, task, *args, **kwargs), robust=True)


def drain_outbox(limit=500):
    """Send the tasks that waited, oldest first; stops at the first one the broker still refuses.

    Returns how many were sent.
    """
    sent = 0
    for pending in PendingTask.objects.all()[:limit]:
        task = current_app.tasks.get(pending.task_name)
        if task is None:
            logger.error("Outbox: no task named %s; dropping %s", pending.task_name, pending)
            pending.delete()
            continue
        try:
            task.apply_async(args=pending.args, kwargs=pending.kwargs)
        except Exception as error:
            PendingTask.objects.filter(pk=pending.pk).update(attempts=pending.attempts + 1,
                                                             last_error=error_text(error))
            logger.warning("Outbox: %s still waits: %s", pending, error)
            break
        pending.delete()
        sent += 1
    return sent


def waiting_count():
    return PendingTask.objects.count()
