"""Reads of loyalty for pages: the badge staff see (one query per page, or per list), the customer's own page
(their tier, what it gives, and what the next one or keeping this one takes), and the tier whose perks other
areas honour (support's priority handling)."""

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model

from shop.loyalty.models import Standing, Tier
from shop.loyalty.services import YEAR, ZERO, order_history, reaches

Order = get_model("order", "Order")
GOLD_RANK = 2  # the rank of Gold among the store's tiers (migration 0002); a better tier ranks higher


@dataclass(frozen=True)
class Badge:
    """What staff see of a customer wherever they meet them."""

    tier: str
    rank: int
    customer_since: object
    lifetime_orders: int
    lifetime_value: Decimal
    is_member: bool = True

    @property
    def is_gold_or_better(self):
        """Whether the workshop sees the badge too (their items come first)."""
        return self.rank >= GOLD_RANK


GUEST = Badge(tier="Guest", rank=-1, customer_since=None, lifetime_orders=0, lifetime_value=ZERO, is_member=False)


def _badge(standing, base):
    if standing is None:
        return Badge(tier=base.name if base else "Member", rank=0, customer_since=None, lifetime_orders=0,
                     lifetime_value=ZERO)
    return Badge(tier=standing.tier.name, rank=standing.tier.rank, customer_since=standing.customer_since,
                 lifetime_orders=standing.lifetime_orders, lifetime_value=standing.lifetime_value)


def badges(user_ids):
    """{user id: Badge} of these customers, in two queries (their standings, and the base tier)."""
    user_ids = {user_id for user_id in user_ids if user_id}
    standings = {s.user_id: s for s in Standing.objects.filter(user_id__in=user_ids).select_related("tier")}
    base = Tier.objects.order_by("rank").first() if len(standings) < len(user_ids) else None
    return {user_id: _badge(standings.get(user_id), base) for user_id in user_ids}


def badge(user_id):
    """The badge of one customer (a guest's when ``user_id`` is None)."""
    return badges([user_id]).get(user_id, GUEST) if user_id else GUEST


def badge_of(found, user_id):
    """A customer's badge among those ``badges`` read for a page (a guest's when ``user_id`` is None)."""
    return found.get(user_id, GUEST)


@dataclass(frozen=True)
class Goal:
    """What a customer still needs, within a time: "€320 more in the next 9 months keeps you Gold"."""

    tier: Tier
    spend: Decimal  # still to spend (0: the spend threshold is not what counts)
    orders: int  # or still to order
    until: object  # by this day
    keeps: bool  # keeps the tier they hold (else reaches the next)


def _goal(tier, spend, orders, until, keeps):
    return Goal(tier=tier, spend=max(tier.min_spend - spend, ZERO) if tier.min_spend else ZERO,
                orders=max(tier.min_orders - orders, 0) if tier.min_orders else 0, until=until, keeps=keeps)


@dataclass(frozen=True)
class LoyaltyPage:
    standing: Standing
    tier: Tier
    tiers: list
    next_tier: Tier | None
    to_next: Goal | None
    to_keep: Goal | None


def loyalty_page(user, *, now=None):
    """The customer's tier and its perks, what reaches the next tier (the orders of the last 12 months count), and
    what keeps the one they hold when its 12 months are up (the orders of the 12 months before that day count)."""
    now = now or timezone.now()
    tiers = list(Tier.objects.order_by("rank"))
    standing = Standing.objects.select_related("tier").filter(user=user).first() or Standing(user=user,
                                                                                            tier=tiers[0])
    tier = standing.tier
    higher = [t for t in tiers if t.rank > tier.rank]
    next_tier = higher[0] if higher else None
    to_next = to_keep = None
    if next_tier is not None:
        to_next = _goal(next_tier, standing.year_spend, standing.year_orders, None, keeps=False)
    if not tier.is_base and standing.held_until:
        history = order_history(user.pk, now=now)
        since = timezone.make_aware(datetime.combine(standing.held_until - YEAR, time.min))
        counting = [value for placed, value in history.year_orders_placed if placed >= since]
        spend, orders = sum(counting, ZERO), len(counting)
        if not reaches(tier, spend, orders):
            to_keep = _goal(tier, spend, orders, standing.held_until, keeps=True)
    return LoyaltyPage(standing=standing, tier=tier, tiers=tiers, next_tier=next_tier, to_next=to_next,
                       to_keep=to_keep)


ORDINALS = {2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth",
            10: "tenth"}


def ordinal(number):
    if number in ORDINALS:
        return ORDINALS[number]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def regular_thanks(order):
    """"This is your fourth order from us: thank you for coming back." for a member's second order and later
    (their paid orders up to this one), else ""."""
    if not order.user_id:
        return ""
    count = (Order.objects.filter(user_id=order.user_id, date_placed__lte=order.date_placed)
             .exclude(status__in=("Pending", "Cancelled")).exclude(pk=order.pk).count() + 1)
    if count < 2:
        return ""
    return f"This is your {ordinal(count)} order from us: thank you for coming back."
