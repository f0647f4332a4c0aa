"""A return from request to resolution: the policy at the start, each step logged and told, refunds that never
exceed what was paid, remakes from the same spec, store credit as an Oscar voucher."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from freezegun import freeze_time

from configurator.production.models import WorkOrder
from shop.payments import gateway
from support.models import Kind, Status
from support.returns import services
from support.returns.models import Outcome, Reason, ReturnStatus
from tests.shop.payments.conftest import Order, pay
from tests.support.returns.conftest import start_return as start


@pytest.fixture
def shopper(demo_user):
    return demo_user("shopper")


@pytest.fixture
def agent(demo_user):
    return demo_user("support")


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    """told(step, ret, ...): run a step and send its e-mails as its commit would; the customer's last e-mail."""
    def run(step, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = step(*args, **kwargs)
        return result, mail.outbox[-1]

    return run


def test_a_return_is_a_support_request_with_the_policys_answer(shipped_order, shopper):
    ret = start(shipped_order, shopper)
    request = ret.request
    assert request.kind == Kind.RETURN and request.status == Status.NEW and request.queue is not None
    assert ret.policy_eligible and "any reason" in ret.policy_why
    assert ret.delivered_on == timezone.localdate() + timedelta(days=3)
    assert ret.window_ends == ret.delivered_on + timedelta(days=30)
    texts = [m.body for m in request.messages.all()]
    assert texts[0] == "Too tight across the toes." and "Our return policy:" in texts[1]
    assert request.events.filter(field="return", new_value__startswith="requested").exists()


def test_the_policy_refuses_what_it_does_not_cover_and_nothing_is_opened(shipped_order, shopper):
    with freeze_time(timezone.now() + timedelta(days=40)):
        with pytest.raises(services.ReturnRefused, match="return window for this item ended"):
            start(shipped_order, shopper, reason=Reason.CHANGED_MIND)
        ret = start(shipped_order, shopper, reason=Reason.FAULTY)  # faults are always covered
    assert ret.policy_eligible
    with pytest.raises(services.ReturnRefused, match="already in a return"):
        start(shipped_order, shopper, reason=Reason.FAULTY)


def test_an_item_not_yet_shipped_cannot_be_returned(at_payment, shopper):
    order = Order.objects.get(number=pay(at_payment).json()["order"])
    with pytest.raises(services.ReturnRefused, match="has not been delivered yet"):
        start(order, shopper)


def test_approve_receive_inspect_refund_each_step_told_and_logged(shipped_order, shopper, agent, told):
    ret = start(shipped_order, shopper)
    ret, email = told(services.approve_return, ret, agent=agent, ship_back=True)
    assert ret.status == ReturnStatus.APPROVED and ret.request.__class__.objects.get(pk=ret.request_id).status == \
        Status.WAITING
    assert "Lijnwaadkaai 27" in email.body and email.body.startswith("Hello Sam,")
    with pytest.raises(services.ReturnRefused, match="waiting for the item"):
        services.resolve_return(ret, agent=agent, resolution=Outcome.REFUND)
    ret = services.mark_received(ret, agent=agent)
    ret = services.inspect_return(ret, agent=agent, outcome="as_described")
    ret, email = told(services.resolve_return, ret, agent=agent, resolution=Outcome.REFUND)
    assert ret.status == ReturnStatus.RESOLVED and ret.refund_amount == Decimal("155.00")
    event = shipped_order.payment_events.get(event_type__name="Refunded")
    assert [(q.line_id, q.quantity) for q in event.line_quantities.all()] == [(ret.line_id, 1)]
    assert "refunded 155.00 EUR" in email.body
    fields = list(ret.request.events.filter(field="return").values_list("new_value", flat=True))
    assert fields[-4:] == ["Approved: ship back", "Received", "Inspected: As the customer described",
                           "Resolved: A refund to my card"]


def test_a_refund_is_never_more_than_the_units_cost(shipped_order, shopper, agent):
    ret = services.approve_return(start(shipped_order, shopper), agent=agent, ship_back=False)
    with pytest.raises(services.ReturnRefused, match=r"155\.00 EUR"):
        services.resolve_return(ret, agent=agent, resolution=Outcome.REFUND, amount="155.01")
    ret.refresh_from_db()
    assert ret.status == ReturnStatus.APPROVED and not shipped_order.payment_events.filter(
        event_type__name="Refunded").exists()


def test_a_remake_is_the_same_spec_ahead_of_the_queue(shipped_order, shopper, agent):
    ret = services.approve_return(start(shipped_order, shopper, wanted=Outcome.REMAKE), agent=agent, ship_back=False)
    ret = services.resolve_return(ret, agent=agent, resolution=Outcome.REMAKE)
    original = WorkOrder.objects.get(order=shipped_order, remake_of=None)
    remake = ret.remake
    assert remake.remake_of == original and list(original.remakes.all()) == [remake]
    assert remake.rush and remake.remake_cause == "Size or fit" and remake.number == f"{original.number}-R1"
    same = {key: value for key, value in remake.spec.items() if key not in ("work_order", "remake")}
    assert same == {key: value for key, value in original.spec.items() if key != "work_order"}
    assert remake.spec["remake"] == {"of": original.number, "cause": "Size or fit"}
    assert remake.estimated_ship_date and remake.promised_ship_date == remake.estimated_ship_date


def test_store_credit_is_an_oscar_voucher_for_what_was_paid(shipped_order, shopper, agent, told):
    ret = services.approve_return(start(shipped_order, shopper, wanted=Outcome.CREDIT), agent=agent,
                                  ship_back=False)
    ret, email = told(services.resolve_return, ret, agent=agent, resolution=Outcome.CREDIT)
    voucher = ret.voucher
    assert voucher.code.startswith("CREDIT-") and voucher.store_credit.amount == Decimal("155.00")
    assert voucher.store_credit.customer == shopper
    assert voucher.code in email.body


def test_goodwill_within_the_limit_happens_above_it_waits_for_a_lead(shipped_order, shopper, agent, demo_user,
                                                                     new_request):
    request = new_request(kind="complaint", order=shipped_order)
    small = services.grant_goodwill(request, agent=agent, kind="credit", reason="late", amount="30",
                                    note="Shipped a week late")
    assert small.status == "granted" and small.voucher is not None
    big = services.grant_goodwill(request, agent=agent, kind="refund", reason="late", amount="30",
                                  note="And a refund")
    assert big.status == "awaiting" and big.refund is None
    assert not shipped_order.payment_events.filter(event_type__name="Refunded").exists()
    with pytest.raises(services.ReturnRefused, match="Only a support lead"):
        services.decide_goodwill(big, lead=agent, approve=True)


def test_a_goodwill_refund_asked_again_after_a_rollback_is_made_once(shipped_order, agent, new_request):
    request = new_request(kind="complaint", order=shipped_order)
    key = services.goodwill_refund_key(request)
    with pytest.raises(RuntimeError), transaction.atomic():  # Stripe refunded, then its answer was lost
        services.grant_goodwill(request, agent=agent, kind="refund", reason="late", amount="10", note="Late")
        raise RuntimeError
    assert services.goodwill_refund_key(request) == key  # asked again, it is the same refund
    gesture = services.grant_goodwill(request, agent=agent, kind="refund", reason="late", amount="10", note="Late")
    assert gesture.refund.idempotency_key == key
    charge = gateway.retrieve_intent(shipped_order.stripe_payment.intent_id).charge_id
    assert [refund.amount for refund in gateway.charge_refunds(charge)] == [Decimal("10.00")]
    assert services.goodwill_refund_key(request) != key  # the next one is another refund
