"""Goodwill from the request screen of any request: store credit, a refund, the shipping, a free remake. Each is
confirmed with its exact amount first; above an agent's limit it waits for a support lead, who approves (after a
confirmation) or refuses it on Support → Goodwill awaiting approval. The customer panel shows what a customer was
given and the store credit they can still spend."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from support.models import Kind
from support.returns.models import Gesture, GoodwillStatus

pytestmark = pytest.mark.django_db

AWAITING = "/shop/dashboard/support/goodwill/"


def grant_url(request):
    return f"/shop/dashboard/support/requests/{request.reference}/goodwill/"


def hidden(response):
    """The confirmation page's form: what its button sends."""
    assert response.status_code == 200, response.content.decode()[:500]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', response.content.decode()))


@pytest.fixture
def complaint(new_request):
    """A complaint by the demo shopper about nothing in particular (no order)."""
    return new_request(kind=Kind.COMPLAINT, subject="Rude on the phone", body="Your colleague hung up on me.")


@pytest.fixture
def customer_page(demo_user):
    client = Client()
    client.force_login(demo_user("shopper"))
    return lambda request: client.get(f"/shop/accounts/support/{request.code}/").content.decode()


def test_store_credit_within_the_limit_after_its_confirmation(client_as, complaint, customer_page):
    client = client_as("support")
    form = client.get(f"/shop/dashboard/support/requests/{complaint.reference}/").content.decode()
    assert 'id="goodwill-form"' in form and 'value="refund"' not in form  # no order: only store credit

    body = {"kind": "credit", "reason": "service", "amount": "25.00", "note": "Hung up on the customer"}
    confirm = client.post(grant_url(complaint), body)
    page = confirm.content.decode()
    assert "Give €25.00 of store credit" in page and "Within your limit of €50.00" in page
    assert not Gesture.objects.exists()

    answer = client.post(grant_url(complaint), hidden(confirm))
    assert answer.status_code == 302 and answer["Location"].endswith("#goodwill")
    gesture = Gesture.objects.get()
    assert (gesture.status, gesture.amount, gesture.granted_by.email) == (
        GoodwillStatus.GRANTED, Decimal("25.00"), "support@atelier.example")
    assert gesture.voucher.code in customer_page(complaint)
    screen = client.get(f"/shop/dashboard/support/requests/{complaint.reference}/").content.decode()
    panel = screen.split("data-customer-panel")[1].split("</section>")[0]
    assert "Goodwill given: <strong>€25.00</strong> (1 gesture)" in panel
    assert "store credit to spend: <strong>€25.00</strong>" in panel
    assert 'data-gesture="granted"' in screen and "Hung up on the customer" in screen


def test_a_second_click_on_the_confirmation_gives_nothing_more(client_as, complaint):
    client = client_as("support")
    confirmed = hidden(client.post(grant_url(complaint), {"kind": "credit", "reason": "service", "amount": "10",
                                                          "note": "Sorry"}))
    assert client.post(grant_url(complaint), confirmed).status_code == 302
    again = client.post(grant_url(complaint), confirmed)
    assert again.status_code == 400 and "after you saw the confirmation" in again.content.decode()
    assert Gesture.objects.count() == 1 and complaint.store_credits.count() == 1


@pytest.mark.parametrize("body, error", [
    ({"kind": "credit", "reason": "service", "note": "Sorry"}, "Enter the amount."),
    ({"kind": "credit", "reason": "service", "amount": "-5", "note": "Sorry"}, "greater than or equal to 0.01"),
    ({"kind": "credit", "reason": "service", "amount": "5"}, "This field is required."),
    ({"kind": "credit", "reason": "no-such-reason", "amount": "5", "note": "Sorry"}, "Select a valid choice."),
    ({"kind": "refund", "reason": "service", "amount": "5", "note": "Sorry"}, "Select a valid choice."),
])
def test_bad_goodwill_shows_its_error_and_gives_nothing(client_as, complaint, body, error):
    answer = client_as("support").post(grant_url(complaint), {**body, "confirmed": "on"})
    assert answer.status_code == 400 and error in answer.content.decode()
    assert not Gesture.objects.exists() and not complaint.store_credits.exists()


def test_above_the_limit_it_waits_for_a_lead_who_approves_it(client_as, shipped_order, new_request,
                                                              customer_page):
    request = new_request(kind=Kind.COMPLAINT, subject="Laces frayed", order=shipped_order)
    agent = client_as("support")
    confirm = agent.post(grant_url(request), {"kind": "refund", "reason": "quality", "amount": "60.00",
                                              "note": "Frayed laces, second time"})
    page = confirm.content.decode()
    assert "Refund €60.00 to the card" in page and "data-needs-approval" in page
    assert "Ask a lead to approve it" in page
    assert agent.post(grant_url(request), hidden(confirm)).status_code == 302
    gesture = Gesture.objects.get()
    assert gesture.status == GoodwillStatus.AWAITING_APPROVAL and gesture.refund is None
    assert not shipped_order.payment_events.filter(event_type__name="Refunded").exists()
    assert "€60.00" not in customer_page(request)
    screen = agent.get(f"/shop/dashboard/support/requests/{request.reference}/").content.decode()
    assert 'data-gesture="awaiting"' in screen and f'data-decide="{gesture.pk}"' not in screen  # agents can't decide
    decide = f"{AWAITING}{gesture.pk}/"
    assert agent.post(decide, {"decision": "approve", "confirmed": "on"}).status_code == 403

    lead = client_as("lead")
    listed = lead.get(AWAITING).content.decode()
    assert f'data-gesture="{gesture.pk}"' in listed and "Frayed laces, second time" in listed
    assert f'data-decide="{gesture.pk}"' in lead.get(
        f"/shop/dashboard/support/requests/{request.reference}/").content.decode()
    confirm = lead.post(decide, {"decision": "approve", "note": "Fine"})
    assert "Approve: refund €60.00 to the card" in confirm.content.decode()
    assert Gesture.objects.get().status == GoodwillStatus.AWAITING_APPROVAL  # not yet
    assert lead.post(decide, hidden(confirm)).status_code == 302
    gesture.refresh_from_db()
    assert gesture.status == GoodwillStatus.GRANTED and gesture.decided_by.email == "lead@atelier.example"
    assert shipped_order.sources.get().amount_refunded == Decimal("60.00")
    assert "we have refunded 60.00 EUR to the card you paid with" in customer_page(request)
    again = lead.post(decide, hidden(confirm))  # approved already: nothing more
    assert again.status_code == 400 and "already granted" in again.content.decode()
    assert shipped_order.sources.get().amount_refunded == Decimal("60.00")
    assert f'data-gesture="{gesture.pk}"' not in lead.get(AWAITING).content.decode()


def test_a_lead_refuses_and_nothing_is_given(client_as, complaint):
    agent = client_as("support")
    agent.post(grant_url(complaint), hidden(agent.post(grant_url(complaint), {
        "kind": "credit", "reason": "loyalty", "amount": "75", "note": "Tenth order"})))
    gesture = Gesture.objects.get()
    assert gesture.status == GoodwillStatus.AWAITING_APPROVAL
    answer = client_as("lead").post(f"{AWAITING}{gesture.pk}/", {"decision": "refuse", "note": "Too much"})
    assert answer.status_code == 302
    gesture.refresh_from_db()
    assert gesture.status == GoodwillStatus.REFUSED and gesture.voucher is None
    assert not complaint.store_credits.exists()
    assert complaint.events.filter(field="goodwill", new_value__contains="refused").exists()


def test_a_leads_own_goodwill_has_no_limit(client_as, complaint):
    lead = client_as("lead")
    confirm = lead.post(grant_url(complaint), {"kind": "credit", "reason": "service", "amount": "120",
                                               "note": "Lost parcel, twice"})
    assert "no limit" in confirm.content.decode() and "data-needs-approval" not in confirm.content.decode()
    lead.post(grant_url(complaint), hidden(confirm))
    assert Gesture.objects.get().status == GoodwillStatus.GRANTED
    assert complaint.store_credits.get().amount == Decimal("120.00")


def test_a_free_remake_of_the_requests_item(client_as, shipped_order, new_request, customer_page):
    line = shipped_order.lines.get()
    request = new_request(kind=Kind.COMPLAINT, subject="Heel squeaks", order=shipped_order, line=line)
    agent = client_as("support")
    confirm = agent.post(grant_url(request), {"kind": "remake", "reason": "quality", "note": "Squeaky heel"})
    page = confirm.content.decode()
    assert "Remake “The Atelier Sneaker” at no charge (valued at €155.00)" in page
    assert "data-needs-approval" in page  # 155.00 is above an agent's 50.00
    lead = client_as("lead")
    confirm = lead.post(grant_url(request), {"kind": "remake", "reason": "quality", "note": "Squeaky heel",
                                             "line": str(line.pk)})
    assert lead.post(grant_url(request), hidden(confirm)).status_code == 302
    gesture = Gesture.objects.get()
    assert gesture.remake.remake_of.line == line and gesture.remake.remake_cause == "Quality or defect"
    assert "We are making" in customer_page(request) and "again for you, at no charge" in customer_page(request)
    assert not shipped_order.payment_events.filter(event_type__name="Refunded").exists()
