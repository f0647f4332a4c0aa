"""Loyalty's personal data: a customer's standing, the history of their tier and the anniversaries we thanked
them for."""

from django.contrib.auth import get_user_model

from shop.loyalty.models import Anniversary, Standing, TierChange
from shop.privacy.records import records
from shop.privacy.registry import Export, Subject, register, register_access_point


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


def erase_loyalty(subject):
    """Their standing, tier history and anniversaries are deleted."""
    if subject.user is None:
        return 0
    return sum(model.objects.filter(user=subject.user).delete()[0] for model in (Anniversary, TierChange, Standing))


register("Loyalty", models=["loyalty.Standing", "loyalty.TierChange", "loyalty.Anniversary"],
         export=export_loyalty, erase=erase_loyalty)


def _loyalty_opened(kwargs):
    user = get_user_model().objects.filter(pk=kwargs.get("user_id")).first()
    return (Subject.of(user=user), "Loyalty standing and history") if user is not None else None


register_access_point("dashboard:loyalty-customer", subject_of=_loyalty_opened)
