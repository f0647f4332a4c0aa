"""Customers of each tier (a lead raised them, as support leads do), for the tests of the tiers' perks; the
payment tests' configured sneaker, for a tier offer's basket."""

import pytest
from django.contrib.auth import get_user_model

from shop.loyalty.models import Tier
from shop.loyalty.services import raise_tier
from tests.shop.payments.conftest import sneaker_quote

sneaker_quote = sneaker_quote  # a fixture of these tests too


@pytest.fixture
def customer_of_tier(demo_user):
    """customer_of_tier("Gold"): a new customer holding that tier ("Member": a new account, nothing raised)."""
    def make(tier, *, username=None):
        username = username or f"{tier.lower()}-customer"
        user = get_user_model().objects.create_user(username=username, email=f"{username}@example.com",
                                                    first_name=tier, last_name="Customer", password="x-pass-4321")
        if tier != "Member":
            raise_tier(user, tier=Tier.objects.get(name=tier), by=demo_user("lead"), reason="Loyal for years")
        return user

    return make
