"""Tier offers through Oscar's own offers: the custom condition "Customer is Gold or better".

A merchandiser builds a tier discount in Oscar's offer wizard like any other offer (incentive: "10% off everything",
condition: "Customer is Gold or better" from the wizard's list of custom conditions). Oscar's wizard offers a custom
condition as a ready-made row to pick and refuses a range or a value typed next to it, so the tier cannot be typed
per offer: one proxy class serves every tier, and each of its Condition rows holds the lowest tier rank it accepts
in Oscar's ``value``. There is one row per tier above everybody's: the data migration made Silver's and Gold's, and
a tier added (or re-ranked) later gets its own when saved, without code.

The basket's owner must hold that tier or a better one; an anonymous basket never qualifies. Their rank is read
with one query per basket object (Oscar asks the condition again at every application of every offer).
"""

from decimal import Decimal

from oscar.core.loading import get_model

from shop.loyalty.models import Tier
from shop.loyalty.perks import tier_of

Condition = get_model("offer", "Condition")

PROXY_CLASS = "shop.loyalty.offers.TierCondition"  # what Oscar's Condition.proxy_class names
_RANK_ON_BASKET = "_loyalty_owner_rank"  # (owner id, rank) read for this basket object


def owner_rank(basket):
    """The tier rank of the basket's owner (0, everybody's, before their first standing); None for an anonymous
    basket. One query per basket object, however many offers ask."""
    owner_id = basket.owner_id
    if not owner_id:
        return None
    cached = getattr(basket, _RANK_ON_BASKET, None)
    if cached is None or cached[0] != owner_id:
        tier = tier_of(owner_id)
        cached = (owner_id, tier.rank if tier is not None else 0)
        setattr(basket, _RANK_ON_BASKET, cached)
    return cached[1]


class TierCondition(Condition):
    """Oscar's custom condition: the customer's tier is at least the one of rank ``value``."""

    class Meta:
        proxy = True
        verbose_name = "Loyalty tier condition"
        verbose_name_plural = "Loyalty tier conditions"

    @property
    def min_rank(self):
        return int(self.value or 0)

    @property
    def name(self):
        """What the wizard's list and the offer pages show: "Customer is Gold or better"."""
        tier = Tier.objects.filter(rank=self.min_rank).values_list("name", flat=True).first()
        if tier is None:
            return f"Customer's loyalty tier is ranked {self.min_rank} or better"
        return f"Customer is {tier} or better"

    @property
    def description(self):
        return f"{self.name} (signed in; loyalty tier)"

    def is_satisfied(self, offer, basket):
        rank = owner_rank(basket)
        return rank is not None and rank >= self.min_rank


def ensure_tier_condition(tier):
    """The wizard's condition for ``tier`` and better (none for everybody's tier): created once, kept if it exists."""
    if tier.rank <= 0:
        return None
    condition, _ = Condition.objects.get_or_create(proxy_class=PROXY_CLASS, value=Decimal(tier.rank))
    return condition
