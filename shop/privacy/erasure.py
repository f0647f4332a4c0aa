"""Erasing a customer's personal data: every registered area removes it, or anonymises it where the store must
keep the record (an order's number, amounts and VAT, what was ordered, how it was built; counts for reports).
Staff erase on request (``manage.py privacy erase``) at once; a customer asks from My account → Privacy with their
password, and it happens after a grace period they can cancel in.

The account goes last: the other areas find the customer's rows by the account and the e-mail addresses the
subject was made with, which the account's erasure changes."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from shop.outbox.services import dispatch_on_commit
from shop.privacy import tasks
from shop.privacy.models import ErasureRequest
from shop.privacy.registry import Subject, holders

ACCOUNT = "Account"


@transaction.atomic
def erase_personal_data(subject):
    """Erase ``subject``'s data everywhere; returns {area: rows erased or anonymised}."""
    ordered = sorted(holders(), key=lambda holder: holder.name == ACCOUNT)
    return {holder.name: holder.erase(subject) for holder in ordered}


class ErasureRefused(ValidationError):
    """An erasure that must not start, with the reason for the customer."""


def pending_erasure(user):
    return ErasureRequest.objects.filter(user=user, cancelled_at__isnull=True, carried_out_at__isnull=True).first()


@transaction.atomic
def request_erasure(user, *, password):
    """The customer asks for their account to be erased: with their password, after a grace period they can cancel
    in; they are told by e-mail when it will happen."""
    if not user.check_password(password or ""):
        raise ErasureRefused("That is not your password: nothing was changed.")
    get_user_model().objects.select_for_update().get(pk=user.pk)  # one request at a time
    pending = pending_erasure(user)
    if pending is not None:
        return pending
    now = timezone.now()
    erasure = ErasureRequest.objects.create(user=user, requested_at=now,
                                            due_at=now + timedelta(days=settings.PRIVACY_ERASURE_GRACE_DAYS))
    dispatch_on_commit(tasks.send_erasure_scheduled, erasure.pk)
    return erasure


@transaction.atomic
def cancel_erasure(user):
    """The customer changed their mind within the grace period: nothing is erased."""
    return ErasureRequest.objects.filter(user=user, cancelled_at__isnull=True, carried_out_at__isnull=True).update(
        cancelled_at=timezone.now())


def carry_out_due_erasures(*, now=None):
    """Erase the accounts whose grace period is over (a daily Celery beat task); returns how many."""
    now = now or timezone.now()
    done = 0
    for erasure in ErasureRequest.objects.filter(due_at__lte=now, cancelled_at__isnull=True,
                                                 carried_out_at__isnull=True).select_related("user"):
        with transaction.atomic():
            erase_personal_data(Subject.of(user=erasure.user))
            ErasureRequest.objects.filter(pk=erasure.pk).update(carried_out_at=now)
        done += 1
    return done
