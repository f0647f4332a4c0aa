"""Reads of the returns desk for staff: the returns list and its counts, a return's timeline, the steps it may
take next, the customer's photos, the goodwill of a request and of its customer, the gestures waiting for a lead.

(The customer's goodwill is read here, not in support.selectors' customer panel: support.returns' customer pages
import the help desk's selectors, so the help desk's selectors importing returns would make a cycle.)"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Func, IntegerField, Q, Subquery
from django.utils import timezone

from configurator.production.models import WorkOrder
from support.models import Attachment, Author, SupportRequest
from support.returns.models import RETURN_TRANSITIONS, Gesture, GoodwillStatus, Return, ReturnStatus, StoreCredit
from support.selectors import breaching_filter

OPEN_RETURN_STATUSES = (ReturnStatus.REQUESTED, ReturnStatus.APPROVED, ReturnStatus.RECEIVED,
                        ReturnStatus.INSPECTED)
RETURN_VIEWS = [("open", "Open"), *ReturnStatus.choices, ("all", "All")]


def returns_list(*, view="open", reason="", wanted="", breaching=False, search="", now=None):
    """Returns of a view (open, a status, all) with what each row shows in one query: open ones soonest due
    first (their request's service level), finished ones newest first."""
    returns = Return.objects.select_related("request", "request__customer", "line", "order")
    if view == "open":
        returns = returns.filter(status__in=OPEN_RETURN_STATUSES)
    elif view in dict(ReturnStatus.choices):
        returns = returns.filter(status=view)
    if reason:
        returns = returns.filter(reason=reason)
    if wanted:
        returns = returns.filter(wanted=wanted)
    if breaching:
        returns = returns.filter(request__in=SupportRequest.objects.filter(breaching_filter(now)))
    if search:
        returns = returns.filter(Q(request__reference__iexact=search) | Q(order__number=search)
                                 | Q(request__email__icontains=search) | Q(request__name__icontains=search)
                                 | Q(line__title__icontains=search))
    if view == "open" or view in OPEN_RETURN_STATUSES:
        return returns.order_by(F("request__resolution_due_at").asc(nulls_last=True), "created_at", "pk")
    return returns.order_by("-created_at", "-pk")


def return_counts():
    """{view: how many returns it holds}, in one query."""
    counts = Return.objects.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_RETURN_STATUSES)), all=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in ReturnStatus.values})
    return counts


def return_of(support_request):
    """The return a request is about (None for any other request): no query when the request was read with it
    (``select_related("return_details", ...)``)."""
    try:
        return support_request.return_details
    except Return.DoesNotExist:
        return None


def ordered_measurements(line, records=None):
    """The item's measurements as ordered ([{code, label, value, unit}]), from its first unit's work order spec;
    ``records``: the line's production record when already read (no query then)."""
    if records is not None:
        originals = [record.work_order for record in records if record.work_order.remake_of_id is None]
    else:
        originals = list(WorkOrder.objects.filter(line=line, remake_of__isnull=True).order_by("unit")
                         .only("spec")[:1])
    return list(originals[0].spec.get("measurements") or []) if originals else []


def next_steps(ret):
    """The steps the return may take now: approve, decline, receive, inspect, resolve. An approval that lets the
    customer keep the item goes straight to resolving; one that ships it back waits for the item first."""
    steps = set()
    for status in RETURN_TRANSITIONS[ReturnStatus(ret.status)]:
        if status == ReturnStatus.RECEIVED and not ret.ship_back:
            continue
        if status == ReturnStatus.RESOLVED and ret.status == ReturnStatus.APPROVED and ret.ship_back:
            continue
        steps.add({ReturnStatus.APPROVED: "approve", ReturnStatus.DECLINED: "decline",
                   ReturnStatus.RECEIVED: "receive", ReturnStatus.INSPECTED: "inspect",
                   ReturnStatus.RESOLVED: "resolve"}[status])
    return steps


@dataclass
class TimelineStep:
    label: str
    at: datetime | None
    detail: str = ""


def return_timeline(ret):
    """Requested → approved (or declined) → received → inspected → resolved, with the dates reached; receiving
    and inspecting drop out when the customer keeps the item."""
    steps = [TimelineStep("Requested", ret.created_at,
                          f"{ret.quantity} × {ret.line.title}: {ret.get_reason_display()}")]
    if ret.status == ReturnStatus.DECLINED:
        return [*steps, TimelineStep("Declined", ret.declined_at, ret.decline_reason)]
    approved_as = {True: "ship back", False: "keep the item", None: ""}[ret.ship_back]
    steps.append(TimelineStep("Approved", ret.approved_at, approved_as))
    if ret.ship_back is not False:
        steps.append(TimelineStep("Received", ret.received_at))
        steps.append(TimelineStep("Inspected", ret.inspected_at,
                                  ret.get_inspection_display() if ret.inspection else ""))
    steps.append(TimelineStep("Resolved", ret.resolved_at,
                              ret.get_resolution_display() if ret.resolution else ""))
    return steps


def customer_photos(support_request):
    """The photos the customer sent with their messages (never files of staff or of internal notes)."""
    return list(Attachment.objects.filter(
        message__request=support_request, message__is_internal=False, message__author_role=Author.CUSTOMER,
        content_type__startswith="image/").order_by("message__created_at", "pk"))


def gestures_of(support_request):
    """The goodwill given (or waiting, or refused) on a request, newest first."""
    return list(Gesture.objects.filter(request=support_request)
                .select_related("granted_by", "decided_by", "line", "voucher", "refund", "remake")
                .order_by("-created_at", "-pk"))


def gestures_awaiting_approval():
    """Gestures above an agent's limit, oldest first: a lead approves (it happens then) or refuses each."""
    return (Gesture.objects.filter(status=GoodwillStatus.AWAITING_APPROVAL)
            .select_related("request", "granted_by", "order", "line").order_by("created_at", "pk"))


def newest_gesture_id(support_request):
    """The newest gesture on a request (0 when none): a confirmation remembers it, so a second click, or a
    colleague's gesture in between, is noticed before anything more is given."""
    return (Gesture.objects.filter(request=support_request).order_by("-pk").values_list("pk", flat=True).first()
            or 0)


def of_customer(queryset, support_request):
    """Rows of the request's customer: their account's, or a guest's by e-mail address."""
    if support_request.customer_id:
        return queryset.filter(customer_id=support_request.customer_id)
    return queryset.filter(customer__isnull=True, email__iexact=support_request.email)


def _whole(queryset, function, field, output_field):
    """A one-value subquery: ``function`` (SUM, COUNT) of ``field`` over the whole queryset, with no GROUP BY."""
    return Subquery(queryset.order_by().annotate(
        value=Func(F(field), function=function, output_field=output_field)).values("value")[:1])


@dataclass
class CustomerGoodwill:
    total: Decimal  # gestures granted, on any of the customer's requests
    gestures: int
    store_credit: Decimal  # store credit not spent yet and still valid


def customer_goodwill(support_request, now=None):
    """What the request's customer was given as goodwill, and the store credit they can still spend: one query."""
    gestures = of_customer(Gesture.objects.filter(status=GoodwillStatus.GRANTED), support_request)
    credits = of_customer(StoreCredit.objects.filter(spent_on__isnull=True,
                                                     voucher__end_datetime__gt=now or timezone.now()),
                          support_request)
    money = DecimalField(max_digits=12, decimal_places=2)
    total, count, credit = SupportRequest.objects.filter(pk=support_request.pk).values_list(
        _whole(gestures, "SUM", "amount", money), _whole(gestures, "COUNT", "pk", IntegerField()),
        _whole(credits, "SUM", "amount", money)).get()
    return CustomerGoodwill(total or Decimal("0.00"), count or 0, credit or Decimal("0.00"))
