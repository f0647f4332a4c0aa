"""`make run`'s demo returns: every stage, a remake in the queue, goodwill and store credit spent at checkout."""

import pytest
from freezegun import freeze_time

from configurator.production.models import WorkOrder
from shop.demo.orders import seed_demo_orders
from shop.demo.returns import seed_demo_returns
from shop.demo.support import seed_demo_requests
from support.returns.models import Exchange, Gesture, Return, StoreCredit


@pytest.mark.django_db
def test_the_demo_returns_show_every_stage():
    with freeze_time("2026-12-01 10:00:00"):
        seed_demo_orders()
        seed_demo_requests()
        assert seed_demo_returns() == 9
        assert seed_demo_returns() == 0  # once
    assert sorted(Return.objects.values_list("status", flat=True)) == [
        "approved", "declined", "inspected", "received", "requested", "resolved", "resolved", "resolved", "resolved"]
    waiting, placed = (Exchange.objects.get(status=status) for status in ("choosing", "placed"))
    assert waiting.order is None and waiting.ret.reason == "not_as_expected"
    replacement = placed.order.lines.get()
    assert "size_44" in replacement.configuration.snapshot["choices"]["options"]
    assert placed.order.total_incl_tax == 0 and placed.ret.order.lines.get().title == replacement.title
    assert WorkOrder.objects.filter(line=replacement, remake_of__isnull=True).count() == 1  # in the queue
    remake = WorkOrder.objects.get(remake_of__isnull=False)
    assert remake.rush and remake.status == "queued" and remake.remake_cause == "Size or fit"
    spent = StoreCredit.objects.get(spent_on__isnull=False)
    assert spent.spent_on.discounts.get().voucher_code == spent.voucher.code
    gesture = Gesture.objects.get()
    assert gesture.status == "granted" and gesture.voucher is not None and gesture.request.kind == "complaint"
    assert all(ret.request.queue.slug == "returns" for ret in Return.objects.select_related("request__queue"))
