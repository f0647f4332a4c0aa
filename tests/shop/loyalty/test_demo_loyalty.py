"""`make run`'s demo store knows its regular: Sam Shopper's demo orders make him Gold, shown to the desk."""

import pytest
from freezegun import freeze_time

from shop.demo.orders import seed_demo_orders
from shop.demo.returns import seed_demo_returns
from shop.demo.support import seed_demo_requests
from shop.loyalty.models import Standing
from shop.loyalty.services import refresh_all_standings


@pytest.mark.django_db
def test_the_demo_shopper_is_a_gold_regular(demo_user):
    with freeze_time("2026-12-01 10:00:00"):
        seed_demo_orders()
        seed_demo_requests()
        seed_demo_returns()
        assert refresh_all_standings() >= 1
    standing = Standing.objects.get(user=demo_user("shopper"))
    assert standing.tier.name == "Gold" and standing.lifetime_orders >= 4
    assert standing.customer_since is not None
