"""Reads of returns for the customer's pages: which items of an order can be returned now, what the policy says
about one item for every reason, and a return's timeline and outcome.

The rules stay in configurator.return_policy (through support.returns.policy); this module only gathers facts
for a page in a fixed number of queries.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model

from configurator.production.models import WorkOrder
from configurator.return_policy import decide
from configurator.return_terms import current_policy
from support.returns.models import Inspection, Outcome, Reason, Return, ReturnStatus
from support.returns.policy import DELIVERED, SHIPPED, delivery_day, item_of_line
from support.returns.services import returnable_quantity, ship_back_instructions

ShippingEventQuantity = get_model("order", "ShippingEventQuantity")
OrderStatusChange = get_model("order", "OrderStatusChange")

# --- The order page: which items can be returned -----------------------------------------------------------

def _first(queryset, field):
    """The earliest ``field`` of the rows of ``queryset`` (a subquery of each line or order row)."""
    return Subquery(queryset.order_by(field).values(field)[:1])


def _line_facts(order):
    """Each line of the order with what the return rules need, in one query: quantity, the first "Delivered" and
    "Shipped" shipping events, whether it has work orders, when the order first became "Shipped", and the units
    already in returns that were not declined."""
    events = ShippingEventQuantity.objects.filter(line=OuterRef("pk"))
    in_returns = (Return.objects.filter(line=OuterRef("pk")).exclude(status=ReturnStatus.DECLINED)
                  .values("line").annotate(units=Sum("quantity")).values("units"))
    return order.lines.annotate(
        delivered_at=_first(events.filter(event__event_type__name=DELIVERED), "event__date_created"),
        shipped_at=_first(events.filter(event__event_type__name=SHIPPED), "event__date_created"),
        made_to_order=Exists(WorkOrder.objects.filter(line=OuterRef("pk"))),
        order_shipped_at=_first(OrderStatusChange.objects.filter(order=OuterRef("order_id"), new_status=SHIPPED),
                                "date_created"),
        units_in_returns=Coalesce(Subquery(in_returns[:1]), 0),
    ).values("pk", "quantity", "delivered_at", "shipped_at", "made_to_order", "order_shipped_at",
             "units_in_returns")


def _delivered(facts):
    """support.returns.policy's delivery rule applied to one line's facts."""
    return delivery_day(delivered_at=facts["delivered_at"], shipped_at=facts["shipped_at"],
                        made_to_order=facts["made_to_order"], order_shipped_at=facts["order_shipped_at"])


def delivered_days(order):
    """{line id: the day it reached the customer} for the order's delivered lines, in one query."""
    days = {facts["pk"]: _delivered(facts) for facts in _line_facts(order)}
    return {line_id: day for line_id, day in days.items() if day is not None}


def returnable_lines(order):
    """{line id: units the customer may still start a return for} of the order's delivered lines with units left
    (a line whose every unit is in a return that was not declined is left out), in one query."""
    units = {}
    for facts in _line_facts(order):
        left = facts["quantity"] - facts["units_in_returns"]
        if left > 0 and _delivered(facts) is not None:
            units[facts["pk"]] = left
    return units


# --- The "Start a return" page: the policy for every reason ------------------------------------------------

def listed(labels):
    """"a, b or c", in lower case."""
    labels = [label.lower() for label in labels]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


@dataclass(frozen=True)
class ReasonAnswer:
    """What the policy says about returning this item for one reason, as the customer may act on it."""

    reason: str
    label: str
    eligible: bool
    why: str
    outcomes: tuple  # the outcomes the customer may choose (values)

    @property
    def outcome_labels(self):
        return [Outcome(value).label for value in self.outcomes]

    @property
    def offer(self):
        """"A refund to my card, a remake or store credit" (empty when nothing is offered)."""
        return listed(self.outcome_labels).capitalize() if self.outcomes else ""


@dataclass(frozen=True)
class LinePolicy:
    line: object
    returnable: int  # units left to return
    delivered: object  # the delivery day, None while on its way
    answers: tuple  # a ReasonAnswer per reason, in the order of Reason

    def answer(self, reason):
        return next((answer for answer in self.answers if answer.reason == reason), None)

    @property
    def any_eligible(self):
        return any(answer.eligible for answer in self.answers)


def line_policy(line, *, delivered):
    """The policy's answer for each reason about this line today (``delivered``: its delivery day or None)."""
    policy, item, today = current_policy(), item_of_line(line), timezone.localdate()
    answers = []
    for reason in Reason:
        verdict = decide(policy, item, reason.value, delivered_on=delivered, today=today)
        answers.append(ReasonAnswer(reason.value, reason.label, verdict.eligible, verdict.why,
                                    tuple(outcome.value for outcome in verdict.outcomes)))
    return LinePolicy(line=line, returnable=returnable_quantity(line), delivered=delivered, answers=tuple(answers))


# --- A return's page: timeline and outcome -------------------------------------------------------------------

@dataclass
class ReturnStep:
    label: str
    at: datetime | None = None
    done: bool = False
    note: str = ""
    current: bool = False  # the next step to be reached


@dataclass
class ReturnView:
    """A return as its customer reads it on its request's page."""

    ret: Return
    steps: list = field(default_factory=list)
    declined: bool = False
    slip_ready: bool = False
    instructions: str = ""
    remake_ship_date: object = None
    store_credit: object = None
    exchange: object = None


def may_print_slip(ret):
    """The return slip exists once the return is approved with the item to be sent back."""
    return bool(ret.ship_back) and ret.status in (ReturnStatus.APPROVED, ReturnStatus.RECEIVED,
                                                  ReturnStatus.INSPECTED, ReturnStatus.RESOLVED)


def _steps(ret):
    steps = [ReturnStep("Requested", ret.created_at, True)]
    if ret.status == ReturnStatus.DECLINED:  # the reason is told beside the timeline
        return [*steps, ReturnStep("Declined", ret.declined_at, True)]
    approved = ret.approved_at is not None
    steps.append(ReturnStep("Approved", ret.approved_at, approved))
    if ret.ship_back is False:
        steps.append(ReturnStep("No need to send it back", ret.approved_at, True, "You keep the item."))
    else:
        steps += [
            ReturnStep("Return slip ready", ret.approved_at if approved else None, approved,
                       "Print it and pack it with the item." if approved else ""),
            ReturnStep("Received at our workshop", ret.received_at, ret.received_at is not None),
            ReturnStep("Inspected", ret.inspected_at, ret.inspected_at is not None,
                       Inspection(ret.inspection).label if ret.inspection else ""),
        ]
    steps.append(ReturnStep("Resolved", ret.resolved_at, ret.resolved_at is not None,
                            Outcome(ret.resolution).label if ret.resolution else ""))
    upcoming = next((step for step in steps if not step.done), None)
    if upcoming is not None:
        upcoming.current = True
    return steps


def return_view(support_request):
    """The return of a request of kind "return" for its customer's page, or None (a follow-up request of a
    return has no return of its own)."""
    ret = (Return.objects.select_related("line", "order", "voucher__store_credit", "remake", "exchange__order")
           .filter(request=support_request).first())
    if ret is None:
        return None
    view = ReturnView(ret=ret, steps=_steps(ret), declined=ret.status == ReturnStatus.DECLINED,
                      slip_ready=may_print_slip(ret))
    if view.slip_ready and ret.status == ReturnStatus.APPROVED:
        view.instructions = ship_back_instructions(ret)
    if ret.remake_id:
        # a return of several units is remade unit by unit, in one go: its remakes follow the first one
        remakes = (WorkOrder.objects.filter(line_id=ret.line_id, remake_of__isnull=False, pk__gte=ret.remake_id)
                   .order_by("pk").values_list("estimated_ship_date", flat=True)[:ret.quantity])
        view.remake_ship_date = max((day for day in remakes if day), default=None)
    if ret.voucher_id:
        view.store_credit = getattr(ret.voucher, "store_credit", None)
    view.exchange = getattr(ret, "exchange", None)
    return view
