"""Paying for a basket with Stripe, placing its order exactly once, refunds and disputes.

Every function here is what both the checkout views and the webhook call. The order is placed by
`place_order_for_intent` only, under a row lock on the payment, and only when Stripe says the intent
succeeded: whichever caller comes second finds the order and returns it.
"""

import logging
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from oscar.core.loading import get_model

from shop.outbox.services import dispatch_on_commit
from shop.payments import gateway, tasks
from shop.payments.models import PaymentRefund, StripePayment
from shop.payments.placement import (
    PaymentOrderPlacement,
    TotalMismatch,
    basket_total,
    priced_basket,
    shipping_address_fields,
)

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")

logger = logging.getLogger("shop.payments")
CENT = Decimal("0.01")


class PaymentInProgress(Exception):
    """The basket is already being paid for (a second click, another tab)."""


class PaymentUncertain(Exception):
    """The payment may have gone through but its order is not placed yet (Stripe stopped answering, or the store
    failed after the confirmation): `settle_payment` (the browser's retry on /pay/complete/, the webhook, or the
    abandoned-payment task) finishes it. Carries the payment so the browser can ask again."""

    def __init__(self, message, payment=None):
        super().__init__(message)
        self.payment = payment


class TotalChanged(Exception):
    """The basket's total is not the one the shopper agreed to pay: nothing was charged."""

    def __init__(self, total):
        super().__init__(f"The total is now {total.incl_tax} {total.currency}.")
        self.total = total


class RefundRefused(Exception):
    """A refund that must not happen: nothing was sent to Stripe."""


# --- Paying ---------------------------------------------------------------------------------------

def start_card_payment(*, basket, user, guest_email, shipping_address, shipping_method, order_total,
                       order_number, token, cardholder, checkout_details=None):
    """Freeze the basket, create and confirm a PaymentIntent for the server's total with the tokenised card.

    ``checkout_details``: what the shopper gave and accepted at checkout (``shop.apps.checkout.acceptance``), stored
    with the payment so that the order records it whichever path places it.
    Returns (payment, intent): succeeded (with its order) or requires_action (3-D Secure in the browser,
    with the intent's client secret); or raises gateway.PaymentDeclined / gateway.GatewayError after giving
    the basket back.
    """
    with transaction.atomic():
        locked = Basket._default_manager.select_for_update().get(pk=basket.pk)
        if locked.status != Basket.OPEN:
            raise PaymentInProgress("This basket is already being paid for. Please wait a moment, then look at your "
                                    "orders before you pay again.")
        # Priced again under the lock: a line added by another request just before is charged, or refused.
        _, total_now = basket_total(priced_basket(basket.pk, user), shipping_method)
        if total_now.incl_tax != order_total.incl_tax:
            raise TotalChanged(total_now)
        locked.freeze()
        basket.status = locked.status
        payment = StripePayment.objects.create(
            basket=basket, user=user if user.is_authenticated else None, guest_email=guest_email or "",
            order_number=order_number, amount=order_total.incl_tax, currency=order_total.currency,
            shipping_address=shipping_address_fields(shipping_address), shipping_method_code=shipping_method.code,
            checkout_details=checkout_details or {})
    email = user.email if user.is_authenticated else guest_email
    try:
        card = gateway.save_card(token=token, email=email, name=cardholder)
        intent = gateway.create_intent(
            amount=payment.amount, currency=payment.currency, card=card, idempotency_key=f"intent-{payment.reference}",
            metadata={"order_number": payment.order_number, "payment": payment.reference})
        StripePayment.objects.filter(pk=payment.pk).update(intent_id=intent.id, card_label=card.label)
        payment.intent_id = intent.id
        intent = gateway.confirm_intent(intent.id)
    except gateway.PaymentDeclined as declined:
        release_payment(payment=payment, message=str(declined))
        raise
    except gateway.GatewayError as error:
        if payment.intent_id:  # the intent exists: whether it was confirmed is Stripe's to say
            return settle_uncertain_payment(payment=payment, error=error)
        release_payment(payment=payment, message=str(error))
        raise
    except Exception as error:  # the store itself failed (e.g. a busy database) while talking to Stripe
        if payment.intent_id:
            logger.exception("Payment %s: failed around the confirmation; settling from Stripe's state",
                             payment.reference)
            return settle_uncertain_payment(payment=payment, error=error)
        logger.exception("Payment %s: failed before any intent existed; nothing charged", payment.reference)
        release_payment(payment=payment, message="The payment could not start. Nothing has been charged.")
        raise gateway.GatewayError("The payment could not start. Nothing has been charged.") from error
    return settle_after_confirmation(payment=payment, intent=intent), intent


def settle_after_confirmation(*, payment, intent):
    """Once Stripe may have taken the money, no error reaches the shopper as a failure: whatever goes wrong while
    placing the order leaves the payment open for `settle_payment` to finish (browser retry, webhook, beat)."""
    try:
        return settle_payment(payment=payment, intent=intent)
    except Exception as error:
        logger.exception("Payment %s: confirmed, but the order could not be placed yet", payment.reference)
        raise PaymentUncertain(str(error), payment=payment) from error


def settle_uncertain_payment(*, payment, error):
    """Stripe stopped answering after the intent was created. If it can be read, act on it; if not, keep the
    basket frozen: the browser's retry, the webhook or the abandoned-payment task settles it; nobody pays twice."""
    try:
        intent = gateway.retrieve_intent(payment.intent_id)
    except gateway.GatewayError:
        raise PaymentUncertain(str(error), payment=payment) from error
    if intent.status == "requires_confirmation":  # the confirmation never reached Stripe: nothing was charged
        settle_payment(payment=payment, intent=intent)  # cancels the intent and gives the basket back
        raise gateway.GatewayError(str(error)) if not isinstance(error, gateway.GatewayError) else error
    return settle_after_confirmation(payment=payment, intent=intent), intent


def settle_payment(*, payment, intent=None):
    """Act on the intent's current status; returns the payment as it now stands."""
    intent = intent or gateway.retrieve_intent(payment.intent_id)
    if intent.status == "succeeded":
        place_order_for_intent(intent_id=intent.id, intent=intent)
    elif intent.status == "requires_action":
        StripePayment.objects.filter(pk=payment.pk, status=StripePayment.Status.STARTED).update(
            status=StripePayment.Status.REQUIRES_ACTION)
    elif intent.status == "requires_confirmation":  # the confirmation never reached Stripe: nothing was charged
        gateway.cancel_intent(intent.id)
        release_payment(payment=payment, message="The payment could not be completed. Nothing has been charged; "
                                                 "please try again.")
    elif intent.status in ("requires_payment_method", "canceled"):
        release_payment(payment=payment, message="Your card could not be authenticated. Nothing has been charged; "
                                                 "please try again or use another card.")
    payment.refresh_from_db()
    return payment


def place_order_for_intent(*, intent_id, intent=None):
    """The order of a succeeded PaymentIntent, placed now if it was not yet: exactly once, whoever calls first.

    Returns None when the intent is unknown here or has not succeeded (the current state is read from Stripe).
    """
    with transaction.atomic():
        payment = StripePayment.objects.select_for_update().filter(intent_id=intent_id).first()
        if payment is None:
            return None
        if payment.order_id:
            return payment.order
        if payment.status == StripePayment.Status.CANCELLED:  # refunded in full instead of ordered: never place it
            return None
        intent = intent if intent is not None and intent.status == "succeeded" else gateway.retrieve_intent(intent_id)
        if intent.status != "succeeded":
            return None
        if Order._default_manager.filter(number=payment.order_number).exists():
            return refund_duplicate_payment(payment=payment, intent=intent)
        try:
            order = PaymentOrderPlacement(payment).place(intent)
        except TotalMismatch as mismatch:
            refund_mismatched_payment(payment=payment, intent=intent, total=mismatch.total, reason=mismatch.reason)
            return None
        payment.order, payment.status, payment.failure_message = order, StripePayment.Status.SUCCEEDED, ""
        payment.save(update_fields=["order", "status", "failure_message", "updated_at"])
        order_id = order.pk
        dispatch_on_commit(tasks.send_order_confirmation, order_id)
    logger.info("Order %s placed for PaymentIntent %s", order.number, intent_id)
    return order


def refund_duplicate_payment(*, payment, intent):
    """A second successful payment for a basket already ordered (two tabs, a retried 3-D Secure): give it back."""
    gateway.refund(intent_id=intent.id, amount=intent.amount, idempotency_key=f"duplicate-{payment.reference}",
                   metadata={"reason": "duplicate payment"})
    payment.status = StripePayment.Status.CANCELLED
    payment.failure_message = "This basket was already paid for; this second payment was refunded in full."
    payment.save(update_fields=["status", "failure_message", "updated_at"])
    order = Order._default_manager.get(number=payment.order_number)
    OrderNote.objects.create(order=order, note_type=OrderNote.WARNING, message=(
        f"A second payment of {intent.amount} {intent.currency} ({intent.id}) was taken for this basket and "
        "refunded in full automatically."))
    return order


def refund_mismatched_payment(*, payment, intent, total, reason=""):
    """The basket no longer totals what was charged: no order is placed; the charge goes back in full and the
    shopper gets their basket back with the reason (shown by the payment page, which reads the payment)."""
    gateway.refund(intent_id=intent.id, amount=intent.amount, idempotency_key=f"mismatch-{payment.reference}",
                   metadata={"reason": "basket changed during payment", "payment": payment.reference})
    logger.error("Payment %s: charged %s but the basket totals %s%s; refunded, no order placed",
                 payment.reference, intent.amount, total, f" ({reason})" if reason else "")
    payment.status = StripePayment.Status.CANCELLED
    changed = (f"A voucher in your basket can't be used any more ({reason.rstrip('.')})" if reason else
               f"Your basket changed while you were paying: it now totals {total} {intent.currency}")
    payment.failure_message = (
        f"{changed}, but {intent.amount} {intent.currency} was charged. We placed no order and refunded the "
        f"{intent.amount} {intent.currency} in full. Please check your basket and pay again.")[:255]
    payment.save(update_fields=["status", "failure_message", "updated_at"])
    basket = Basket._default_manager.select_for_update().get(pk=payment.basket_id)
    if basket.status == Basket.FROZEN:
        basket.thaw()
    dispatch_on_commit(tasks.send_payment_refunded, payment.pk)  # the shopper may have left the payment page


def release_payment(*, payment, message):
    """A payment that failed or was given up: record why and give the shopper their basket back."""
    with transaction.atomic():
        payment = StripePayment.objects.select_for_update().get(pk=payment.pk)
        if payment.order_id or payment.status == StripePayment.Status.SUCCEEDED:
            return payment
        payment.status, payment.failure_message = StripePayment.Status.FAILED, message[:255]
        payment.save(update_fields=["status", "failure_message", "updated_at"])
        basket = Basket._default_manager.select_for_update().get(pk=payment.basket_id)
        if basket.status == Basket.FROZEN:
            basket.thaw()
    return payment


def abandon_payment(*, payment):
    """Stop waiting for a payment (3-D Secure given up or timed out); places the order if it succeeded after all."""
    if payment.intent_id:
        intent = gateway.cancel_intent(payment.intent_id)
        if intent.status == "succeeded":
            return place_order_for_intent(intent_id=intent.id, intent=intent)
    release_payment(payment=payment, message="The payment was not completed. Nothing has been charged.")
    return None


def release_abandoned_payments(*, older_than):
    """Payments left waiting (a closed tab during 3-D Secure) are cancelled and their baskets given back."""
    cutoff = timezone.now() - older_than
    waiting = StripePayment.objects.filter(status__in=StripePayment.OPEN_STATUSES, order__isnull=True,
                                           updated_at__lt=cutoff)
    return sum(1 for payment in waiting if abandon_payment(payment=payment) is None)


# --- Refunds --------------------------------------------------------------------------------------

def refund_order_payment(*, order, amount, reason, requested_by, idempotency_key, lines=None,
                         include_shipping=False):
    """Give back part or all of an order's Stripe payment, once per idempotency key, never more than is left.

    ``lines``: {order line: quantity} when the refund is for particular items (a return): the amount may then not
    exceed what was paid for those units (their share of the line price after discounts), plus the shipping
    charge when ``include_shipping``, and no unit is refunded twice; Oscar's "Refunded" payment event records the
    line quantities.

    The refund is stored (pending, with its key, holding its amount) before Stripe is asked, under a lock on the
    payment that works on SQLite too (its transactions take the write lock when they start): parallel refunds
    are checked against each other's reservations, and a refund whose answer from Stripe is lost is asked again
    with the same key instead of being made twice.
    Raises RefundRefused with a message for staff when the refund must not happen; gateway errors when Stripe
    refused (the refund is then marked failed) or did not answer (it stays pending and is retried).
    """
    amount = parse_amount(amount)
    reason = (reason or "").strip()
    if not reason:
        raise RefundRefused("Say why this refund is made; the customer's record shows it.")
    if not idempotency_key:
        raise RefundRefused("A refund needs an idempotency key.")
    line_quantities = {str(line.pk): int(quantity) for line, quantity in (lines or {}).items() if quantity}
    if any(line.order_id != order.pk for line in (lines or {})):
        raise RefundRefused("Those items are not part of this order.")
    refund = reserve_refund(order=order, amount=amount, reason=reason, requested_by=requested_by,
                            idempotency_key=idempotency_key, line_quantities=line_quantities,
                            include_shipping=include_shipping)
    if refund.status == PaymentRefund.Status.SUCCEEDED:
        return refund
    return send_refund(refund)


def reserve_refund(*, order, amount, reason, requested_by, idempotency_key, line_quantities=None,
                   include_shipping=False):
    line_quantities = line_quantities or {}
    with transaction.atomic():
        payment = StripePayment.objects.select_for_update().filter(order=order).first()
        if payment is None:
            raise RefundRefused(f"Order {order.number} was not paid with Stripe.")
        earlier = PaymentRefund.objects.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            if earlier.payment_id != payment.pk or earlier.amount != amount:
                raise RefundRefused("This refund was already made, with other details: nothing more was refunded.")
            if earlier.status == PaymentRefund.Status.FAILED:
                raise RefundRefused(f"Stripe refused this refund earlier ({earlier.failure_message}); start a new "
                                    "refund to try again.")
            return earlier
        source = order.sources.get(reference=payment.intent_id)
        pending = (payment.refunds.filter(status=PaymentRefund.Status.PENDING).aggregate(total=Sum("amount"))["total"]
                   or Decimal("0")).quantize(CENT)
        left = source.amount_debited - source.amount_refunded - pending
        if amount > left:
            waiting = f" ({pending} {payment.currency} is waiting for Stripe)" if pending else ""
            raise RefundRefused(f"Only {left} {payment.currency} is left to refund on order {order.number}{waiting}.")
        if line_quantities or include_shipping:
            check_line_refund(payment=payment, order=order, amount=amount, line_quantities=line_quantities,
                              include_shipping=include_shipping)
        return PaymentRefund.objects.create(payment=payment, status=PaymentRefund.Status.PENDING, amount=amount,
                                            reason=reason, requested_by=requested_by, idempotency_key=idempotency_key,
                                            line_quantities=line_quantities, includes_shipping=include_shipping)


def refunded_line_quantities(payment):
    """{line id (str): units} refunded or being refunded on this payment, by its refunds for particular lines."""
    done = {}
    for quantities in payment.refunds.exclude(status=PaymentRefund.Status.FAILED).values_list("line_quantities",
                                                                                            flat=True):
        for line_id, quantity in (quantities or {}).items():
            done[line_id] = done.get(line_id, 0) + quantity
    return done


def unit_price_paid(line):
    """What one unit of an order line cost the customer, after discounts, tax included."""
    return (line.line_price_incl_tax / line.quantity).quantize(CENT) if line.quantity else Decimal("0.00")


def check_line_refund(*, payment, order, amount, line_quantities, include_shipping):
    """Under the payment's lock: no unit refunded twice, shipping once, and no more than those units cost."""
    lines = {str(line.pk): line for line in order.lines.filter(pk__in=[int(pk) for pk in line_quantities])}
    done = refunded_line_quantities(payment)
    most = Decimal("0.00")
    for line_id, quantity in line_quantities.items():
        line = lines.get(line_id)
        if line is None:
            raise RefundRefused("Those items are not part of this order.")
        left = line.quantity - done.get(line_id, 0)
        if quantity < 1 or quantity > left:
            raise RefundRefused(f"{left} of “{line.title}” can still be refunded, not {quantity}.")
        most += unit_price_paid(line) * quantity
    if include_shipping:
        if payment.refunds.exclude(status=PaymentRefund.Status.FAILED).filter(includes_shipping=True).exists():
            raise RefundRefused(f"The shipping of order {order.number} was already refunded.")
        most += order.shipping_incl_tax
    if amount > most:
        raise RefundRefused(f"Those items cost {most} {payment.currency}"
                            f"{' with shipping' if include_shipping else ''}: a refund for them can't be more.")


def send_refund(refund):
    """Ask Stripe for a pending refund (again, with its own key) and record the answer."""
    payment = refund.payment
    try:
        refunded = gateway.refund(intent_id=payment.intent_id, amount=refund.amount,
                                  idempotency_key=refund.idempotency_key,
                                  metadata={"order_number": payment.order_number, "reason": refund.reason[:200]})
    except (gateway.GatewayError, gateway.PaymentDeclined) as error:
        if gateway.stripe_answered_no(error):
            PaymentRefund.objects.filter(pk=refund.pk, status=PaymentRefund.Status.PENDING).update(
                status=PaymentRefund.Status.FAILED, failure_message=str(error)[:255])
        raise  # not answered: it stays pending, holding its amount, and is asked again with the same key
    return complete_refund(refund=refund, refunded=refunded)


def complete_refund(*, refund, refunded):
    with transaction.atomic():
        payment = StripePayment.objects.select_for_update().get(pk=refund.payment_id)
        refund = PaymentRefund.objects.select_for_update().get(pk=refund.pk)
        if refund.status == PaymentRefund.Status.SUCCEEDED:
            return refund
        source = payment.order.sources.select_for_update().get(reference=payment.intent_id)
        event = record_refund_event(payment=payment, source=source, refunded=refunded, reason=refund.reason,
                                    requested_by=refund.requested_by, line_quantities=refund.line_quantities)
        refund.status, refund.stripe_refund_id, refund.payment_event = (
            PaymentRefund.Status.SUCCEEDED, refunded.id, event)
        refund.amount = refunded.amount
        refund.save(update_fields=["status", "stripe_refund_id", "payment_event", "amount"])
        return refund


def retry_pending_refunds(*, older_than):
    """Refunds whose answer from Stripe was lost are asked again with their own key: made once, recorded once."""
    cutoff = timezone.now() - older_than
    done = 0
    for refund in PaymentRefund.objects.filter(status=PaymentRefund.Status.PENDING, created_at__lt=cutoff):
        try:
            send_refund(refund)
        except (gateway.GatewayError, gateway.PaymentDeclined) as error:
            logger.warning("Refund %s still not settled: %s", refund.idempotency_key, error)
        else:
            done += 1
    return done


def parse_amount(amount):
    try:
        amount = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        raise RefundRefused(f"{amount!r} is not an amount of money.") from None
    if not amount.is_finite() or amount <= 0:
        raise RefundRefused("A refund must be more than nothing.")
    if amount != amount.quantize(CENT):
        raise RefundRefused("A refund is in whole cents.")
    return amount.quantize(CENT)


def record_refund_event(*, payment, source, refunded, reason, requested_by, line_quantities=None):
    """Oscar's side of a refund: the source's refunded amount, a Refunded payment event (with the line quantities
    it is for) and an order note."""
    order = payment.order
    source.refund(refunded.amount, reference=refunded.id)
    event_type, _ = PaymentEventType.objects.get_or_create(name="Refunded")
    event = PaymentEvent.objects.create(order=order, event_type=event_type, amount=refunded.amount,
                                        reference=refunded.id)
    for line in order.lines.filter(pk__in=[int(pk) for pk in (line_quantities or {})]):
        PaymentEventQuantity.objects.create(event=event, line=line, quantity=line_quantities[str(line.pk)])
    who = requested_by.get_full_name() or requested_by.email if requested_by else "Stripe"
    OrderNote.objects.create(order=order, user=requested_by, note_type=OrderNote.INFO,
                             message=f"Refunded {refunded.amount} {payment.currency} ({who}): {reason}")
    return event


def sync_charge_refunds(*, charge_id):
    """Record refunds made outside the store (Stripe's dashboard) that Stripe reports on a charge."""
    intent_id = gateway.charge_intent_id(charge_id)
    if not intent_id or place_order_for_intent(intent_id=intent_id) is None:
        return "no order for this charge"
    refunds = gateway.charge_refunds(charge_id)
    with transaction.atomic():
        payment = StripePayment.objects.select_for_update().get(intent_id=intent_id)
        known = set(payment.refunds.exclude(stripe_refund_id=None).values_list("stripe_refund_id", flat=True))
        pending = {r.idempotency_key: r for r in payment.refunds.filter(status=PaymentRefund.Status.PENDING)}
        new = [refund for refund in refunds if refund.id not in known]
        for refunded in new:
            if refunded.key in pending:  # one of ours whose answer has not been recorded yet
                complete_refund(refund=pending[refunded.key], refunded=refunded)
                continue
            source = payment.order.sources.select_for_update().get(reference=intent_id)
            event = record_refund_event(payment=payment, source=source, refunded=refunded, requested_by=None,
                                        reason="Refunded in Stripe")
            PaymentRefund.objects.create(payment=payment, stripe_refund_id=refunded.id, amount=refunded.amount,
                                         reason="Refunded in Stripe", payment_event=event)
    return f"{len(new)} refund(s) recorded"


# --- Disputes -------------------------------------------------------------------------------------

def flag_dispute(*, charge_id, reason, amount):
    """The customer's bank disputes a charge: flag the order for support staff."""
    intent_id = gateway.charge_intent_id(charge_id)
    order = place_order_for_intent(intent_id=intent_id) if intent_id else None
    if order is None:
        return "no order for this charge"
    with transaction.atomic():
        payment = StripePayment.objects.select_for_update().get(intent_id=intent_id)
        payment.disputed_at, payment.dispute_reason = timezone.now(), (reason or "unspecified")[:128]
        payment.save(update_fields=["disputed_at", "dispute_reason", "updated_at"])
        OrderNote.objects.create(order=order, note_type=OrderNote.WARNING, message=(
            f"Payment disputed by the customer's bank ({payment.dispute_reason_text}, "
            f"{gateway.from_minor_units(amount or 0)} {payment.currency}). Answer the dispute in Stripe with "
            "the order's production spec and delivery proof."))
    return f"order {order.number} flagged as disputed"
