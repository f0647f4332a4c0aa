"""Services of production: work orders from placed orders, and moving them through the workshop.

Each function is one transaction; the dashboard, the order-placed receiver and tests call these.
Orders follow their work orders through Oscar's order status pipeline (``EventHandler``), never around it.
"""

import copy
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from configurator.engine import SelectionError
from configurator.models import OrderLineConfiguration
from configurator.production import carriers, planning
from configurator.production.jobs import reschedule_production
from configurator.production.models import STATUS_TRANSITIONS, Status, WorkOrder, WorkOrderEvent
from configurator.production.specs import build_spec, routing_steps_by_product
from configurator.production.tasks import send_production_email, send_shipped_email
from configurator.services import configuration_snapshot, save_configuration
from configurator.shoppers import UNRESTRICTED
from shop.loyalty.perks import has_perk
from shop.outbox.services import dispatch, dispatch_on_commit

EventHandler = get_class("order.processing", "EventHandler")
Line = get_model("order", "Line")
Order = get_model("order", "Order")
ShippingEventType = get_model("order", "ShippingEventType")

LABELS = dict(Status.choices)
# the order statuses the customer is e-mailed about (Oscar communication event codes)
# (ORDER_SHIPPED goes with every parcel, with its tracking link: record_shipment)
MILESTONE_EMAILS = {"In production": "PRODUCTION_STARTED", "Ready to ship": "QUALITY_CHECK_PASSED"}


class IllegalMove(ValueError):
    pass


@dataclass
class MoveResult:
    moved: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (work order, message)


def check_move(work_order, to_status, note="", carrier="", tracking_number=""):
    """Why this move is not allowed, in a sentence; None when it is (shipping needs the parcel's carrier and number)."""
    if to_status not in LABELS:
        return f"“{to_status}” is not a production status."
    allowed = STATUS_TRANSITIONS[work_order.status]
    if to_status not in allowed:
        if not allowed:
            return f"{work_order.number} is {LABELS[work_order.status].lower()}: its status can't change any more."
        options = " or ".join(LABELS[status] for status in allowed)
        return f"{work_order.number} is {LABELS[work_order.status].lower()}: it can go to {options}, " \
               f"not to {LABELS[to_status]}."
    if work_order.status == Status.QUALITY_CHECK and to_status == Status.IN_PRODUCTION and not note.strip():
        return f"Sending {work_order.number} back for rework needs the reason the quality check failed."
    if to_status == Status.SHIPPED:
        problem = carriers.shipment_problem(carrier, tracking_number)
        if problem:
            return f"Shipping {work_order.number} {problem}."
    return None


def order_status_for(statuses):
    """The Oscar order status that a set of work-order statuses means."""
    statuses = set(statuses) - {Status.CANCELLED}
    if not statuses:
        return "Cancelled"
    if statuses == {Status.SHIPPED}:
        return "Shipped"
    if statuses <= {Status.DONE, Status.SHIPPED}:
        return "Ready to ship"
    if statuses <= {Status.QUALITY_CHECK, Status.DONE, Status.SHIPPED}:
        return "Quality check"
    if statuses == {Status.QUEUED}:
        return "Paid"
    return "In production"


@transaction.atomic
def move_work_orders(*, numbers, to_status, by=None, note="", carrier="", tracking_number=""):
    """Move work orders to a status; each illegal move is refused with its reason, the others go through.

    Shipping needs the parcel's ``carrier`` (a code of carriers.CARRIERS) and ``tracking_number``: they are kept
    on the work orders, Oscar records a "Shipped" shipping event for their order lines, and the customer is
    e-mailed the tracking link.
    """
    tracking_number = carriers.normalise_tracking_number(tracking_number)
    result = MoveResult()
    now = timezone.now()
    work_orders = list(WorkOrder.objects.select_for_update().filter(number__in=list(numbers)).order_by("pk"))
    found = {work_order.number for work_order in work_orders}
    result.refused += [(number, f"There is no work order {number}.") for number in numbers if number not in found]
    events = []
    for work_order in work_orders:
        problem = check_move(work_order, to_status, note, carrier, tracking_number)
        if problem:
            result.refused.append((work_order.number, problem))
            continue
        rework = work_order.status == Status.QUALITY_CHECK and to_status == Status.IN_PRODUCTION
        events.append(WorkOrderEvent(work_order=work_order, from_status=work_order.status, to_status=to_status,
                                     by=by, at=now, note=("Rework: " if rework else "") + note.strip()))
        work_order.status, work_order.status_changed_at = to_status, now
        work_order.rework_count += int(rework)
        if to_status == Status.SHIPPED:
            work_order.carrier, work_order.tracking_number = carrier, tracking_number
        result.moved.append(work_order)
    if not result.moved:
        return result
    WorkOrder.objects.bulk_update(result.moved, ["status", "status_changed_at", "rework_count", "carrier",
                                                 "tracking_number"])
    WorkOrderEvent.objects.bulk_create(events)
    planning.queue_changed()
    transaction.on_commit(reschedule_later)  # first, so the e-mails queued below carry the new dates
    for order_id in sorted({work_order.order_id for work_order in result.moved}):
        if to_status == Status.SHIPPED:
            record_shipment(work_orders=[w for w in result.moved if w.order_id == order_id], by=by)
        follow_order_status(order_id=order_id, by=by)
    return result


SHIPPED_EVENT, REMAKE_SHIPPED_EVENT = "Shipped", "Remake shipped"


def record_shipment(*, work_orders, by=None):
    """Oscar's shipping event for the order lines of these just-shipped units of one order (their quantities, the
    parcel as its reference), and the customer's e-mail with the tracking link.

    Ordered units are "Shipped"; a remake is "Remake shipped": Oscar counts each event type against the line's
    quantity, and the line was shipped in full once already."""
    order = work_orders[0].order
    parcel = work_orders[0]
    handler = EventHandler(user=by)
    for name, units in ((SHIPPED_EVENT, [w for w in work_orders if w.remake_of_id is None]),
                        (REMAKE_SHIPPED_EVENT, [w for w in work_orders if w.remake_of_id is not None])):
        if not units:
            continue
        event_type, _ = ShippingEventType.objects.get_or_create(name=name)
        quantities = Counter(work_order.line_id for work_order in units)
        lines = list(Line.objects.filter(pk__in=quantities).order_by("pk"))
        handler.handle_shipping_event(
            order, event_type, lines, [quantities[line.pk] for line in lines],
            reference=f"{parcel.carrier_name} {parcel.tracking_number}: {parcel.tracking_url}")
    dispatch_on_commit(send_shipped_email, order.pk, parcel.carrier, parcel.tracking_number)


def move_work_order(*, work_order, to_status, by=None, note="", carrier="", tracking_number=""):
    """One work order; raises IllegalMove with the reason."""
    result = move_work_orders(numbers=[work_order.number], to_status=to_status, by=by, note=note, carrier=carrier,
                              tracking_number=tracking_number)
    if result.refused:
        raise IllegalMove(result.refused[0][1])
    return result.moved[0]


def reschedule_later():
    dispatch(reschedule_production)


def follow_order_status(*, order_id, by=None):
    """Move the order (and, by Oscar's cascade, its lines) to what its work orders mean; e-mail the milestones."""
    order = Order._default_manager.select_for_update().get(pk=order_id)
    wanted = order_status_for(order.work_orders.values_list("status", flat=True))
    if wanted == order.status:
        return order
    if wanted not in order.available_statuses():
        # e.g. a cancelled order; the pipeline is the authority, so the order keeps its status
        return order
    code = MILESTONE_EMAILS.get(wanted)
    if code and order.status_changes.filter(new_status=wanted).exists():
        code = None  # a milestone is announced once, even when a rework passes it again
    handler = EventHandler(user=by)
    handler.handle_order_status_change(order, wanted, note_msg=f"Production: the order is now “{wanted}”.")
    if code:
        dispatch_on_commit(send_production_email, order.pk, code)
    return order


def remember_workshop(day, workshop):
    """Once the new units are committed, the ledger that holds them is today's."""
    planning.queue_changed()
    cache.set(planning.workshop_key(day), workshop, 60 * 60 * 24)


@transaction.atomic
def cancel_work_orders(*, order, by=None):
    """The order was cancelled: its units not yet shipped leave the queue (and free their capacity)."""
    now = timezone.now()
    work_orders = list(WorkOrder.objects.select_for_update().filter(order=order, status__in=WorkOrder.OPEN_STATUSES))
    WorkOrderEvent.objects.bulk_create(
        WorkOrderEvent(work_order=work_order, from_status=work_order.status, to_status=Status.CANCELLED, by=by,
                       at=now, note="The order was cancelled.")
        for work_order in work_orders
    )
    for work_order in work_orders:
        work_order.status, work_order.status_changed_at = Status.CANCELLED, now
    WorkOrder.objects.bulk_update(work_orders, ["status", "status_changed_at"])
    if work_orders:
        planning.queue_changed()
        transaction.on_commit(reschedule_later)
    return work_orders


@transaction.atomic
def create_remake(*, work_order, cause, by=None, note="", measurements=None):
    """Make a unit again from its same frozen spec, at no charge, ahead of the queue (a return, or goodwill).

    The remake is a new work order ``<number>-R<n>`` linked to the original (``remake_of``; the original lists
    its ``remakes``), flagged as a rush job so the scheduler plans it first, with its own ship date (promised
    at once). Its spec is the original's, word for word, apart from its own number and the remake's cause.

    ``measurements`` ({measurement step code: new value}) remakes it to changed measurements (a better fit): the
    ordered configuration is evaluated again with them, as the configurator would (the options a measurement
    picks, e.g. the frame size of a rider height, follow), and the spec is built from that; every other choice
    stays as ordered. Raises IllegalMove when the configuration is not valid with them.
    """
    cause = (cause or "").strip()
    if not cause:
        raise IllegalMove("A remake needs its cause (e.g. Size or fit); production reports count remakes by it.")
    original = WorkOrder.objects.select_for_update().get(pk=work_order.pk)
    if original.remake_of_id:
        original = WorkOrder.objects.select_for_update().get(pk=original.remake_of_id)
    if original.status == Status.CANCELLED:
        raise IllegalMove(f"{original.number} was cancelled: there is nothing to make again.")
    number = f"{original.number}-R{original.remakes.count() + 1}"
    if measurements:
        spec = respecified(original, number=number, measurements=measurements)
    else:
        spec = copy.deepcopy(original.spec)
        spec["work_order"] = number
    spec["remake"] = {"of": original.number, "cause": cause[:120]}
    if measurements:
        spec["remake"]["changed_measurements"] = {code: str(value) for code, value in sorted(measurements.items())}
    now = timezone.now()
    day = planning.today()
    # ahead of the queue, after the rush jobs already in it (the units booked today move back once rescheduled)
    planning.lock_schedule()
    ahead = planning.empty_workshop(day)
    for rush in planning.open_work_orders().filter(rush=True):
        ahead.place(planning.job_of(rush, day))
    remake = WorkOrder(
        number=number, order_id=original.order_id, line_id=original.line_id, unit=original.unit,
        units=original.units, spec=spec, product_title=original.product_title,
        configurable_id=original.configurable_id, status_changed_at=now, paid_at=now, rush=True,
        remake_of=original, remake_cause=cause[:120],
        earliest_start=ahead.shipping_days_after(day, spec.get("material_wait_days", 0)),
    )
    remake.save()
    placement = ahead.place(planning.job_of(remake, day))
    remake.estimated_start, remake.estimated_completion = placement.start, placement.completion
    remake.estimated_ship_date = remake.promised_ship_date = placement.ship
    remake.save(update_fields=["estimated_start", "estimated_completion", "estimated_ship_date",
                               "promised_ship_date"])
    WorkOrderEvent.objects.create(work_order=remake, to_status=Status.QUEUED, at=now, by=by,
                                  note=f"Remake of {original.number}: {cause[:120]}" + (f" ({note})" if note else ""))
    planning.queue_changed()
    transaction.on_commit(reschedule_later)
    return remake


def respecified(original, *, number, measurements):
    """The spec of ``original`` with changed measurements: its configuration quoted again with them."""
    configuration = OrderLineConfiguration.objects.select_related("version").get(line_id=original.line_id)
    definition = configuration.version.definition
    measured = {group["code"]: group["label"] for group in definition["groups"] if group["kind"] == "measurement"}
    unknown = sorted(set(measurements) - set(measured))
    if unknown:
        raise IllegalMove(f"{original.product_title} has no measurement {', '.join(unknown)}.")
    choices = configuration.snapshot.get("choices") or {}
    try:
        changed = {code: Decimal(str(value).strip()) for code, value in measurements.items()}
        quote = save_configuration(
            version=configuration.version, options=choices.get("options", ()), texts=choices.get("texts") or {},
            measurements={**{code: Decimal(value) for code, value in (choices.get("measurements") or {}).items()},
                          **changed}, shopper=UNRESTRICTED)  # what was ordered is made again, early access or not
    except (ArithmeticError, SelectionError) as error:
        raise IllegalMove(f"Those measurements don't fit {original.product_title}: {error}") from None
    if not quote.is_complete:
        raise IllegalMove(f"With those measurements {original.product_title} is not a complete configuration.")
    order = original.order
    line = original.line
    remade = SimpleNamespace(snapshot=configuration_snapshot(quote), version=configuration.version, code=quote.code)
    steps = routing_steps_by_product([configuration.version.configurable_id]).get(configuration.version.configurable_id,
                                                                                 [])
    return build_spec(number=number, order=order, line=line, unit=original.unit, units=original.units,
                      configuration=remade, steps=steps)


@transaction.atomic
def create_work_orders(*, order, configurations=None):
    """One work order per unit of every configured line of a just-placed order, each with its frozen spec.

    Each gets its estimate at once (booked after today's queue) and that estimate is the date promised. A
    customer whose loyalty tier gives a free express slot has their units booked after the rush and express jobs
    only, ahead of the rest of the queue (which moves back once the queue is placed again, after commit): the
    date the basket showed them.
    ``configurations``: the order's just-frozen OrderLineConfigurations (read from the order when omitted).
    Runs once per line: lines that already have work orders are left alone.
    """
    if configurations is None:
        configurations = list(OrderLineConfiguration.objects.filter(line__order=order)
                              .select_related("line", "version").order_by("line_id"))
    if not configurations:
        return []
    done = set(WorkOrder.objects.filter(order=order).values_list("line_id", flat=True))
    configurations = [c for c in configurations if c.line_id not in done]
    if not configurations:
        return []
    steps = routing_steps_by_product(c.version.configurable_id for c in configurations)
    line_positions = {pk: index for index, pk in enumerate(order.lines.order_by("pk").values_list("pk", flat=True), 1)}
    day = planning.today()
    express = bool(order.user_id) and has_perk(order.user_id, "express_production")
    workshop = planning.booked_workshop(day)
    if express:
        workshop = workshop.ahead_of(planning.priority_of(express))
    paid_at = order.date_placed or timezone.now()
    work_orders = []
    for configuration in configurations:
        line = configuration.line
        for unit in range(1, line.quantity + 1):
            number = f"{order.number}-{line_positions[line.pk]}-{unit}"
            spec = build_spec(number=number, order=order, line=line, unit=unit, units=line.quantity,
                              configuration=configuration, steps=steps.get(configuration.version.configurable_id, []))
            work_order = WorkOrder(
                number=number, order=order, line=line, unit=unit, units=line.quantity, spec=spec,
                product_title=spec["product"], configurable_id=configuration.version.configurable_id,
                status_changed_at=paid_at, paid_at=paid_at, express=express,
                earliest_start=workshop.shipping_days_after(day, spec["material_wait_days"]),
            )
            placement = workshop.place(planning.job_of(work_order, day))
            work_order.estimated_start, work_order.estimated_completion = placement.start, placement.completion
            work_order.estimated_ship_date = work_order.promised_ship_date = placement.ship
            work_orders.append(work_order)
    WorkOrder.objects.bulk_create(work_orders)
    WorkOrderEvent.objects.bulk_create(
        WorkOrderEvent(work_order=work_order, to_status=Status.QUEUED, at=paid_at, note="Order placed and paid.")
        for work_order in work_orders
    )
    planning.queue_changed()  # until this commits, estimates re-read the queue rather than trust the cache
    if express:
        transaction.on_commit(reschedule_later)  # the units behind the express slot move back
    else:
        transaction.on_commit(lambda: remember_workshop(day, workshop))
    return work_orders
