"""Loyalty's personal data: a customer's standing, the history of their tier and the anniversaries we thanked
them for."""

from shop.loyalty.models import Anniversary, Standing, TierChange
from shop.privacy.records import records
from shop.privacy.registry import Export, register


def export_loyalty(subject):
    user = subject.user
    if user is None:
        return Export()
    return Export(records={
        "standing": records(Standing.objects.filter(user=user).select_related("tier"), [
            ("tier", "tier.name"), "held_until", "customer_since", "lifetime_orders", "lifetime_value",
            "year_orders", "year_spend"]),
        "tier_history": records(TierChange.objects.filter(user=user).select_related("from_tier", "to_tier"), [
            ("from", "from_tier.name"), ("to", "to_tier.name"), "cause", "reason", "at"]),
        "anniversaries": records(Anniversary.objects.filter(user=user).select_related("voucher"), [
            "years", ("code", "voucher.code"), "sent_at"]),
    })


register("Loyalty", models=["loyalty.Standing", "loyalty.TierChange", "loyalty.Anniversary"],
         export=export_loyalty)
