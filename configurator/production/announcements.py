"""Telling customers their ship date moved, once the move is real.

Rescheduling stores new estimates at once (the order page shows them) but tells nobody: a capacity change undone
within the hour, or a rework passed the same afternoon, is no news. ``announce_ship_dates`` runs when the
workshop's day ends (Celery beat) and compares, per order with units still to ship, the date last announced (the
last notice's, else the one promised at checkout) with the current estimate:

- later: a notice "ships later" and its e-mail (bad news);
- earlier, when what we last told them was later than first promised: a notice "ships earlier" and its e-mail
  (good news: the slip we announced has shrunk or gone). An estimate earlier than a promise never broken is not
  announced (the order page shows it);
- the same: nothing, whatever happened during the day.

Orders are locked while they are compared, so two runs at once announce a move once.
"""

from django.db import transaction
from django.db.models import Max
from oscar.core.loading import get_model

from configurator.production.models import ShipDateNotice, WorkOrder
from configurator.production.tasks import send_ship_date_notice
from shop.outbox.services import dispatch_on_commit

Order = get_model("order", "Order")


def dates_by_order(order_ids=None):
    """{order id: (current estimate, date promised at checkout)} of the orders with units still to ship."""
    rows = WorkOrder.objects.filter(status__in=WorkOrder.OPEN_STATUSES, estimated_ship_date__isnull=False)
    if order_ids is not None:
        rows = rows.filter(order_id__in=list(order_ids))
    return {order_id: (ship, promised) for order_id, ship, promised in
            rows.values("order_id").annotate(ship=Max("estimated_ship_date"), promised=Max("promised_ship_date"))
            .values_list("order_id", "ship", "promised")}


def last_announced(order_ids):
    """{order id: the last ShipDateNotice} of these orders."""
    last = {}
    for notice in ShipDateNotice.objects.filter(order_id__in=list(order_ids)).order_by("created_at", "pk"):
        last[notice.order_id] = notice
    return last


def news_for(ship, promised, last_notice):
    """(previous date, new date) to announce, or None: the rules of the module's docstring."""
    told = last_notice.new_date if last_notice else promised
    if told is None or ship == told:
        return None
    if ship > told:
        return told, ship
    if promised is not None and told > promised:  # we had announced a slip: it shrank
        return told, ship
    return None


@transaction.atomic
def announce_ship_dates(order_ids=None):
    """Announce each order's ship date that moved since it was last announced (see the module); returns the notices
    created. Their e-mails go once this commits."""
    dates = dates_by_order(order_ids)
    if not dates:
        return []
    locked = list(Order._default_manager.select_for_update().filter(pk__in=list(dates)).order_by("pk")
                  .values_list("pk", flat=True))
    dates = dates_by_order(locked)  # as they stand now that nobody else announces them
    last = last_announced(dates)
    notices = []
    for order_id, (ship, promised) in sorted(dates.items()):
        news = news_for(ship, promised, last.get(order_id))
        if news:
            notices.append(ShipDateNotice(order_id=order_id, previous_date=news[0], new_date=news[1]))
    created = ShipDateNotice.objects.bulk_create(notices)
    for notice in created:  # bulk_create returns primary keys on SQLite and PostgreSQL
        dispatch_on_commit(send_ship_date_notice, notice.pk)
    return created
