"""A return settled as an exchange: the customer reconfigures, pays the difference or gets it back, and the
replacement is ordered.

- ``offer_exchange`` (from ``resolve_return``): the returned units count for a credit (what they cost the
  customer, or less) towards a new configuration, for ``settings.EXCHANGE_VALID_DAYS``. The credit is an Oscar
  voucher that only this exchange holds: its fixed discount and free delivery apply in the replacement's basket,
  so the replacement's Oscar order shows the credit as a discount and totals exactly what was charged.
- The customer chooses on the configurator (``configurator.handoff``: its final button brings the new
  configuration back to the exchange page), which shows the difference.
- ``pay_exchange_difference``: it costs more. The replacement's basket (of its own, owned by nobody, so Oscar's
  basket middleware never merges it into the customer's basket) is paid through the checkout's card flow
  (``shop.payments.services.start_card_payment``); whichever of the browser and the webhook places the order, the
  ``order_placed`` receiver below links it to the exchange.
- ``place_exchange``: it costs the same or less. The order is placed with nothing to charge, and what is left of
  the credit goes back to the card the customer paid with (the refund service, against the returned line's units,
  once per exchange).

Either way the replacement is an ordinary order: the configurator freezes its spec and production plans it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from oscar.apps.order.signals import order_placed
from oscar.core.loading import get_class, get_model

from configurator.selectors import saved_configuration
from configurator.services import add_configuration_to_basket
from shop.dates import long_date
from shop.outbox.services import dispatch_on_commit
from shop.payments import tasks as payment_tasks
from shop.payments.placement import (
    CreditOrderPlacement,
    TotalMismatch,
    basket_total,
    priced_basket,
    shipping_address_fields,
    shipping_method_by_code,
)
from shop.payments.services import RefundRefused, TotalChanged, refund_order_payment, start_card_payment
from support import services
from support.returns.credit import CENT, ReturnRefused
from support.returns.models import Exchange, ExchangeStatus

Basket = get_model("basket", "Basket")
ShippingAddress = get_model("order", "ShippingAddress")
OrderNote = get_model("order", "OrderNote")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
Selector = get_class("partner.strategy", "Selector")

ZERO = Decimal("0.00")


# --- The customer chooses ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExchangeTerms:
    """What a replacement costs and what the exchange comes to: the difference to pay, or to get back."""

    exchange: Exchange
    configuration: object  # the SavedConfiguration chosen
    quantity: int
    price: Decimal  # the replacement's units, at the configuration's quote
    credit_used: Decimal
    to_pay: Decimal
    to_refund: Decimal

    @property
    def product(self):
        return self.configuration.version.configurable.product


def replacement(code):
    """The saved configuration a customer chose (its code from the configurator), or ReturnRefused."""
    configuration = saved_configuration(code) if code else None
    if configuration is None:
        raise ReturnRefused("We don't know that configuration: choose it again on the configurator.")
    if not configuration.is_complete:
        raise ReturnRefused("That configuration is not finished: complete every step of it on the configurator.")
    if configuration.is_expired:
        raise ReturnRefused("The price of that configuration has expired: open it on the configurator again to "
                            "have it priced today.")
    return configuration


def exchange_terms(exchange, configuration):
    """The difference between the replacement (at its quote, as many units as were returned) and the credit."""
    if exchange.status != ExchangeStatus.CHOOSING:
        raise ReturnRefused("Your replacement is already ordered.")
    if exchange.valid_until < timezone.localdate():
        raise ReturnRefused(f"This exchange could be chosen until {long_date(exchange.valid_until)}: please write "
                            "to us on your return page.")
    if configuration.currency != exchange.currency:
        raise ReturnRefused("That configuration is priced in another currency.")
    quantity = exchange.ret.quantity
    price = (configuration.total * quantity).quantize(CENT)
    used = min(price, exchange.credit)
    return ExchangeTerms(exchange=exchange, configuration=configuration, quantity=quantity, price=price,
                         credit_used=used, to_pay=price - used, to_refund=exchange.credit - used)


def customer_of(exchange):
    """(user, guest e-mail) the replacement is ordered for: the returned order's."""
    order = exchange.ret.order
    return (order.user, "") if order.user_id else (AnonymousUser(), order.guest_email)


def _shipping(order):
    """Where the replacement goes and how: the returned order's address and method (delivery is free)."""
    address = ShippingAddress(**shipping_address_fields(order.shipping_address)) if order.shipping_address_id \
        else None
    return address, order.shipping_code


@dataclass(frozen=True)
class Prepared:
    basket: object
    user: object
    guest_email: str
    address: object
    method: object
    total: object


def _prepare(exchange, terms):
    """The replacement's basket (the exchange's own, refilled) holding the configuration and the exchange's
    voucher, priced now. Runs with the exchange's row locked."""
    basket = exchange.basket
    if basket is not None and basket.status == Basket.FROZEN:  # a payment started and Stripe has not answered yet
        raise ReturnRefused("Your payment for this exchange is being confirmed: wait a moment, then reload this "
                            "page.")
    if basket is None or basket.status != Basket.OPEN:
        basket = Basket.objects.create(owner=None)
    user, guest_email = customer_of(exchange)
    basket.strategy = Selector().strategy(user=user)
    basket.flush()
    add_configuration_to_basket(basket=basket, configuration=terms.configuration, quantity=terms.quantity)
    basket.vouchers.add(exchange.voucher)
    exchange.basket, exchange.configuration = basket, terms.configuration
    exchange.save(update_fields=["basket", "configuration"])
    priced = priced_basket(basket.pk, user)
    address, method_code = _shipping(exchange.ret.order)
    method = shipping_method_by_code(priced, user, address, method_code)
    _, total = basket_total(priced, method)
    return Prepared(basket=priced, user=user, guest_email=guest_email, address=address, method=method, total=total)


def _locked(exchange):
    return (Exchange.objects.select_for_update(of=("self",)).select_related("ret__order__shipping_address", "ret__line",
                                                                "ret__request", "voucher", "basket")
            .get(pk=exchange.pk))


def pay_exchange_difference(exchange, *, configuration, expected, token, cardholder):
    """The replacement costs more: charge the difference (``expected``, what the page showed) with the card flow
    of checkout. Returns (payment, intent) as ``start_card_payment`` does; the order is placed when Stripe says
    the payment succeeded (here, after 3-D Secure, or by the webhook) and linked by ``link_replacement_order``."""
    with transaction.atomic():
        exchange = _locked(exchange)
        terms = exchange_terms(exchange, configuration)
        if terms.to_pay <= ZERO:
            raise ReturnRefused("There is nothing to pay: confirm the exchange instead.")
        prepared = _prepare(exchange, terms)
        total = prepared.total
        if total.incl_tax != terms.to_pay or total.incl_tax != expected:
            raise TotalChanged(total)
    return start_card_payment(
        basket=prepared.basket, user=prepared.user, guest_email=prepared.guest_email,
        shipping_address=prepared.address, shipping_method=prepared.method, order_total=total,
        order_number=OrderNumberGenerator().order_number(prepared.basket), token=token, cardholder=cardholder)


@transaction.atomic
def place_exchange(exchange, *, configuration, expected_refund):
    """The replacement costs no more than the credit: order it with nothing charged, and refund what is left of
    the credit (``expected_refund``: what the page showed) to the card the customer paid with."""
    exchange = _locked(exchange)
    terms = exchange_terms(exchange, configuration)
    if terms.to_pay > ZERO:
        raise ReturnRefused(f"Your new configuration costs {terms.to_pay} {exchange.currency} more: pay the "
                            "difference by card.")
    if terms.to_refund != expected_refund:
        raise ReturnRefused(f"The difference is now {terms.to_refund} {exchange.currency}: please check it and "
                            "confirm again.")
    prepared = _prepare(exchange, terms)
    ret = exchange.ret
    try:
        order = CreditOrderPlacement().place(
            basket_id=prepared.basket.pk, user=prepared.user, guest_email=prepared.guest_email,
            order_number=OrderNumberGenerator().order_number(prepared.basket), shipping_address=prepared.address,
            shipping_method_code=prepared.method.code)
    except TotalMismatch as mismatch:
        raise ReturnRefused(f"The exchange could not be placed: {mismatch.reason or mismatch}") from None
    # linked by the order_placed receiver (below), which has run by now
    exchange.refresh_from_db()
    if terms.to_refund > ZERO:
        try:
            exchange.refund = refund_order_payment(
                order=ret.order, amount=terms.to_refund, reason=f"Exchange for return {ret.number}: the difference",
                requested_by=None, idempotency_key=f"exchange-{ret.request.code}", lines={ret.line: ret.quantity})
        except RefundRefused as refused:
            raise ReturnRefused(str(refused)) from None
        exchange.save(update_fields=["refund"])
    dispatch_on_commit(payment_tasks.send_order_confirmation, order.pk)
    return exchange


@receiver(order_placed, dispatch_uid="returns.exchange_replacement_ordered")
def link_replacement_order(sender, order, user=None, **kwargs):
    """The replacement of an exchange was ordered (paid by card, or with nothing to charge): link it, note it on
    both orders and tell the customer on their return."""
    if not order.basket_id or not Exchange.objects.filter(basket_id=order.basket_id).exists():
        return  # (one query for any other order)
    with transaction.atomic():
        exchange = (Exchange.objects.select_for_update(of=("self",)).select_related("ret__request", "ret__order")
                    .filter(basket_id=order.basket_id, status=ExchangeStatus.CHOOSING).first())
        if exchange is None:
            return
        ret = exchange.ret
        exchange.status, exchange.order, exchange.placed_at = ExchangeStatus.PLACED, order, timezone.now()
        exchange.paid = order.total_incl_tax
        exchange.save(update_fields=["status", "order", "placed_at", "paid"])
        OrderNote.objects.create(order=order, note_type=OrderNote.SYSTEM, message=(
            f"Replacement for return {ret.number} of order {ret.order.number}: the returned item counted for "
            f"{exchange.credit} {exchange.currency}."))
        OrderNote.objects.create(order=ret.order, note_type=OrderNote.SYSTEM, message=(
            f"Return {ret.number} exchanged: replacement ordered as order {order.number}."))
        services.log_change(ret.request, actor=None, actor_label="Customer", field="exchange",
                            new=f"replacement ordered: order {order.number}")
        paid = (f"you paid the difference of {order.total_incl_tax} {order.currency}"
                if order.total_incl_tax > ZERO else "there was nothing to pay")
        services.add_desk_message(ret.request, body=(
            f"Your replacement for return {ret.number} is ordered as order {order.number} ({paid}; delivery is "
            "free). We make it to order: you can follow it on its order page."))
