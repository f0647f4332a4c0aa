"""Two agents press the same button at the same moment, against the served store (run on SQLite and PostgreSQL):
a return is refunded once, goodwill on one request never goes past an agent's limit without a lead, and a gesture
two leads approve at once is given once. Stripe (localstripe) is asked to refund exactly what the store records."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from shop.payments import gateway
from shop.payments.models import PaymentRefund
from shop.roles import SUPPORT, SUPPORT_LEADS
from support.models import Kind
from support.returns import services
from support.returns.models import Gesture, GoodwillStatus, Outcome, ReturnStatus
from support.services import open_request
from tests.served import Visitor, in_parallel
from tests.shop.payments.conftest import Order, pay_request, served_checkout  # noqa: F401  (fixture used here)
from tests.support.returns.conftest import ship


def colleague(role, email):
    user = get_user_model().objects.create_user(username=email, email=email, first_name="Colleague",
                                                last_name=role, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def desk(live_server, *users):
    """A browser per staff member, signed in, holding a CSRF token of the dashboard."""
    visitors = []
    for user in users:
        client = Client()
        client.force_login(user)
        visitor = Visitor(live_server, client)
        visitor.csrf_token("/shop/dashboard/support/")
        visitors.append(visitor)
    return visitors


def confirmation(visitor, url, body):
    """The fields of the confirmation page the visitor is shown for ``body`` (nothing is done yet)."""
    page = visitor.post(url, data=body)
    assert page.status_code == 200, page.text[:500]
    return {name: value for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"',
                                                        page.text) if name != "csrfmiddlewaretoken"}


def stripe_refunded(order):
    return sorted(r.amount for r in gateway.charge_refunds(
        gateway.retrieve_intent(order.stripe_payment.intent_id).charge_id))


@pytest.fixture
def paid_and_shipped(served_checkout):  # noqa: F811
    """Sam Shopper's sneaker (155.00 EUR), paid by card in the served store and shipped."""
    return ship(Order.objects.get(number=pay_request(served_checkout)().json()["order"]))


def test_two_agents_refunding_one_return_at_once_refund_it_once(live_server, paid_and_shipped, demo_user):
    shopper, agent = demo_user("shopper"), demo_user("support")
    ret = services.start_return(order=paid_and_shipped, line=paid_and_shipped.lines.get(), quantity=1,
                                reason="fit", wanted=Outcome.REFUND, customer=shopper, email=shopper.email,
                                name="Sam Shopper")
    services.approve_return(ret, agent=agent, ship_back=False)
    first, second = desk(live_server, agent, colleague(SUPPORT, "ana@atelier.example"))
    url = f"/shop/dashboard/support/requests/{ret.number}/return/resolve/"
    fields = [confirmation(visitor, url, {"resolution": "refund"}) for visitor in (first, second)]
    assert fields[0]["amount"] == fields[1]["amount"] == "155.00"

    answers = in_parallel(lambda: first.post(url, data=fields[0]), lambda: second.post(url, data=fields[1]))

    assert sorted(answer.status_code for answer in answers) == [302, 400], answers
    assert "is resolved" in next(a.text for a in answers if a.status_code == 400)
    assert stripe_refunded(paid_and_shipped) == [Decimal("155.00")]
    assert PaymentRefund.objects.filter(status="succeeded").count() == 1
    assert paid_and_shipped.sources.get().amount_refunded == Decimal("155.00")
    ret.refresh_from_db()
    assert ret.status == ReturnStatus.RESOLVED and ret.refund_amount == Decimal("155.00")


def test_two_goodwill_refunds_on_one_request_at_once_stay_within_the_limit(live_server, paid_and_shipped,
                                                                           demo_user):
    shopper = demo_user("shopper")
    request = open_request(kind=Kind.COMPLAINT, subject="Late again", body="Two weeks late.", email=shopper.email,
                           customer=shopper, name="Sam Shopper", order=paid_and_shipped)
    first, second = desk(live_server, demo_user("support"), colleague(SUPPORT, "ana@atelier.example"))
    url = f"/shop/dashboard/support/requests/{request.reference}/goodwill/"
    body = {"kind": "refund", "reason": "late", "amount": "40.00", "note": "Two weeks late"}
    fields = [confirmation(visitor, url, body) for visitor in (first, second)]  # both within the limit alone

    answers = in_parallel(lambda: first.post(url, data=fields[0]), lambda: second.post(url, data=fields[1]))

    assert [a for a in answers if isinstance(a, Exception)] == []
    gestures = list(Gesture.objects.filter(request=request))
    granted = [g for g in gestures if g.status == GoodwillStatus.GRANTED]
    assert sum(g.amount for g in granted) <= Decimal("50.00")  # never past the limit without a lead
    assert stripe_refunded(paid_and_shipped) == [g.amount for g in granted] == [Decimal("40.00")]
    assert paid_and_shipped.sources.get().amount_refunded == Decimal("40.00")
    assert sorted(a.status_code for a in answers) == [302, 400]  # the second saw the first's gesture: refused
    assert len(gestures) == 1


def test_two_leads_approving_one_gesture_at_once_give_it_once(live_server, paid_and_shipped, demo_user):
    shopper, agent = demo_user("shopper"), demo_user("support")
    request = open_request(kind=Kind.COMPLAINT, subject="Sole split", body="The sole split.", email=shopper.email,
                           customer=shopper, name="Sam Shopper", order=paid_and_shipped)
    gesture = services.grant_goodwill(request, agent=agent, kind="refund", reason="quality", amount="90.00",
                                      note="Sole split after a week")
    assert gesture.status == GoodwillStatus.AWAITING_APPROVAL
    first, second = desk(live_server, demo_user("lead"), colleague(SUPPORT_LEADS, "lin@atelier.example"))
    url = f"/shop/dashboard/support/goodwill/{gesture.pk}/"
    fields = [confirmation(visitor, url, {"decision": "approve"}) for visitor in (first, second)]

    answers = in_parallel(lambda: first.post(url, data=fields[0]), lambda: second.post(url, data=fields[1]))

    assert sorted(answer.status_code for answer in answers) == [302, 400], answers
    assert stripe_refunded(paid_and_shipped) == [Decimal("90.00")]
    assert paid_and_shipped.sources.get().amount_refunded == Decimal("90.00")
    gesture.refresh_from_db()
    assert gesture.status == GoodwillStatus.GRANTED and gesture.refund.amount == Decimal("90.00")
