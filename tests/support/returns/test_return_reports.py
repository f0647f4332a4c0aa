"""Returns and goodwill in the support reports, and the per-option signals demand analytics reads."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from support.returns import reports, services
from support.returns.models import Outcome, Reason
from tests.support.returns.test_return_flow import start


def period():
    now = timezone.now()
    return now - timedelta(days=1), now + timedelta(days=1)


def test_a_remade_return_counts_in_every_returns_report(shipped_order, demo_user, new_request):
    shopper, agent = demo_user("shopper"), demo_user("support")
    ret = services.approve_return(start(shipped_order, shopper, wanted=Outcome.REMAKE), agent=agent, ship_back=False)
    services.resolve_return(ret, agent=agent, resolution=Outcome.REMAKE)
    complaint = new_request(kind="complaint", order=shipped_order, line=ret.line)
    services.grant_goodwill(complaint, agent=agent, kind="credit", reason="quality", amount="20.00",
                            note="Scuffed on arrival", line=ret.line)
    s, e = period()
    by_product = reports.returns_by_product_report(s, e)
    assert by_product.rows == [["The Atelier Sneaker", 1, 1, Decimal("100.0")]]
    by_option = {row[0]: row[1:] for row in reports.returns_by_option_report(s, e).rows}
    assert by_option["Full-grain leather (upper_leather)"] == [1, 1, Decimal("100.0")]
    by_reason = dict(reports.returns_by_reason_report(s, e).rows)
    assert by_reason[Reason.FIT.label] == 1 and by_reason[Reason.FAULTY.label] == 0
    remakes = reports.remakes_report(s, e)
    assert remakes.rows == [["Size or fit", 1, Decimal("100.0")]] and "remake rate of 100.0 %" in remakes.note
    times = reports.return_resolution_times_report(s, e)
    assert [row[:2] for row in times.rows] == [["A remake", 1]]
    assert reports.goodwill_by_reason_report(s, e).rows == [["Quality or defect", Decimal("20.00")]]
    by_goodwill_option = dict(reports.goodwill_by_option_report(s, e).rows)
    assert by_goodwill_option["The Atelier Sneaker"] == Decimal("20.00")
    assert by_goodwill_option["The Atelier Sneaker: Full-grain leather (upper_leather)"] == Decimal("20.00")
    signals = {signal.option_code: signal for signal in reports.returns_and_complaints_by_option(s, e)}
    assert (signals["upper_leather"].returns, signals["upper_leather"].complaints) == (1, 1)
    assert signals["upper_leather"].day == timezone.localdate()


def test_a_declined_return_is_not_counted(shipped_order, demo_user):
    shopper, agent = demo_user("shopper"), demo_user("support")
    services.decline_return(start(shipped_order, shopper), agent=agent, reason="Worn outdoors.")
    s, e = period()
    assert reports.returns_by_product_report(s, e).rows == [["The Atelier Sneaker", 0, 1, Decimal("0.0")]]
    assert reports.returns_and_complaints_by_option(s, e) == []
