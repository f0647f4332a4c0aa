"""Erasing a customer leaves no trace of their e-mail address, name or street in the database or the media files
(a full dump is searched), while their orders still total what they did; the command asks before it erases."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from oscar.core.loading import get_model

from shop.privacy.erasure import erase_personal_data
from shop.privacy.registry import Subject
from tests.shop.privacy.test_export import shoppers_data  # noqa: F401  (fixture)
from tests.support.returns.test_customer_returns import fresh_throttles  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
UserAddress = get_model("address", "UserAddress")


def dump():
    """Every row of every table of the database, as text (a full dump, on SQLite or PostgreSQL)."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(include_views=False):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows += [repr(row) for row in cursor.fetchall()]
    return "\n".join(rows)


def test_after_erasure_the_customer_is_nowhere_and_their_orders_still_add_up(shoppers_data, settings):  # noqa: F811
    shopper, order, other, _ = shoppers_data
    shopper.first_name, shopper.last_name = "Samwise", "Shopperton"  # names nothing else in the store has
    shopper.save()
    address = {"first_name": "Samwise", "last_name": "Shopperton", "line1": "Veldstraat 12", "line4": "Gent",
               "postcode": "9000", "country_id": "BE"}
    order.shipping_address = ShippingAddress.objects.create(**address)
    order.save()
    UserAddress.objects.create(user=shopper, **address)
    before = dump()
    assert "shopper@atelier.example" in before and "Shopperton" in before and "Veldstraat 12" in before
    attachments = [p for p in Path(settings.SUPPORT_ATTACHMENT_ROOT).rglob("*") if p.is_file()]
    assert attachments
    total = order.total_incl_tax

    counts = erase_personal_data(Subject.of(user=shopper))

    after = dump()
    for trace in ("shopper@atelier.example", "Samwise", "Shopperton", "Veldstraat 12", '"SAM"', "Too tight"):
        assert trace not in after, f"{trace} survived the erasure"
    assert not [p for p in Path(settings.SUPPORT_ATTACHMENT_ROOT).rglob("*") if p.is_file()]
    order.refresh_from_db()
    assert order.total_incl_tax == total and order.lines.get().quantity == 1  # the order, for the accounts
    assert order.shipping_address.country_id == "BE"  # VAT was charged by it
    assert other.user.email == "eve@example.com"  # nobody else touched
    user = get_user_model().objects.get(pk=shopper.pk)
    assert not user.is_active and not user.has_usable_password()
    assert counts["Support requests"] >= 1 and counts["Orders"] >= 1


def test_the_command_erases_only_when_the_address_is_typed_again(shoppers_data, monkeypatch):  # noqa: F811
    shopper = shoppers_data[0]
    monkeypatch.setattr("builtins.input", lambda prompt: "someone@else.example")
    with pytest.raises(CommandError, match="nothing was erased"):
        call_command("privacy", "erase", shopper.email)
    assert get_user_model().objects.get(pk=shopper.pk).email == shopper.email
    out = io.StringIO()
    call_command("privacy", "erase", shopper.email, "--yes", stdout=out)
    assert "Erased the personal data of shopper@atelier.example" in out.getvalue()
    assert get_user_model().objects.get(pk=shopper.pk).email == f"erased-{shopper.pk}@erased.invalid"
    assert Order.objects.filter(user=shopper).exists()
    assert sum(Order.objects.filter(user=shopper).values_list("total_incl_tax", flat=True)) > Decimal("0")
