"""Edits of business hours, closures or targets forget the cached service levels."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from support.models import BusinessHours, ServiceLevelTarget, SupportClosure
from support.sla import forget_service_levels as forget_now


def forget_service_levels(**kwargs):
    """Now, and again once the edit commits (a reader in between would cache the old rows)."""
    forget_now()
    transaction.on_commit(forget_now)


for model in (BusinessHours, ServiceLevelTarget, SupportClosure):
    post_save.connect(forget_service_levels, sender=model, dispatch_uid=f"support-levels-save-{model.__name__}")
    post_delete.connect(forget_service_levels, sender=model, dispatch_uid=f"support-levels-delete-{model.__name__}")
