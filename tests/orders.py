"""The test suite's one way to place an order: a basket priced by the store's strategy, configured lines, and
Oscar's OrderCreator, as the payment flow places the order once Stripe said yes (without going through Stripe)."""

import itertools

from oscar.core.loading import get_class, get_model

from configurator.models import ConfigurableProduct
from configurator.services import add_configuration_to_basket, save_configuration

OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
FreeShipping = get_class("shipping.methods", "Free")
Selector = get_class("partner.strategy", "Selector")
Basket = get_model("basket", "Basket")

# The demo sneaker in EU 40, leather with a contrast toe cap (adds cutting and stitching minutes), spare laces:
# 167.00, VAT included.
SNEAKER = ["size_40", "upper_leather", "colour_terracotta", "toe_contrast_leather", "sole_white", "laces_chalk",
           "lining_calf", "extra_spare_laces"]
_numbers = itertools.count(700001)  # never one of the seeded store's numbers


def sneaker_version():
    """The seeded demo sneaker's current model."""
    return ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version


def new_basket(user=None):
    """An empty basket of `user` (None: a guest's), priced by the store's strategy."""
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    return basket


def configure(basket, version, options, quantity=1, **choices):
    """Add one configured line (`choices`: texts=..., measurements=...) to the basket; returns its quote."""
    quote = save_configuration(version=version, options=options, **choices)
    assert quote.is_complete
    add_configuration_to_basket(basket=basket, configuration=quote, quantity=quantity)
    return quote


def place(basket, *, user=None, status=None, shipping_method=None, number=None, **details):
    """The basket's order, placed as checkout places it. Free shipping unless `shipping_method` is given; `details`
    go to OrderCreator (shipping_address, billing_address, guest_email); `status` is set afterwards ("Paid")."""
    if not basket.has_strategy:  # a basket loaded from the database, as a request would load it
        basket.strategy = Selector().strategy(user=user)
    method = shipping_method or FreeShipping()
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    order = OrderCreator().place_order(basket=basket, total=total, shipping_method=method, shipping_charge=charge,
                                       user=user, order_number=str(number or next(_numbers)), **details)
    if status:
        order.set_status(status)
    return order


def paid_order(version=None, options=SNEAKER, quantity=1, *, user=None, number=None, guest_email=None, **choices):
    """A paid order of one configured line (the demo sneaker unless `version` is given), with its work orders.
    A guest's order is placed for guest@example.com unless `guest_email` says otherwise."""
    basket = new_basket(user)
    configure(basket, version or sneaker_version(), options, quantity, **choices)
    if guest_email is None:
        guest_email = "" if user else "guest@example.com"
    return place(basket, user=user, status="Paid", number=number, guest_email=guest_email)
