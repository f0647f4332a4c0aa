"""Reads of production: the queue with its filters, an order's timeline and ship date, pick lists, remakes and
the production record of an ordered line."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Prefetch, Q

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
class ProductionTimeline:
    steps: list
    estimated_ship_date: date | None
    promised_ship_date: date | None
    notices: list = field(default_factory=list)
    items: list = field(default_factory=list)  # the work orders: where each item is
    parcels: list = field(default_factory=list)  # Parcel: what has shipped, with its tracking link

    @property
    def units(self):
        return len(self.items)

    @property
    def is_late(self):
        return bool(self.estimated_ship_date and self.promised_ship_date
                    and self.estimated_ship_date > self.promised_ship_date)


def order_timeline(order):
    """Placed → in production → quality check → shipped, with the dates reached and the current estimate.

    ``items`` are its units' work orders (cancelled ones left out: they are not being made).

    None when the order has nothing made to order. Three queries whatever the order's size.
    """
    work_orders = list(WorkOrder.objects.filter(order=order).exclude(status=Status.CANCELLED)
                       .order_by("line_id", "unit").only(
        "pk", "number", "status", "estimated_ship_date", "promised_ship_date", "rework_count", "product_title", "unit",
        "units", "carrier", "tracking_number"))
    if not work_orders:
        return None
    first_reached = {}  # (work order, status) → first time it got there
    for event in WorkOrderEvent.objects.filter(work_order__order=order).order_by("at", "pk").only(
            "work_order_id", "to_status", "at"):
        first_reached.setdefault((event.work_order_id, event.to_status), event.at)

    def first_reached_by_any(status):
        times = [at for (pk, to), at in first_reached.items() if to == status]
        return min(times) if times else None

    def all_beyond(*statuses):
        return all(work_order.status in statuses for work_order in work_orders)

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
    open_orders = [w for w in work_orders if w.status in WorkOrder.OPEN_STATUSES]
    estimated = max((w.estimated_ship_date for w in open_orders if w.estimated_ship_date), default=None)
    promised = max((w.promised_ship_date for w in work_orders if w.promised_ship_date), default=None)
    notices = list(ShipDateNotice.objects.filter(order=order).order_by("created_at", "pk"))
    return ProductionTimeline(steps, estimated, promised, notices, work_orders, parcels_of(work_orders))


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
