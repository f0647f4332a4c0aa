"""A thank-you e-mail one year after a customer's first order (and every year after), with an offer: a single-use
Oscar voucher of ``LOYALTY_ANNIVERSARY_PERCENT`` off, valid ``LOYALTY_ANNIVERSARY_VALID_DAYS``. Sent once per
customer and year by a daily Celery beat task; a day the task did not run is caught up within a week."""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from oscar.core.loading import get_model

from shop.loyalty import tasks
from shop.loyalty.models import Anniversary, Standing
from shop.outbox.services import dispatch_on_commit

Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Range = get_model("offer", "Range")
Voucher = get_model("voucher", "Voucher")
CATCH_UP_DAYS = 7


def anniversary_of(since, years):
    """The day ``years`` after ``since`` (29 February falls on 28 February in other years)."""
    try:
        return since.replace(year=since.year + years)
    except ValueError:
        return date(since.year + years, 2, 28)


def anniversaries_due(today):
    """(standing, years) of the customers whose first order was a whole number of years ago, this past week, and
    who were not thanked for that year yet."""
    thanked = set(Anniversary.objects.values_list("user_id", "years"))
    due = []
    for standing in Standing.objects.filter(customer_since__lte=today - timedelta(days=365)).select_related("user"):
        years = today.year - standing.customer_since.year
        for count in (years, years - 1):
            day = anniversary_of(standing.customer_since, count) if count > 0 else None
            if day and today - timedelta(days=CATCH_UP_DAYS) < day <= today and \
                    (standing.user_id, count) not in thanked:
                due.append((standing, count))
    return due


def anniversary_voucher():
    everything, _ = Range.objects.get_or_create(
        slug="everything", defaults={"name": "Everything in the store", "includes_all_products": True})
    code = f"THANKS-{get_random_string(8, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789')}"
    offer = ConditionalOffer.objects.create(
        name=f"Anniversary {code}", offer_type=ConditionalOffer.VOUCHER, exclusive=True,
        condition=Condition.objects.create(range=everything, type=Condition.COUNT, value=1),
        benefit=Benefit.objects.create(range=everything, type=Benefit.PERCENTAGE,
                                       value=settings.LOYALTY_ANNIVERSARY_PERCENT))
    now = timezone.now()
    voucher = Voucher.objects.create(name=f"Anniversary {code}", code=code, usage=Voucher.SINGLE_USE,
                                     start_datetime=now,
                                     end_datetime=now + timedelta(days=settings.LOYALTY_ANNIVERSARY_VALID_DAYS))
    voucher.offers.add(offer)
    return voucher


def send_anniversaries(*, today=None):
    """Thank every customer whose anniversary is due, once; returns how many were thanked."""
    today = today or timezone.localdate()
    sent = 0
    for standing, years in anniversaries_due(today):
        try:
            with transaction.atomic():
                anniversary = Anniversary.objects.create(user=standing.user, years=years,
                                                         voucher=anniversary_voucher())
                dispatch_on_commit(tasks.send_anniversary, anniversary.pk)
        except IntegrityError:  # thanked meanwhile by another run
            continue
        sent += 1
    return sent
