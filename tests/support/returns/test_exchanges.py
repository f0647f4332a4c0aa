"""A return settled as an exchange: the customer chooses a new configuration, pays the difference by card or gets
it back on their card, and the replacement is an order of its own that goes to production."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from freezegun import freeze_time

from configurator.production.models import WorkOrder
from configurator.selectors import current_version_for_slug
from configurator.services import save_configuration
from shop.payments import gateway
from shop.payments.models import PaymentRefund
from shop.payments.services import TotalChanged
from support.returns import services
from support.returns.exchanges import exchange_terms, pay_exchange_difference, place_exchange, replacement
from support.returns.models import ExchangeStatus, Outcome, Reason
from tests.shop.payments.conftest import card_token
from tests.support.returns.conftest import sneaker
from tests.support.returns.test_return_flow import start

pytestmark = pytest.mark.usefixtures("stripe_server")


def test_settling_as_an_exchange_tells_the_customer_what_the_item_counts_for(exchange):
    ret = exchange.ret
    assert (ret.status, ret.resolution) == ("resolved", "exchange")
    assert exchange.credit == Decimal("155.00") and exchange.status == ExchangeStatus.CHOOSING
    assert exchange.valid_until == timezone.localdate() + timedelta(days=60)
    told = ret.request.messages.order_by("-created_at").first().body
    assert "counts for 155.00 EUR towards it" in told and "Choose your replacement" in told
    assert ret.refund is None and not PaymentRefund.objects.exists()  # no money moves until the customer chooses


def test_a_dearer_replacement_is_paid_by_card_and_goes_to_production(exchange):
    dearer = sneaker("size_40→size_41", "sole_white→sole_gum")  # 165.00
    terms = exchange_terms(exchange, replacement(dearer.code))
    assert (terms.price, terms.credit_used, terms.to_pay, terms.to_refund) == (
        Decimal("165.00"), Decimal("155.00"), Decimal("10.00"), Decimal("0.00"))

    payment, _ = pay_exchange_difference(exchange, configuration=dearer, expected=Decimal("10.00"),
                                         token=card_token(), cardholder="Sam Shopper")
    exchange.refresh_from_db()
    order = exchange.order
    assert payment.order == order and payment.amount == Decimal("10.00")
    assert exchange.status == ExchangeStatus.PLACED and exchange.paid == Decimal("10.00")
    assert order.total_incl_tax == Decimal("10.00") and order.shipping_incl_tax == Decimal("0.00")
    assert order.user == exchange.ret.order.user and order.status == "Paid"
    assert order.shipping_address.line1 == exchange.ret.order.shipping_address.line1
    discount = order.discounts.get(voucher_id=exchange.voucher.pk, category="Basket")  # the credit, as Oscar shows it
    assert discount.amount == Decimal("155.00")
    line = order.lines.get()
    assert line.configuration.snapshot["code"] == dearer.code
    assert WorkOrder.objects.filter(line=line).count() == 1  # the replacement is in the workshop's queue
    assert gateway.retrieve_intent(payment.intent_id).amount == Decimal("10.00")
    told = exchange.ret.request.messages.order_by("-created_at").first().body
    assert f"ordered as order {order.number}" in told and "you paid the difference of 10.00 EUR" in told


def test_a_cheaper_replacement_is_ordered_and_the_difference_refunded_to_the_card(exchange):
    cheaper = sneaker("upper_leather→upper_canvas")  # 145.00
    exchange = place_exchange(exchange, configuration=cheaper, expected_refund=Decimal("10.00"))
    order = exchange.order
    assert exchange.status == ExchangeStatus.PLACED and order.total_incl_tax == Decimal("0.00")
    assert order.status == "Paid" and WorkOrder.objects.filter(line__order=order).count() == 1
    refund = exchange.refund
    ret = exchange.ret
    assert (refund.amount, refund.status, refund.line_quantities) == (
        Decimal("10.00"), PaymentRefund.Status.SUCCEEDED, {str(ret.line.pk): 1})
    assert refund.payment.order == ret.order  # back to the card the returned item was paid with
    with pytest.raises(services.ReturnRefused, match="already ordered"):
        place_exchange(exchange, configuration=cheaper, expected_refund=Decimal("10.00"))
    assert PaymentRefund.objects.count() == 1


def test_the_same_price_is_ordered_with_nothing_to_pay_or_refund(exchange):
    other_size = sneaker("size_40→size_41")
    exchange = place_exchange(exchange, configuration=other_size, expected_refund=Decimal("0.00"))
    assert exchange.order.total_incl_tax == Decimal("0.00") and exchange.refund is None
    assert "there was nothing to pay" in exchange.ret.request.messages.order_by("-created_at").first().body


def test_what_the_page_showed_must_still_hold_or_nothing_happens(exchange):
    dearer = sneaker("sole_white→sole_gum")  # 165.00: 10.00 to pay
    with pytest.raises(TotalChanged):
        pay_exchange_difference(exchange, configuration=dearer, expected=Decimal("5.00"), token=card_token(),
                                cardholder="Sam Shopper")
    with pytest.raises(services.ReturnRefused, match="pay the difference by card"):
        place_exchange(exchange, configuration=dearer, expected_refund=Decimal("0.00"))
    cheaper = sneaker("upper_leather→upper_canvas")
    with pytest.raises(services.ReturnRefused, match="difference is now 10.00 EUR"):
        place_exchange(exchange, configuration=cheaper, expected_refund=Decimal("0.00"))
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.CHOOSING and exchange.order is None
    assert not PaymentRefund.objects.exists()


def test_unfinished_expired_or_unknown_configurations_are_refused(exchange):
    unfinished = save_configuration(version=current_version_for_slug("the-atelier-sneaker"), options=["size_40"])
    with pytest.raises(services.ReturnRefused, match="not finished"):
        replacement(unfinished.code)
    with pytest.raises(services.ReturnRefused, match="don't know that configuration"):
        replacement("nope")
    quote = sneaker("size_40→size_41")
    with freeze_time(quote.expires_at + timedelta(minutes=1)):
        with pytest.raises(services.ReturnRefused, match="has expired"):
            replacement(quote.code)
    with freeze_time(timezone.now() + timedelta(days=61)):
        with pytest.raises(services.ReturnRefused, match="could be chosen until"):
            exchange_terms(exchange, quote)


def test_an_exchange_never_counts_more_than_the_item_cost(shipped_order, shopper, agent):
    ret = start(shipped_order, shopper, reason=Reason.CHANGED_MIND, wanted=Outcome.EXCHANGE)
    services.approve_return(ret, agent=agent, ship_back=False)
    with pytest.raises(services.ReturnRefused, match="at most what the item cost the customer"):
        services.resolve_return(ret, agent=agent, resolution=Outcome.EXCHANGE, amount="155.01")
    ret.refresh_from_db()
    assert ret.status == "approved" and not hasattr(ret, "exchange")
    ret = services.resolve_return(ret, agent=agent, resolution=Outcome.EXCHANGE, amount="100.00")
    assert ret.exchange.credit == Decimal("100.00")


def test_while_a_payment_for_the_difference_waits_for_stripe_nothing_else_starts(exchange):
    dearer = sneaker("sole_white→sole_gum")
    payment, intent = pay_exchange_difference(exchange, configuration=dearer, expected=Decimal("10.00"),
                                              token=card_token("4000002760003184"), cardholder="Sam Shopper")
    assert intent.status == "requires_action"  # 3-D Secure in the browser: the replacement's basket is frozen
    for attempt in (lambda: pay_exchange_difference(exchange, configuration=dearer, expected=Decimal("10.00"),
                                                    token=card_token(), cardholder="Sam Shopper"),
                    lambda: place_exchange(exchange, configuration=sneaker("size_40→size_41"),
                                           expected_refund=Decimal("0.00"))):
        with pytest.raises(services.ReturnRefused, match="being confirmed"):
            attempt()
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.CHOOSING and exchange.basket == payment.basket
