"""Write the Oscar order for a Stripe payment, from what was stored when the payment started.

The browser's return and the webhook both end here, so nothing may come from a request or a session:
the basket (frozen since the intent was created), the user or guest e-mail, the shipping address and
the shipping method code are all on the StripePayment row.
"""

from django.contrib.auth.models import AnonymousUser
from oscar.core.loading import get_class, get_model

from shop.payments.models import STRIPE_SOURCE_TYPE

OrderPlacementMixin = get_class("checkout.mixins", "OrderPlacementMixin")
Applicator = get_class("offer.applicator", "Applicator")
Repository = get_class("shipping.repository", "Repository")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
Basket = get_model("basket", "Basket")
ShippingAddress = get_model("order", "ShippingAddress")
OrderCheckoutDetails = get_model("checkout", "OrderCheckoutDetails")
SourceType = get_model("payment", "SourceType")
Source = get_model("payment", "Source")

PAID = "Paid"


def shipping_address_fields(address):
    """The fields of an unsaved Oscar ShippingAddress, as JSON, to rebuild it later."""
    if address is None:
        return {}
    fields = {}
    for field in ShippingAddress._meta.concrete_fields:
        if field.primary_key or field.name in ("search_text",):
            continue
        value = getattr(address, field.attname)
        fields[field.attname] = value if value is None or isinstance(value, (str, int, bool)) else str(value)
    return fields


class TotalMismatch(Exception):
    """The basket, priced now, does not total what Stripe charged: the order must not be placed."""

    def __init__(self, total, reason=""):
        super().__init__(reason or f"The basket totals {total}")
        self.total = total
        self.reason = reason


def priced_basket(basket_id, user):
    """The basket as it is in the database now (not as a request loaded it), with prices and offers applied."""
    basket = Basket._default_manager.get(pk=basket_id)
    basket.strategy = Selector().strategy(user=user)
    Applicator().apply(basket, user, None)
    return basket


def spent_vouchers(basket, user):
    """Why a voucher in the basket no longer applies (a single-use code spent by another order), or ""."""
    for voucher in basket.vouchers.all():
        available, message = voucher.is_available_to_user(user=user)
        if not available:
            return f"{voucher.code}: {message}"
    return ""


def basket_total(basket, shipping_method):
    """(shipping charge, order total) of a priced basket: the one calculation paying and placing share."""
    charge = shipping_method.calculate(basket)
    return charge, OrderTotalCalculator().calculate(basket, charge)


class PaymentOrderPlacement(OrderPlacementMixin):
    """Oscar's own order placement (addresses, payment sources and events, order creator), without a view."""

    request = None

    def __init__(self, payment):
        self.payment = payment

    def place(self, intent):
        payment = self.payment
        user = payment.user or AnonymousUser()
        basket = priced_basket(payment.basket_id, user)
        address = ShippingAddress(**payment.shipping_address) if payment.shipping_address else None
        method = self.shipping_method(basket, user, address)
        charge, total = basket_total(basket, method)
        if total.incl_tax != intent.amount or total.currency != intent.currency:
            raise TotalMismatch(total.incl_tax, reason=spent_vouchers(basket, user))

        source_type, _ = SourceType.objects.get_or_create(name=STRIPE_SOURCE_TYPE)
        source = Source(source_type=source_type, currency=intent.currency, amount_allocated=intent.amount,
                        amount_debited=intent.amount, reference=intent.id, label=payment.card_label)
        self.add_payment_source(source)
        self.add_payment_event("Paid", intent.amount, reference=intent.id)
        order_kwargs = {"guest_email": payment.guest_email} if not payment.user_id else {}
        try:
            order = self.place_order(order_number=payment.order_number, user=user, basket=basket,
                                     shipping_address=address, shipping_method=method, shipping_charge=charge,
                                     order_total=total, **order_kwargs)
        except ValueError as unavailable:
            # Oscar re-checks the basket's vouchers under a row lock: a single-use code (store credit) spent by
            # another order in the meantime would make this order cost more than was charged
            raise TotalMismatch(total.incl_tax,
                                reason=spent_vouchers(basket, user) or str(unavailable)) from unavailable
        OrderCheckoutDetails.record(order=order, details=payment.checkout_details)
        basket.submit()
        order.set_status(PAID)  # the money is secured: Oscar's pipeline (and production) starts from "Paid"
        return order

    def shipping_method(self, basket, user, address):
        return shipping_method_by_code(basket, user, address, self.payment.shipping_method_code)


def shipping_method_by_code(basket, user, address, code):
    """The shipping method of that code for this priced basket (its shipping offers applied), or the default."""
    methods = Repository().get_shipping_methods(basket=basket, user=user, shipping_addr=address)
    for method in methods:
        if method.code == code:
            return method
    return Repository().get_default_shipping_method(basket=basket, user=user, shipping_addr=address)


class NothingToCharge(Exception):
    """The basket, priced now, costs something: it can only be ordered by paying."""


class CreditOrderPlacement(OrderPlacementMixin):
    """An order its vouchers pay for in full (an exchange for something that costs no more than the item sent
    back): Oscar's own placement, with nothing charged. The caller holds the lock that makes it happen once."""

    request = None

    def place(self, *, basket_id, user, order_number, shipping_address, shipping_method_code, guest_email=""):
        basket = priced_basket(basket_id, user)
        method = shipping_method_by_code(basket, user, shipping_address, shipping_method_code)
        charge, total = basket_total(basket, method)
        if total.incl_tax != 0:
            raise NothingToCharge(f"The basket totals {total.incl_tax} {total.currency}.")
        try:
            order = self.place_order(order_number=order_number, user=user, basket=basket,
                                     shipping_address=shipping_address, shipping_method=method,
                                     shipping_charge=charge, order_total=total,
                                     **({"guest_email": guest_email} if not user.is_authenticated else {}))
        except ValueError as unavailable:  # a voucher spent meanwhile (Oscar's check under the voucher's lock)
            raise TotalMismatch(total.incl_tax, reason=spent_vouchers(basket, user) or str(unavailable)) \
                from unavailable
        basket.submit()
        order.set_status(PAID)
        return order
