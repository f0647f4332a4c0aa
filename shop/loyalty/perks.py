"""What a customer's tier gives them, read where a perk applies: the configurator (early access to new options, the
ship date of an express slot), the basket and production (the express slot itself).

One query per customer: their standing's tier, or everybody's tier (the lowest rank) when they have no standing yet.
Anyone not signed in is no member: no tier, no perks, no query.
"""

from django.db.models import Q, Subquery

from shop.loyalty.models import Tier

PERKS = ("priority_handling", "express_production", "early_access")


def tier_of(user_id):
    """The customer's tier (everybody's tier before their first standing); None without a customer or tiers."""
    if not user_id:
        return None
    base_rank = Subquery(Tier.objects.order_by("rank").values("rank")[:1])
    return (Tier.objects.filter(Q(standings__user_id=user_id) | Q(rank=base_rank))
            .order_by("-rank").first())


def perks_of(tier):
    """The names of the perks a tier gives (of ``PERKS``); none without a tier."""
    return frozenset(perk for perk in PERKS if tier is not None and getattr(tier, perk))


def has_perk(user_id, perk):
    """Whether the customer's tier gives this perk (one of ``PERKS``)."""
    if perk not in PERKS:
        raise ValueError(f"{perk!r} is not a loyalty perk (one of {', '.join(PERKS)}).")
    return perk in perks_of(tier_of(user_id))
