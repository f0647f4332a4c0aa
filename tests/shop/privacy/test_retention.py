"""Retention: three years after a guest's last order their data is anonymised, and closed conversations whose last
message is that old are redacted; a dry run shows what would happen and changes nothing."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time
from oscar.core.loading import get_model

from shop.privacy.retention import apply_retention
from support.models import SupportRequest
from support.services import change_request, open_request
from tests.orders import SNEAKER, paid_order
from tests.shop.privacy.test_access_log import sneaker_version_db  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")


@pytest.fixture
def old_and_new(sneaker_version_db, demo_user):  # noqa: F811
    """A guest who ordered four years ago and wrote then (closed since), and one who ordered last month."""
    agent = demo_user("support")
    with freeze_time(timezone.now() - timedelta(days=4 * 365)):
        old = paid_order(sneaker_version_db, SNEAKER)
        Order.objects.filter(pk=old.pk).update(guest_email="old@example.com")
        request = open_request(kind="order", subject="Gift wrap?", body="Could you wrap it?", email="old@example.com",
                               name="Olga Old", notify=False)
        change_request(request, actor=agent, status="closed")
        shopper = demo_user("shopper")
        members = open_request(kind="product", subject="Lace colours?", body="Do you sell ink laces?",
                               email=shopper.email, customer=shopper, name="Sam Shopper", notify=False)
        change_request(members, actor=agent, status="closed")
    new = paid_order(sneaker_version_db, SNEAKER)
    Order.objects.filter(pk=new.pk).update(guest_email="new@example.com")
    return old, new, request, members


def test_a_dry_run_shows_what_would_go_and_changes_nothing(old_and_new):
    old, _, request, _ = old_and_new
    out = io.StringIO()
    call_command("privacy", "retention", "--dry-run", stdout=out)
    shown = out.getvalue()
    assert "Would anonymise: Guest old@example.com: orders, payments and requests anonymised" in shown
    assert f"Would anonymise: Support request {request.reference} (closed;" in shown
    assert "new@example.com" not in shown
    old.refresh_from_db()
    assert old.guest_email == "old@example.com"


def test_past_retention_guests_and_closed_conversations_are_anonymised(old_and_new):
    old, new, request, members = old_and_new
    done = apply_retention()
    assert done[0] == "Guest old@example.com: orders, payments and requests anonymised"
    assert done[1].startswith(f"Support request {members.reference} (closed; last message")  # a member's, too
    assert len(done) == 2
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.guest_email == "erased@erased.invalid" and new.guest_email == "new@example.com"
    request = SupportRequest.objects.get(pk=request.pk)
    assert (request.subject, request.name) == ("[erased]", "")
    assert request.messages.get().body == "[erased]"
    members = SupportRequest.objects.get(pk=members.pk)
    assert members.messages.get().body == "[erased]" and members.customer.email == "shopper@atelier.example"
    assert apply_retention() == []  # done once
