"""Reads of production: the queue with its filters, an order's timeline and ship date, pick lists, remakes and
the production record of an ordered line."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from configurator.production.models import QUEUE_ORDER, ShipDateNotice, Status, WorkOrder, WorkOrderEvent
from configurator.production.specs import pick_list


def production_queue(*, product=None, status=None, due_before=None, due_after=None, search="", remakes_only=False):
    """Work orders first paid first (remakes, rush jobs, ahead), filtered by product (configurable id), status,
    estimated ship date and whether they are remakes; each with its order and, for a remake, its original."""
    queryset = WorkOrder.objects.select_related("order", "remake_of").order_by(*QUEUE_ORDER)
    if remakes_only:
        queryset = queryset.filter(remake_of__isnull=False)
    if status == "open":
        queryset = queryset.filter(status__in=WorkOrder.OPEN_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    if product:
        queryset = queryset.filter(configurable_id=product)
    if due_before:
        queryset = queryset.filter(estimated_ship_date__lte=due_before)
    if due_after:
        queryset = queryset.filter(estimated_ship_date__gte=due_after)
    if search:
        queryset = queryset.filter(number__icontains=search.strip())
    return queryset


def remakes_by_cause():
    """[(cause, remakes, of them still to ship)], the most frequent cause first: cancelled remakes not counted."""
    rows = (WorkOrder.objects.filter(remake_of__isnull=False).exclude(status=Status.CANCELLED)
            .values("remake_cause")
            .annotate(total=Count("pk"), still_open=Count("pk", filter=Q(status__in=WorkOrder.OPEN_STATUSES)))
            .order_by("-total", "remake_cause"))
    return [(row["remake_cause"] or "No cause given", row["total"], row["still_open"]) for row in rows]


def pick_list_for(numbers):
    """Components summed over the work orders with these numbers: (work orders, [component lines])."""
    work_orders = list(WorkOrder.objects.filter(number__in=list(numbers)).order_by(*QUEUE_ORDER)
                       .only("number", "spec", "product_title", "status"))
    return work_orders, pick_list(work_order.spec for work_order in work_orders)


def order_ship_date(order):
    """The latest estimated ship date of the order's units still to ship (None if nothing is to be made)."""
    dates = [d for d in WorkOrder.objects.filter(order=order, status__in=WorkOrder.OPEN_STATUSES)
             .values_list("estimated_ship_date", flat=True) if d]
    return max(dates, default=None)


@dataclass
class TimelineStep:
    label: str
    at: datetime | None = None
    done: bool = False
    current: bool = False


@dataclass
class Parcel:
    """What left the workshop together: the carrier, its tracking number and link, and the items in it."""

    carrier_name: str
    tracking_number: str
    tracking_url: str
    items: list = field(default_factory=list)


def parcels_of(work_orders):
    """The parcels the shipped ones of these work orders left in, in the order they come."""
    parcels = {}
    for work_order in work_orders:
        if work_order.status != Status.SHIPPED or not work_order.tracking_number:
            continue
        key = (work_order.carrier, work_order.tracking_number)
        if key not in parcels:
            parcels[key] = Parcel(work_order.carrier_name, work_order.tracking_number, work_order.tracking_url)
        parcels[key].items.append(work_order)
    return list(parcels.values())


@dataclass
class Remake:
    """A unit made again (after a return, or as goodwill), as the customer reads it on their order page: which
    item, why in their words, where it is, and its own ship date (given when the remake was set up, never the
    one promised at checkout) or the day it left."""

    work_order: WorkOrder
    shipped_at: datetime | None = None

    @property
    def why(self):
        """The cause as part of a sentence: "Size or fit" → "size or fit" ("" when none was given)."""
        cause = self.work_order.remake_cause.strip()
        if len(cause) > 1 and cause[1].isupper():  # an abbreviation ("EU size") keeps its capitals
            return cause
        return cause[:1].lower() + cause[1:]

    @property
    def is_open(self):
        return self.work_order.status in WorkOrder.OPEN_STATUSES

    @property
    def shipped_on(self):
        return timezone.localdate(self.shipped_at) if self.shipped_at else None


@dataclass
class ProductionTimeline:
    """The items ordered: their steps, counted, dated and promised as ordered; what is made again is ``remakes``,
    with its own dates, so a remake never counts as one more item nor moves the steps back."""

    steps: list
    estimated_ship_date: date | None  # of the ordered items still to ship
    promised_ship_date: date | None  # the date given at checkout
    notices: list = field(default_factory=list)
    items: list = field(default_factory=list)  # the ordered units' work orders: where each item is
    parcels: list = field(default_factory=list)  # Parcel: what has shipped, with its tracking link
    remakes: list = field(default_factory=list)  # Remake, each after the unit it makes again
    work_orders: list = field(default_factory=list)  # all of them, each original followed by its remakes (staff)

    @property
    def units(self):
        return len(self.items)

    @property
    def is_late(self):
        return bool(self.estimated_ship_date and self.promised_ship_date
                    and self.estimated_ship_date > self.promised_ship_date)

    @property
    def is_early(self):
        return bool(self.estimated_ship_date and self.promised_ship_date
                    and self.estimated_ship_date < self.promised_ship_date)

    @property
    def open_remakes(self):
        return [remake for remake in self.remakes if remake.is_open]

    @property
    def remake_ship_date(self):
        """When the last remake still to ship ships (None when none is)."""
        return max((remake.work_order.estimated_ship_date for remake in self.open_remakes
                    if remake.work_order.estimated_ship_date), default=None)


def order_timeline(order):
    """Placed → in production → quality check → shipped, with the dates reached and the current estimate.

    The steps, the estimate and the promise are the ordered units' (their original work orders): ``items``, one
    per unit ordered. Remakes are ``remakes``, each with its cause and its own ship date. Cancelled work orders
    are left out: they are not being made.

    None when the order has nothing made to order. Three queries whatever the order's size and its remakes.
    """
    work_orders = list(WorkOrder.objects.filter(order=order).exclude(status=Status.CANCELLED)
                       .order_by("line_id", "unit", "pk").only(  # an original before its remakes
        "pk", "number", "status", "estimated_ship_date", "promised_ship_date", "rework_count", "product_title", "unit",
        "units", "carrier", "tracking_number", "remake_of", "remake_cause"))
    if not work_orders:
        return None
    originals = [work_order for work_order in work_orders if not work_order.is_remake] or work_orders
    ordered = {work_order.pk for work_order in originals}
    first_reached = {}  # (work order, status) → first time it got there
    for event in WorkOrderEvent.objects.filter(work_order__order=order).order_by("at", "pk").only(
            "work_order_id", "to_status", "at"):
        first_reached.setdefault((event.work_order_id, event.to_status), event.at)

    def first_reached_by_any(status):
        times = [at for (pk, to), at in first_reached.items() if to == status and pk in ordered]
        return min(times) if times else None

    def all_beyond(*statuses):
        return all(work_order.status in statuses for work_order in originals)

    # a step is reached on the day its first unit got there, and done once every unit is past it
    steps = [
        TimelineStep("Placed", order.date_placed, True),
        TimelineStep("In production", first_reached_by_any(Status.IN_PRODUCTION),
                     all_beyond(Status.QUALITY_CHECK, Status.DONE, Status.SHIPPED)),
        TimelineStep("Quality check", first_reached_by_any(Status.QUALITY_CHECK),
                     all_beyond(Status.DONE, Status.SHIPPED)),
        TimelineStep("Shipped", first_reached_by_any(Status.SHIPPED), all_beyond(Status.SHIPPED)),
    ]
    current = next((step for step in steps if not step.done), None)
    if current is not None:
        current.current = True
    open_orders = [w for w in originals if w.status in WorkOrder.OPEN_STATUSES]
    estimated = max((w.estimated_ship_date for w in open_orders if w.estimated_ship_date), default=None)
    promised = max((w.promised_ship_date for w in originals if w.promised_ship_date), default=None)
    remakes = [Remake(w, first_reached.get((w.pk, Status.SHIPPED)) if w.status == Status.SHIPPED else None)
               for w in work_orders if w.pk not in ordered]
    notices = list(ShipDateNotice.objects.filter(order=order).order_by("created_at", "pk"))
    return ProductionTimeline(steps, estimated, promised, notices, originals, parcels_of(work_orders), remakes,
                              work_orders)


@dataclass
class UnitRecord:
    """The production record of one unit made for an order line: who built it, who passed its quality check,
    its reworks (quality checks it failed, with why) and every move; a remake says what it remade and why."""

    work_order: WorkOrder
    events: list
    built_by: object = None  # the user who moved it to the quality check (None: unknown, or the shop itself)
    checked_by: object = None  # the user who passed its quality check
    shipped_at: datetime | None = None
    reworks: list = field(default_factory=list)  # the events sending it back from the quality check


def line_production_record(line):
    """Every unit made for an order line, originals by unit then their remakes, each with its full history and
    who did what. Two queries whatever the number of units, remakes and moves."""
    events = WorkOrderEvent.objects.select_related("by").order_by("at", "pk")
    work_orders = (WorkOrder.objects.filter(line=line).select_related("remake_of")
                   .prefetch_related(Prefetch("events", queryset=events, to_attr="history"))
                   .order_by("unit", "created_at", "pk"))  # an original before its remakes
    records = []
    for work_order in work_orders:
        record = UnitRecord(work_order, work_order.history)
        for event in work_order.history:
            if event.to_status == Status.QUALITY_CHECK:
                record.built_by = event.by
            elif event.to_status == Status.DONE:
                record.checked_by = event.by
            elif event.to_status == Status.SHIPPED:
                record.shipped_at = event.at
            if event.from_status == Status.QUALITY_CHECK and event.to_status == Status.IN_PRODUCTION:
                record.reworks.append(event)
        records.append(record)
    return records
