"""Retention: what the store keeps only for a person goes after ``PRIVACY_RETENTION_DAYS`` (3 years) without
news of them. A guest's personal data (orders, payments, requests, … through every area's eraser) when their last
order and last message are older than that; and each area's own rule (closed support conversations). A daily Celery
beat task runs it; ``manage.py privacy retention --dry-run`` shows what it would do."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone
from oscar.core.loading import get_model

from shop.privacy.erasure import erase_personal_data
from shop.privacy.registry import EXPIRERS, Subject

Order = get_model("order", "Order")
ERASED_DOMAIN = "@erased.invalid"


def stale_guests(cutoff):
    """Guests' e-mail addresses whose last order is older than ``cutoff`` (a guest's newer order keeps them; an
    address that has an account since is the account's, kept with it)."""
    last_orders = (Order.objects.filter(user__isnull=True).exclude(guest_email="")
                   .exclude(guest_email__endswith=ERASED_DOMAIN).values("guest_email")
                   .annotate(last=Max("date_placed")))
    members = {email.lower() for email in get_user_model().objects.values_list("email", flat=True)}
    return sorted({row["guest_email"].lower() for row in last_orders
                   if row["last"] < cutoff and row["guest_email"].lower() not in members})


def apply_retention(*, now=None, dry_run=False):
    """Anonymise what is past retention; returns what was anonymised (or would be, with ``dry_run``), a line each."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.PRIVACY_RETENTION_DAYS)
    done = []
    for email in stale_guests(cutoff):
        done.append(f"Guest {email}: orders, payments and requests anonymised")
        if not dry_run:
            erase_personal_data(Subject.of(email=email))
    for expire in EXPIRERS.values():
        done += expire(cutoff, dry_run=dry_run)
    return done
