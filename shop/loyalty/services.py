"""A customer's loyalty standing, worked out from their orders; a lead's raise by hand.

Counted orders are the customer's paid ones (not pending, not cancelled), each for what it cost less what was
refunded on it (Oscar's payment sources); one refunded in full does not count. "The last 12 months" is the 365 days
up to now.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model

from shop.loyalty import tasks
from shop.loyalty.models import Standing, Tier, TierChange
from shop.outbox.services import dispatch_on_commit

Order = get_model("order", "Order")
Source = get_model("payment", "Source")

NOT_COUNTED_ORDER_STATUSES = ("Pending", "Cancelled")  # never paid, or given back
YEAR = timedelta(days=365)
ZERO = Decimal("0.00")


class TierRefused(ValidationError):
    """A change of tier that must not happen, with the reason."""


@dataclass(frozen=True)
class History:
    """What a customer's paid orders add up to."""

    customer_since: object  # a date, or None before the first paid order
    lifetime_orders: int
    lifetime_value: Decimal
    year_orders: int
    year_spend: Decimal
    year_orders_placed: tuple = ()  # (date placed, net value) of the last 12 months' counted orders, oldest first


def counted_orders(user_id):
    """(placed at, what it cost less refunds) of the customer's paid orders not refunded in full, oldest first."""
    refunded = (Source.objects.filter(order=OuterRef("pk")).values("order")
                .annotate(total=Sum("amount_refunded")).values("total")[:1])
    rows = (Order.objects.filter(user_id=user_id).exclude(status__in=NOT_COUNTED_ORDER_STATUSES)
            .annotate(refunded=Coalesce(Subquery(refunded), Value(ZERO), output_field=DecimalField()))
            .order_by("date_placed", "pk").values_list("date_placed", "total_incl_tax", "refunded"))
    return [(placed, total - refunded) for placed, total, refunded in rows if total - refunded > ZERO]


def order_history(user_id, *, now=None):
    now = now or timezone.now()
    orders = counted_orders(user_id)
    recent = tuple((placed, value) for placed, value in orders if placed > now - YEAR)
    return History(
        customer_since=timezone.localdate(orders[0][0]) if orders else None, lifetime_orders=len(orders),
        lifetime_value=sum((value for _, value in orders), ZERO), year_orders=len(recent),
        year_spend=sum((value for _, value in recent), ZERO), year_orders_placed=recent)


def reaches(tier, spend, orders):
    """Whether 12 months' spend or order count reach the tier (either threshold is enough)."""
    if tier.is_base:
        return True
    return bool((tier.min_spend and spend >= tier.min_spend) or (tier.min_orders and orders >= tier.min_orders))


def earned_tier(tiers, spend, orders):
    """The best of ``tiers`` (ordered by rank) that 12 months' spend and orders reach."""
    earned = tiers[0]
    for tier in tiers:
        if reaches(tier, spend, orders):
            earned = tier
    return earned


def base_tier():
    return Tier.objects.order_by("rank").first()


DEFAULT_TIERS = [  # as migration 0002 creates them
    {"name": "Member", "rank": 0},
    {"name": "Silver", "rank": 1, "min_spend": Decimal("500.00"), "min_orders": 2},
    {"name": "Gold", "rank": 2, "min_spend": Decimal("1500.00"), "min_orders": 4, "priority_handling": True,
     "express_production": True, "early_access": True},
]


def ensure_tiers():
    """The default tiers, if the store has none (a database emptied since its migrations, as tests do)."""
    if Tier.objects.exists():
        return 0
    for tier in DEFAULT_TIERS:
        Tier.objects.create(**tier)
    return len(DEFAULT_TIERS)


def _change(standing, to_tier, *, cause, today, by=None, reason=""):
    TierChange.objects.create(user_id=standing.user_id, from_tier=standing.tier if standing.tier_id else None,
                              to_tier=to_tier, cause=cause, by=by, reason=reason)
    standing.tier = to_tier
    standing.held_until = today + YEAR if not to_tier.is_base else None
    if cause in (TierChange.Cause.REACHED, TierChange.Cause.RAISED):
        dispatch_on_commit(tasks.send_tier_reached, standing.user_id, to_tier.pk)  # one e-mail per tier reached


@transaction.atomic
def refresh_standing(user_id, *, now=None):
    """Work out the customer's standing from their orders now: a better tier earned is reached at once; a held
    tier stays until its 12 months are up, then is renewed or becomes what they earn."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    tiers = list(Tier.objects.order_by("rank"))
    if not tiers:
        return None  # no tiers at all: nothing to stand in
    history = order_history(user_id, now=now)
    standing = Standing.objects.select_for_update().select_related("tier").filter(user_id=user_id).first()
    if standing is None:
        standing = Standing(user_id=user_id, tier=tiers[0])
    earned = earned_tier(tiers, history.year_spend, history.year_orders)
    if earned.rank > standing.tier.rank:
        _change(standing, earned, cause=TierChange.Cause.REACHED, today=today)
    elif not standing.tier.is_base and (standing.held_until is None or today >= standing.held_until):
        if earned.rank == standing.tier.rank:
            standing.held_until = today + YEAR  # earned again: renewed for 12 months
        else:
            _change(standing, earned, cause=TierChange.Cause.DROPPED, today=today)
    standing.customer_since = history.customer_since
    standing.lifetime_orders, standing.lifetime_value = history.lifetime_orders, history.lifetime_value
    standing.year_orders, standing.year_spend = history.year_orders, history.year_spend
    standing.updated_at = now
    standing.save()
    return standing


@transaction.atomic
def raise_tier(user, *, tier, by, reason):
    """A support lead raises the customer's tier by hand, with a reason (logged); it is held for 12 months."""
    if not (by and by.has_perm("loyalty.raise_tier")):
        raise PermissionDenied("Only a support lead can raise a customer's tier.")
    reason = (reason or "").strip()
    if not reason:
        raise TierRefused("Say why the tier is raised: the customer's loyalty history keeps it.")
    standing = refresh_standing(user.pk)  # up to date, its row locked until this transaction ends
    if tier.rank <= standing.tier.rank:
        raise TierRefused(f"{user.get_full_name() or user.email} is {standing.tier} already: a tier is only ever "
                          "raised by hand, never lowered.")
    _change(standing, tier, cause=TierChange.Cause.RAISED, today=timezone.localdate(), by=by, reason=reason)
    standing.save()
    return standing


def refresh_all_standings(*, now=None):
    """Every customer with a standing or a paid order, worked out again (orders leave the 12-month window, held
    tiers come up for renewal). Returns how many were refreshed."""
    users = set(Standing.objects.values_list("user_id", flat=True)) | set(
        Order.objects.filter(user__isnull=False).exclude(status__in=NOT_COUNTED_ORDER_STATUSES)
        .values_list("user_id", flat=True).distinct())
    for user_id in sorted(users):
        refresh_standing(user_id, now=now)
    return len(users)
