"""Demand's writes under parallel load, against the served store (SQLite in make run, PostgreSQL in production):
events posted at once are all kept, a line's reversal is written once however many reconcile it together, and
rollup runs started together count every fact once."""

from decimal import Decimal

import pytest
from django.db import connection
from oscar.core.loading import get_model

from configurator.demand.facts import reconcile_reversals
from configurator.demand.models import ConfigurationEvent, DailyOptionDemand, LineReversal, OptionFact
from configurator.demand.rollups import refresh_rollups
from configurator.tracking import new_session
from tests.served import Visitor, in_parallel

PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
EVENTS = "/shop/api/configurator/events/"


def closing(call):
    """Run ``call`` in a thread with its own database connection, closed afterwards."""
    def run():
        try:
            return call()
        finally:
            connection.close()
    return run


def test_events_posted_by_many_browsers_at_once_are_all_kept(seeded_store, live_server, bike_version):
    slug = bike_version.configurable.product.slug
    visitors = [Visitor(live_server) for _ in range(6)]
    for visitor in visitors:
        visitor.csrf_token(page=f"/shop/configure/{slug}/")  # the page sets the CSRF cookie its script sends
    sessions = [new_session() for _ in visitors]
    body = [{"kind": "chosen", "option": "alu"}, {"kind": "blocked", "option": "rack", "selection": ["carbon"]}]
    answers = in_parallel(*[
        (lambda visitor=visitor, session=session: visitor.post(EVENTS, json={"session": session, "product": slug,
                                                                             "events": body}))
        for visitor, session in zip(visitors, sessions, strict=True)])
    assert [answer.status_code for answer in answers] == [202] * 6
    assert ConfigurationEvent.objects.filter(session__in=sessions).count() == 12


@pytest.fixture
def refunded_line(seeded_store, place, bike_version):
    order = place(bike_version, ["alu", "rim"], quantity=3)
    line = order.lines.get()
    event_type, _ = PaymentEventType.objects.get_or_create(name="Refunded")
    event = PaymentEvent.objects.create(order=order, event_type=event_type, amount=Decimal("10.00"))
    PaymentEventQuantity.objects.create(event=event, line=line, quantity=2)  # reconciled once, below, by everyone
    return line


def test_a_reversal_reconciled_at_once_by_several_workers_is_written_once(refunded_line):
    results = in_parallel(*[closing(lambda: reconcile_reversals(line_ids=[refunded_line.pk])) for _ in range(4)])
    assert not [r for r in results if isinstance(r, Exception)], results
    assert LineReversal.objects.get(line_id=refunded_line.pk).units == 2
    assert sum(f.quantity for f in OptionFact.objects.filter(line_id=refunded_line.pk, option="alu")) == 1


def test_rollup_runs_started_together_count_every_fact_once(refunded_line):
    reconcile_reversals(line_ids=[refunded_line.pk])
    results = in_parallel(*[closing(refresh_rollups) for _ in range(3)])
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(DailyOptionDemand.objects.filter(option="alu").values_list("units", flat=True)) == 1
