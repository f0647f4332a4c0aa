"""What returned items are worth, and the Oscar vouchers that carry credit: store credit (a code the customer
spends at checkout) and an exchange's credit (applied only in its replacement's basket, with free delivery)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.crypto import get_random_string
from oscar.core.loading import get_model

from shop.payments.services import unit_price_paid
from support.returns.models import Exchange, StoreCredit

Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Range = get_model("offer", "Range")
Voucher = get_model("voucher", "Voucher")

CENT = Decimal("0.01")
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class ReturnRefused(ValidationError):
    """A step that must not happen, with the reason for the person who asked."""


def line_value(line, quantity):
    """What ``quantity`` units of the line cost the customer, after discounts, tax included."""
    return (unit_price_paid(line) * quantity).quantize(CENT)


def store_credit_range():
    product_range, _ = Range.objects.get_or_create(
        slug="store-credit", defaults={"name": "Store credit: everything in the store", "includes_all_products": True})
    return product_range


def _credit_offer(name, amount, condition):
    return ConditionalOffer.objects.create(
        name=name, offer_type=ConditionalOffer.VOUCHER, exclusive=False, condition=condition,
        benefit=Benefit.objects.create(range=store_credit_range(), type=Benefit.FIXED, value=amount))


def _any_item():
    return Condition.objects.create(range=store_credit_range(), type=Condition.COUNT, value=1)


def issue_store_credit(*, amount, request, currency="EUR", remaining_of=None, customer=None, email=""):
    """Store credit for the request's customer: an Oscar voucher (single use, one code) worth ``amount``.

    Oscar's voucher machinery applies it in the basket and records its use on the order; what an order does not
    use comes back as a new code (support.returns.receivers).
    """
    now = timezone.now()
    code = f"CREDIT-{get_random_string(10, CODE_LETTERS)}"
    voucher = Voucher.objects.create(name=f"Store credit {code}", code=code, usage=Voucher.SINGLE_USE,
                                     start_datetime=now,
                                     end_datetime=now + timedelta(days=settings.STORE_CREDIT_VALID_DAYS))
    voucher.offers.add(_credit_offer(f"Store credit {code}", amount, _any_item()))
    if request is not None:
        customer, email = request.customer, request.email
    return StoreCredit.objects.create(voucher=voucher, customer=customer, email=email, amount=amount,
                                      currency=currency, request=request, remaining_of=remaining_of)


def exchange_voucher(*, number, credit, valid_until):
    """The credit of an exchange: an Oscar voucher worth ``credit`` off the replacement, with free delivery, usable
    once. Its code is never shown: only the exchange puts it in its replacement's basket."""
    condition = _any_item()
    delivery = ConditionalOffer.objects.create(
        name=f"Exchange {number}: free delivery", offer_type=ConditionalOffer.VOUCHER, exclusive=False,
        condition=condition, benefit=Benefit.objects.create(type=Benefit.SHIPPING_PERCENTAGE, value=100))
    voucher = Voucher.objects.create(
        name=f"Exchange {number}", code=f"EXCHANGE-{get_random_string(12, CODE_LETTERS)}", usage=Voucher.SINGLE_USE,
        start_datetime=timezone.now(),
        end_datetime=timezone.make_aware(datetime.combine(valid_until, time.max)))
    voucher.offers.add(_credit_offer(f"Exchange {number}", credit, condition), delivery)
    return voucher


def offer_exchange(ret, *, credit=None):
    """Settle a return as an exchange: its units count for ``credit`` (by default what they cost the customer,
    never more) towards a new configuration the customer chooses until ``settings.EXCHANGE_VALID_DAYS`` from
    today (support.returns.exchanges carries it out)."""
    paid = line_value(ret.line, ret.quantity)
    credit = paid if credit is None else credit
    if credit > paid:
        raise ReturnRefused(f"An exchange counts at most what the item cost the customer ({paid} "
                            f"{ret.order.currency}); give more as goodwill.")
    valid_until = timezone.localdate() + timedelta(days=settings.EXCHANGE_VALID_DAYS)
    voucher = exchange_voucher(number=ret.number, credit=credit, valid_until=valid_until)
    return Exchange.objects.create(ret=ret, credit=credit, currency=ret.order.currency, voucher=voucher,
                                   valid_until=valid_until)
