"""Store credit is spent at checkout through Oscar's vouchers: once, in part with the rest given back, and never
twice when two orders race for the same code."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from oscar.core.loading import get_class, get_model

from configurator.selectors import current_version_for_slug
from configurator.services import save_configuration
from shop.payments.models import StripePayment
from support.returns.models import StoreCredit
from support.returns.services import issue_store_credit
from tests.orders import configure, new_basket, place
from tests.served import Visitor, in_parallel
from tests.shop.payments.conftest import SNEAKER_OPTIONS, go_to_payment, pay, pay_request

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Applicator = get_class("offer.applicator", "Applicator")


def credit_for(user, amount):
    return issue_store_credit(amount=Decimal(amount), request=None, customer=user, email=user.email)


def use_credit(user, credit):
    """The code entered in the shopper's (open) basket, as the basket page's voucher form does."""
    basket = Basket.open.get(owner=user)
    basket.vouchers.add(credit.voucher)
    return basket


def test_credit_paid_with_at_checkout_lowers_the_charge_and_is_spent(at_payment, demo_user):
    shopper = demo_user("shopper")
    credit = credit_for(shopper, "30.00")
    use_credit(shopper, credit)
    response = pay(at_payment, expected_total=Decimal("125.00"))
    assert response.status_code == 200, response.content
    order = Order.objects.get(number=response.json()["order"])
    assert order.total_incl_tax == Decimal("125.00")
    assert order.discounts.get().voucher_code == credit.voucher.code
    credit.refresh_from_db()
    assert credit.spent_on == order and credit.spent_amount == Decimal("30.00")
    assert not credit.remainders.exists()


def test_what_an_order_does_not_use_comes_back_as_a_new_code(db, demo_user):
    shopper = demo_user("shopper")
    credit = credit_for(shopper, "200.00")
    basket = new_basket(shopper)
    configure(basket, current_version_for_slug("the-atelier-sneaker"), SNEAKER_OPTIONS)
    basket.vouchers.add(credit.voucher)
    Applicator().apply(basket, shopper)
    order = place(basket, user=shopper, number="990001")
    credit.refresh_from_db()
    assert credit.spent_on == order and credit.spent_amount == Decimal("155.00")
    rest = StoreCredit.objects.get(remaining_of=credit)
    assert rest.amount == Decimal("45.00") and rest.customer == shopper and rest.voucher.code != credit.voucher.code
    assert rest.voucher.is_available_to_user(shopper)[0]
    assert not credit.voucher.is_available_to_user(shopper)[0]


def test_two_orders_racing_for_one_code_use_it_once_and_the_other_is_refunded(
        transactional_db, seeded_store, live_server, client_as, demo_user, stripe_server, client):
    shopper = demo_user("shopper")
    other = get_user_model().objects.create_user(username="olga", email="olga@example.com", password="x-pass-4321")
    credit = credit_for(shopper, "30.00")
    quote = save_configuration(version=current_version_for_slug("the-atelier-sneaker"), options=SNEAKER_OPTIONS)
    visitors = []
    for user in (shopper, other):
        browser = client.__class__()
        browser.force_login(user)
        go_to_payment(browser, user, quote)
        use_credit(user, credit)  # the code was shared: both baskets hold it
        visitors.append(Visitor(live_server, browser))
    answers = in_parallel(*(pay_request(visitor, expected_total=Decimal("125.00")) for visitor in visitors))
    assert all(not isinstance(answer, Exception) for answer in answers), answers
    orders = list(Order.objects.all())
    assert len(orders) == 1 and orders[0].total_incl_tax == Decimal("125.00")
    assert sorted(answer.status_code for answer in answers)[0] == 200
    refunded = StripePayment.objects.filter(status=StripePayment.Status.CANCELLED).first()
    if refunded is None:
        # the first order was placed before the second asked to pay: its basket no longer has the credit, so the
        # shopper is shown the new total and nothing is charged
        second = next(answer for answer in answers if answer.status_code != 200)
        assert second.status_code == 409 and "Your total is now €155.00" in second.json()["detail"]["message"]
        assert StripePayment.objects.count() == 1
    else:
        # both were charged at once: the second order is not placed and its charge goes back in full, with why
        assert "voucher in your basket can't be used any more" in refunded.failure_message
        assert f"{credit.voucher.code}: This voucher has already been used" in refunded.failure_message
        assert "refunded the 125.00 EUR in full" in refunded.failure_message
    credit.refresh_from_db()
    assert credit.spent_on == orders[0]
