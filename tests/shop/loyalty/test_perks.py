"""What a customer's tier gives them, read in one query where a perk applies (configurator, basket, production)."""

import pytest

from shop.loyalty.models import Standing, Tier
from shop.loyalty.perks import has_perk, perks_of, tier_of
from tests.conftest import customer_named

pytestmark = pytest.mark.django_db


def test_a_customer_without_a_standing_has_everybodys_tier_and_a_guest_none(django_assert_num_queries):
    customer = customer_named("Ada")
    with django_assert_num_queries(1):
        assert tier_of(customer.pk).name == "Member"
    with django_assert_num_queries(0):
        assert tier_of(None) is None and perks_of(None) == frozenset() and not has_perk(None, "early_access")


def test_a_gold_customer_has_every_perk_in_one_query(gold_customer, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert perks_of(tier_of(gold_customer.pk)) == {"priority_handling", "express_production", "early_access"}
    assert has_perk(gold_customer.pk, "express_production") and has_perk(gold_customer.pk, "early_access")


def test_perks_follow_what_merchandisers_set_on_the_tiers(gold_customer):
    silver = Tier.objects.get(name="Silver")
    silver.express_production, silver.early_access = True, False
    silver.save()
    Standing.objects.filter(user=gold_customer).update(tier=silver)
    assert has_perk(gold_customer.pk, "express_production") and not has_perk(gold_customer.pk, "early_access")
    Tier.objects.filter(name="Member").update(early_access=True)  # everybody's tier, for a launch
    assert has_perk(customer_named("Bo").pk, "early_access")


def test_an_unknown_perk_is_an_error_not_a_silent_no():
    with pytest.raises(ValueError, match="'free_shipping' is not a loyalty perk"):
        has_perk(1, "free_shipping")
