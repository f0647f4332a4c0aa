"""A year after a customer's first order (and every year since) they are thanked by name, once, with a single-use
code of 10% off that Oscar applies in the basket; a day the daily task missed is caught up within a week."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from freezegun import freeze_time

from shop.loyalty.anniversaries import anniversary_of, send_anniversaries
from shop.loyalty.models import Anniversary, Standing
from shop.loyalty.services import base_tier
from shop.payments.placement import priced_basket
from tests.shop.loyalty.test_tiers import customer  # noqa: F401  (fixture)
from tests.shop.payments.conftest import SNEAKER_TOTAL, fill_basket, sneaker_quote  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def since(user, day, orders=3):
    return Standing.objects.create(user=user, tier=base_tier(), customer_since=day, lifetime_orders=orders,
                                   lifetime_value=Decimal("640.00"))


def thank(today, django_capture_on_commit_callbacks):
    with freeze_time(f"{today} 09:00:00"), django_capture_on_commit_callbacks(execute=True):
        return send_anniversaries()


def test_a_year_after_the_first_order_the_customer_is_thanked_once_with_a_code(customer,  # noqa: F811
                                                                               django_capture_on_commit_callbacks):
    since(customer, date(2025, 12, 4))
    assert thank("2026-12-03", django_capture_on_commit_callbacks) == 0  # not yet
    assert thank("2026-12-04", django_capture_on_commit_callbacks) == 1
    assert thank("2026-12-05", django_capture_on_commit_callbacks) == 0  # once
    email = mail.outbox[-1]
    voucher = Anniversary.objects.get(user=customer, years=1).voucher
    assert email.subject == "A year with Atelier: thank you, Ada" and email.to == ["ada@example.com"]
    assert "A year ago you ordered from us for the first time, and 3 orders have followed." in email.body
    assert f"10% off your next order: enter the code {voucher.code} in your basket" in email.body
    assert voucher.usage == voucher.SINGLE_USE and voucher.offers.get().benefit.value == Decimal("10")
    assert len(mail.outbox) == 1


def test_a_missed_day_is_caught_up_within_a_week_and_every_year_counts(customer,  # noqa: F811
                                                                      django_capture_on_commit_callbacks):
    since(customer, date(2024, 6, 1))
    assert thank("2025-06-05", django_capture_on_commit_callbacks) == 1  # the task did not run for four days
    assert thank("2026-06-12", django_capture_on_commit_callbacks) == 0  # more than a week late: let go
    assert thank("2027-06-01", django_capture_on_commit_callbacks) == 1
    assert sorted(Anniversary.objects.values_list("years", flat=True)) == [1, 3]
    assert "3 years ago you ordered from us for the first time" in mail.outbox[-1].body


def test_a_first_order_on_29_february_is_remembered_on_28_february():
    assert anniversary_of(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert anniversary_of(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_the_code_takes_ten_percent_off_the_customers_basket(customer, sneaker_quote,  # noqa: F811
                                                            django_capture_on_commit_callbacks):
    since(customer, date(2025, 12, 4))
    thank("2026-12-04", django_capture_on_commit_callbacks)
    basket = fill_basket(customer, sneaker_quote)
    basket.vouchers.add(Anniversary.objects.get(user=customer).voucher)
    assert priced_basket(basket.pk, customer).total_incl_tax == SNEAKER_TOTAL * Decimal("0.9")
