"""What happens to a return, and the goodwill an agent grants: each step one transaction, logged on the request.

A return is a support request of kind "return" (support.services opens it, routes it and runs its service-level
clocks) with a Return row for its own fields. Every step is logged on the request (who, when, why), told to the
customer in the conversation, and e-mailed to them by name (the desk's reply e-mail: support.tasks).

Money moves only through shop.payments' refund service (one idempotency key per action, so a double click or a
retry refunds once, and never more than was paid); remakes only through production's ``create_remake``.
"""

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from configurator.production.models import Status as WorkOrderStatus
from configurator.production.models import WorkOrder
from configurator.production.services import IllegalMove, create_remake
from configurator.return_policy import Outcome as PolicyOutcome
from shop.dates import long_date
from shop.payments.services import RefundRefused, refund_order_payment
from support import services
from support.models import Channel, Kind, Status, SupportRequest
from support.returns.credit import (
    CENT,
    ReturnRefused,
    issue_store_credit,
    line_value,
    offer_exchange,
)
from support.returns.models import (
    RETURN_TRANSITIONS,
    Gesture,
    GoodwillKind,
    GoodwillStatus,
    Inspection,
    Outcome,
    Reason,
    Return,
    ReturnStatus,
)
from support.returns.policy import delivered_on, item_of_line, verdict_for

STATUS_LABELS = dict(ReturnStatus.choices)
# --- What may be returned ---------------------------------------------------------------------------

def units_in_returns(line):
    """Units of the line already in a return that was not declined."""
    return (Return.objects.filter(line=line).exclude(status=ReturnStatus.DECLINED)
            .aggregate(total=Sum("quantity"))["total"] or 0)


def returnable_quantity(line):
    return max(line.quantity - units_in_returns(line), 0)


# --- The customer starts a return ----------------------------------------------------------------

@transaction.atomic
def start_return(*, order, line, quantity, reason, wanted, message="", attachments=(), customer=None, email="",
                 name=""):
    """A return request for ``quantity`` units of a delivered line: checked against the policy now, opened as a
    support request of kind "return" (routed, on the clock, in the inbox) with the policy's answer beside it."""
    if line.order_id != order.pk:
        raise ReturnRefused("That item is not part of that order.")
    # one return at a time per line: lock the line while the units already in returns are counted
    line = type(line)._default_manager.select_for_update().get(pk=line.pk)
    left = returnable_quantity(line)
    if left < 1:
        raise ReturnRefused(f"Every unit of “{line.title}” is already in a return.")
    if not 1 <= quantity <= left:
        raise ReturnRefused(f"You can return 1 to {left} of “{line.title}”.")
    delivered = delivered_on(line)
    item = item_of_line(line)
    verdict = verdict_for(line, reason, delivered=delivered, item=item)
    if not verdict.eligible:
        raise ReturnRefused(verdict.why)
    if PolicyOutcome(wanted) not in verdict.outcomes:
        offered = " or ".join(outcome.label.lower() for outcome in verdict.outcomes)
        raise ReturnRefused(f"For this reason we can offer {offered}.")
    reason_label, wanted_label = Reason(reason).label, Outcome(wanted).label
    body = (message or "").strip() or f"I would like to return {quantity} × {line.title}: {reason_label.lower()}."
    request = services.open_request(
        kind=Kind.RETURN, subject=f"Return: {quantity} × {line.title}", body=body, email=email, customer=customer,
        name=name, order=order, line=line, channel=Channel.WEB, attachments=attachments)
    ret = Return.objects.create(
        request=request, order=order, line=line, quantity=quantity, reason=reason, wanted=wanted,
        policy_eligible=verdict.eligible, policy_why=verdict.why, delivered_on=delivered,
        window_ends=verdict.window_ends, personalised=item.personalised, created_at=request.created_at)
    services.log_change(request, actor=customer, actor_label=None if customer else (name or email),
                        field="return", new=f"requested: {quantity} × {line.title}, {reason_label}; wants "
                                            f"{wanted_label.lower()}")
    services.add_desk_message(request, body=(
        f"Return {request.reference}: {quantity} × {line.title}. Reason: {reason_label}. You would like: "
        f"{wanted_label.lower()}.\n\nOur return policy: {verdict.why}\n\nWe will look at it and write to "
        "you."))
    return ret


# --- The agent's steps ---------------------------------------------------------------------------

def _locked(ret):
    return Return.objects.select_for_update().select_related("request", "line", "order").get(pk=ret.pk)


def _step(ret, to_status, *, agent, why=""):
    """Move the return one step (checked), logged on its request with who, when and why."""
    if to_status not in RETURN_TRANSITIONS[ret.status]:
        raise ReturnRefused(f"Return {ret.number} is {STATUS_LABELS[ret.status].lower()}: it can't be "
                            f"{STATUS_LABELS[to_status].lower()} now.")
    now = timezone.now()
    services.log_change(ret.request, actor=agent, field="return", old=STATUS_LABELS[ret.status],
                        new=STATUS_LABELS[to_status] + (f": {why}" if why else ""), at=now)
    ret.status = to_status
    setattr(ret, f"{to_status}_at", now)
    return now


def _tell_customer(ret, *, agent, body, status=None):
    """The step in the conversation, e-mailed to the customer by name (with the link to their return page)."""
    if ret.request.status == Status.CLOSED:
        services.add_desk_message(ret.request, body=body)
        return
    services.add_staff_reply(ret.request, agent=agent, body=body, status=status)


def ship_back_instructions(ret):
    return (f"Please pack the item well, put the printed return slip (return {ret.number}) inside, and send it "
            f"to:\n{settings.RETURN_ADDRESS}\nThe slip is on your return page, with the return number and a QR "
            "code we scan when it arrives.")


@transaction.atomic
def approve_return(ret, *, agent, ship_back=True, note=""):
    """Approve: the customer sends it back with the return slip, or keeps it (``ship_back`` False)."""
    ret = _locked(ret)
    _step(ret, ReturnStatus.APPROVED, agent=agent, why="ship back" if ship_back else "keep the item")
    ret.ship_back = ship_back
    ret.save()
    extra = f"\n\n{note.strip()}" if note.strip() else ""
    if ship_back:
        body = f"We have approved your return {ret.number}.{extra}\n\n{ship_back_instructions(ret)}"
        _tell_customer(ret, agent=agent, body=body, status=Status.WAITING)
    else:
        body = (f"We have approved your return {ret.number}, and you don't need to send the item back: please keep "
                f"it.{extra} We will write again as soon as we have settled it.")
        _tell_customer(ret, agent=agent, body=body, status=Status.OPEN)
    return ret


@transaction.atomic
def decline_return(ret, *, agent, reason, internal_note=""):
    """Decline, with the reason the customer reads; an internal note for colleagues stays apart."""
    reason = (reason or "").strip()
    if not reason:
        raise ReturnRefused("Tell the customer why the return is declined.")
    ret = _locked(ret)
    _step(ret, ReturnStatus.DECLINED, agent=agent, why=reason[:150])
    ret.decline_reason = reason
    ret.save()
    if internal_note.strip():
        services.add_internal_note(ret.request, agent=agent, body=internal_note)
    _tell_customer(ret, agent=agent, status=Status.RESOLVED,
                   body=f"We are sorry: we can't accept return {ret.number}.\n\n{reason}")
    return ret


@transaction.atomic
def mark_received(ret, *, agent, note=""):
    ret = _locked(ret)
    if not ret.ship_back:
        raise ReturnRefused(f"Return {ret.number} was approved without sending the item back.")
    _step(ret, ReturnStatus.RECEIVED, agent=agent, why=note.strip()[:150])
    ret.save()
    _tell_customer(ret, agent=agent, status=Status.OPEN,
                   body=f"Your return {ret.number} has arrived at our workshop. We will inspect it and write to "
                        "you with the outcome.")
    return ret


@transaction.atomic
def inspect_return(ret, *, agent, outcome, note=""):
    if outcome not in dict(Inspection.choices):
        raise ReturnRefused("Choose what the inspection found.")
    ret = _locked(ret)
    _step(ret, ReturnStatus.INSPECTED, agent=agent, why=Inspection(outcome).label)
    ret.inspection, ret.inspection_note = outcome, note.strip()
    ret.save()
    found = {Inspection.AS_DESCRIBED: "it is as you described", Inspection.FAULTY: "it is faulty",
             Inspection.DAMAGED: "it was damaged in transit", Inspection.NO_FAULT: "we found no fault"}[outcome]
    _tell_customer(ret, agent=agent, body=f"We have inspected your return {ret.number}: {found}."
                                          + (f"\n\n{note.strip()}" if note.strip() else ""))
    return ret


@transaction.atomic
def resolve_return(ret, *, agent, resolution, amount=None, include_shipping=False, note="", measurements=None):
    """Settle the return: a refund to the card (for its units, with or without shipping, never above what was
    paid), a remake of its units from the same spec (``measurements``: to changed measurements, for a better fit),
    or store credit. The customer is told the outcome."""
    ret = _locked(ret)
    if resolution not in dict(Outcome.choices):
        raise ReturnRefused("Choose a refund, a remake, an exchange or store credit.")
    if ret.status == ReturnStatus.APPROVED and ret.ship_back:
        raise ReturnRefused(f"Return {ret.number} is waiting for the item: mark it received and inspected first.")
    _step(ret, ReturnStatus.RESOLVED, agent=agent, why=Outcome(resolution).label)
    ret.resolution, ret.resolution_note = resolution, note.strip()
    cause = Reason(ret.reason).label
    if resolution == Outcome.REFUND:
        amount = _amount(amount, default=line_value(ret.line, ret.quantity))
        try:
            ret.refund = refund_order_payment(
                order=ret.order, amount=amount, reason=f"Return {ret.number}: {cause}", requested_by=agent,
                idempotency_key=f"return-{ret.request.code}", lines={ret.line: ret.quantity},
                include_shipping=include_shipping)
        except RefundRefused as refused:
            raise ReturnRefused(str(refused)) from None
        ret.refund_amount = amount
        outcome = (f"We have refunded {amount} {ret.order.currency} to the card you paid with"
                   f"{', shipping included' if include_shipping else ''}. Your bank shows it within a few days.")
    elif resolution == Outcome.REMAKE:
        remakes = _remake_units(ret.line, ret.quantity, cause=cause, agent=agent, note=f"return {ret.number}",
                                measurements=measurements)
        ret.remake = remakes[0]
        ship = max(remake.estimated_ship_date for remake in remakes)
        outcome = (f"We are making it again, at no charge, ahead of our queue: it ships by {long_date(ship)}. You "
                   "can follow it on your order page.")
    elif resolution == Outcome.EXCHANGE:
        exchange = offer_exchange(ret, credit=_amount(amount, default=None))
        outcome = (f"You may exchange it for a new configuration: the {ret.quantity} × {ret.line.title} you sent back "
                   f"count{'s' if ret.quantity == 1 else ''} for {exchange.credit} {exchange.currency} towards it, and "
                   "delivery is free. Choose it with “Choose your replacement” on your return page, by "
                   f"{long_date(exchange.valid_until)}: if it costs more you pay the difference by card there; if it "
                   "costs less we refund the difference to the card you paid with.")
    else:
        amount = _amount(amount, default=line_value(ret.line, ret.quantity))
        credit = issue_store_credit(amount=amount, request=ret.request, currency=ret.order.currency)
        ret.voucher = credit.voucher
        outcome = (f"We have given you {amount} {ret.order.currency} of store credit: enter the code "
                   f"{credit.voucher.code} in your basket before checkout (valid until "
                   f"{long_date(timezone.localdate(credit.voucher.end_datetime))}).")
    ret.save()
    _tell_customer(ret, agent=agent, status=Status.RESOLVED,
                   body=f"Your return {ret.number} is settled. {outcome}" + (f"\n\n{note.strip()}" if note.strip()
                                                                           else ""))
    return ret


def _amount(amount, *, default):
    if amount in (None, ""):
        return default
    try:
        amount = Decimal(str(amount)).quantize(CENT)
    except ArithmeticError:
        raise ReturnRefused(f"{amount!r} is not an amount of money.") from None
    if amount <= 0:
        raise ReturnRefused("The amount must be more than nothing.")
    return amount


def _remake_units(line, quantity, *, cause, agent, note, measurements=None):
    """Remakes of ``quantity`` units of the line, from their original work orders (shipped units first)."""
    originals = list(WorkOrder.objects.filter(line=line, remake_of__isnull=True)
                     .exclude(status=WorkOrderStatus.CANCELLED).order_by("unit")[:quantity])
    if len(originals) < quantity:
        raise ReturnRefused(f"“{line.title}” was not made in our workshop, so it can't be remade; choose a refund "
                            "or store credit.")
    try:
        return [create_remake(work_order=original, cause=cause, by=agent, note=note, measurements=measurements)
                for original in originals]
    except IllegalMove as refused:
        raise ReturnRefused(str(refused)) from None


# --- Goodwill ---------------------------------------------------------------------------------------

def may_approve_goodwill(user):
    return bool(user and user.has_perm("returns.approve_goodwill"))


def granted_on_request(request):
    """Goodwill granted (or waiting) on a request so far: counts against an agent's limit."""
    return (Gesture.objects.filter(request=request).exclude(status=GoodwillStatus.REFUSED)
            .aggregate(total=Sum("amount"))["total"] or Decimal("0.00"))


@transaction.atomic
def grant_goodwill(request, *, agent, kind, reason, amount=None, note, line=None):
    """One gesture of goodwill on any request: store credit, a refund or the shipping back to the card, or a free
    remake of an item. Within the agent's limit per request (settings.GOODWILL_AGENT_LIMIT) it happens now;
    above it, it waits for a support lead's approval and nothing moves until then."""
    # the request's row lock makes parallel grants on one request count against the limit one after the other
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    note = (note or "").strip()
    if not note:
        raise ReturnRefused("Say why, in a sentence: the goodwill ledger keeps it.")
    if kind not in dict(GoodwillKind.choices):
        raise ReturnRefused("Choose what to give.")
    order = request.order
    if kind in (GoodwillKind.REFUND, GoodwillKind.SHIPPING, GoodwillKind.REMAKE) and order is None:
        raise ReturnRefused("A refund or a remake needs the request to be linked to an order.")
    if kind == GoodwillKind.REMAKE:
        line = line or request.line
        if line is None or line.order_id != order.pk:
            raise ReturnRefused("Choose the item of the order to remake.")
        amount = line_value(line, 1)
    elif kind == GoodwillKind.SHIPPING:
        amount = order.shipping_incl_tax
        if amount <= 0:
            raise ReturnRefused(f"Order {order.number} had no shipping charge to refund.")
    else:
        amount = _amount(amount, default=None)
        if amount is None:
            raise ReturnRefused("Enter the amount.")
    gesture = Gesture(request=request, customer=request.customer, email=request.email, order=order, line=line,
                      kind=kind, reason=reason, amount=amount, currency=order.currency if order else "EUR",
                      note=note, granted_by=agent)
    limit = settings.GOODWILL_AGENT_LIMIT
    if not may_approve_goodwill(agent) and granted_on_request(request) + amount > limit:
        gesture.status = GoodwillStatus.AWAITING_APPROVAL
        gesture.save()
        services.log_change(request, actor=agent, field="goodwill", new=f"{gesture} waits for a lead's approval")
        services.add_internal_note(request, agent=agent, body=(
            f"Goodwill waiting for a lead's approval (above the {limit} limit per request): {gesture}. {note}"))
        return gesture
    gesture.save()
    _carry_out(gesture, by=agent)
    return gesture


@transaction.atomic
def decide_goodwill(gesture, *, lead, approve, note=""):
    """A support lead approves (it happens now) or refuses a gesture above an agent's limit."""
    if not may_approve_goodwill(lead):
        raise ReturnRefused("Only a support lead can approve goodwill above the limit.")
    SupportRequest.objects.select_for_update().get(pk=gesture.request_id)  # goodwill on a request, one at a time
    gesture = Gesture.objects.select_for_update().get(pk=gesture.pk)
    if gesture.status != GoodwillStatus.AWAITING_APPROVAL:
        raise ReturnRefused(f"This gesture is already {gesture.get_status_display().lower()}.")
    gesture.decided_by, gesture.decided_at = lead, timezone.now()
    if not approve:
        gesture.status = GoodwillStatus.REFUSED
        gesture.save()
        services.log_change(gesture.request, actor=lead, field="goodwill",
                            new=f"{gesture} refused" + (f": {note.strip()}"[:150] if note.strip() else ""))
        return gesture
    gesture.status = GoodwillStatus.GRANTED
    gesture.save()
    _carry_out(gesture, by=lead)
    return gesture


def goodwill_refund_key(request):
    """The idempotency key of the next goodwill refund on a request (its row locked): the n-th refund is always
    "goodwill-<request's code>-<n>" (the code, not the id: ids come again after a database is reset, and Stripe
    keeps keys for a day). Stripe is asked inside the caller's transaction, so if its answer is lost the
    transaction rolls back with the gesture; asked again, the refund gets the same key and Stripe makes it once
    (and a refund Stripe made that the store never recorded comes back by its webhook, charge.refunded)."""
    made = Gesture.objects.filter(request=request, refund__isnull=False).count()
    return f"goodwill-{request.code}-{made + 1}"


def _carry_out(gesture, *, by):
    request, order = gesture.request, gesture.order
    label = gesture.get_reason_display()
    if gesture.kind == GoodwillKind.CREDIT:
        credit = issue_store_credit(amount=gesture.amount, request=request, currency=gesture.currency)
        gesture.voucher = credit.voucher
        told = (f"As an apology we have given you {gesture.amount} {gesture.currency} of store credit: enter the "
                f"code {credit.voucher.code} in your basket before checkout (valid until "
                f"{long_date(timezone.localdate(credit.voucher.end_datetime))}).")
    elif gesture.kind in (GoodwillKind.REFUND, GoodwillKind.SHIPPING):
        try:
            gesture.refund = refund_order_payment(
                order=order, amount=gesture.amount, reason=f"Goodwill ({label}) on {request.reference}",
                requested_by=by, idempotency_key=goodwill_refund_key(request),
                include_shipping=gesture.kind == GoodwillKind.SHIPPING)
        except RefundRefused as refused:
            raise ReturnRefused(str(refused)) from None
        what = "the shipping charge of" if gesture.kind == GoodwillKind.SHIPPING else ""
        told = (f"As an apology we have refunded {what + ' ' if what else ''}{gesture.amount} {gesture.currency} to "
                "the card you paid with. Your bank shows it within a few days.")
    else:
        remakes = _remake_units(gesture.line, 1, cause=label, agent=by, note=f"goodwill on {request.reference}")
        gesture.remake = remakes[0]
        told = (f"We are making “{gesture.line.title}” again for you, at no charge and ahead of our queue: it ships "
                f"by {long_date(remakes[0].estimated_ship_date)}.")
    gesture.save()
    services.log_change(request, actor=by, field="goodwill", new=str(gesture))
    _tell_customer_of_gesture(request, by=by, body=told)


def _tell_customer_of_gesture(request, *, by, body):
    if request.status == Status.CLOSED:
        services.add_desk_message(request, body=body)
    else:
        services.add_staff_reply(request, agent=by, body=body)
