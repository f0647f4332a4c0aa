"""Demo orders for `make run`, so the production queue, the workshop's load and the customer's production
timeline have something to show. Placed the way checkout places them (Oscar's OrderCreator, configured
basket lines priced from their quotes), then moved through the workshop by the demo production planner.

Only for the demo (`seed_demo --orders`); the test suite seeds without them. Runs once: when any work
order exists, it does nothing. No e-mails are sent for these orders.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import RequestFactory, override_settings
from oscar.core.loading import get_class, get_model

from configurator.models import ConfigurableProduct
from configurator.production.models import WorkOrder
from configurator.production.services import move_work_orders
from configurator.services import add_configuration_to_basket, save_configuration
from configurator.views import default_options

OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Repository = get_class("shipping.repository", "Repository")

SHOPPER = "shopper@atelier.example"
PLANNER = "production@atelier.example"

# (product UPC, options, measurements, texts, quantity, how far the workshop has got)
DEMO_ORDERS = [
    ("ATL-SNK-001", ["size_42", "upper_leather", "colour_terracotta", "toe_contrast_leather", "sole_gum",
                     "laces_chalk", "lining_calf"], {}, {"monogram": "SAM"}, 1, "shipped"),
    ("ATL-DSK-001", ["top_walnut", "frame_black", "motor_dual", "height_standard", "keypad_memory"],
     {"width": "160", "depth": "80"}, {}, 1, "quality_check"),
    ("ATL-SNK-001", ["size_38", "upper_suede", "colour_navy", "toe_same", "sole_white", "laces_chalk",
                     "lining_calf", "extra_spare_laces"], {}, {}, 2, "in_production"),
    ("ATL-BIK-001", None, {"rider_height": "178"}, {}, 1, "queued"),
    ("ATL-SNK-001", ["size_44", "upper_canvas", "colour_forest", "toe_none", "sole_black", "laces_chalk",
                     "lining_vegan"], {}, {}, 1, "queued"),
    ("ATL-DSK-001", None, {"width": "140", "depth": "70"}, {}, 2, "queued"),
]
STEPS = ["in_production", "quality_check", "done", "shipped"]


def shipping_address(user):
    ShippingAddress = get_model("order", "ShippingAddress")
    Country = get_model("address", "Country")
    return ShippingAddress.objects.create(
        first_name=user.first_name, last_name=user.last_name, line1="Kanaalstraat 12", line4="Gent",
        postcode="9000", country=Country.objects.get(iso_3166_1_a2="BE"), phone_number="+32 9 123 45 67")


def place_demo_order(user, upc, options, measurements, texts, quantity):
    version = ConfigurableProduct.objects.get(product__upc=upc).current_version
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    basket = get_model("basket", "Basket").objects.create(owner=user)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy(request)
    quote = save_configuration(version=version, options=options or default_options(version.definition),
                               measurements={code: Decimal(value) for code, value in measurements.items()},
                               texts=texts, owner=user)
    if not quote.is_complete:
        raise ValueError(f"The demo configuration of {upc} is not complete: fix shop/demo/orders.py.")
    add_configuration_to_basket(basket=basket, configuration=quote, quantity=quantity)
    address = shipping_address(user)
    method = Repository().get_default_shipping_method(basket=basket, user=user, request=request,
                                                      shipping_addr=address)
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    order = OrderCreator().place_order(basket=basket, total=total, shipping_method=method, shipping_charge=charge,
                                       user=user, shipping_address=address)
    # a demo order was paid before the demo began: by bank transfer, so no card payment is pretended (a refund of
    # it is refused, as for any order without a Stripe payment)
    source_type, _ = get_model("payment", "SourceType").objects.get_or_create(name="Bank transfer")
    order.sources.create(source_type=source_type, currency=order.currency, amount_allocated=order.total_incl_tax,
                         amount_debited=order.total_incl_tax, label="a bank transfer")
    order.set_status("Paid")
    basket.submit()
    return order


@transaction.atomic
@override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
def seed_demo_orders():
    """Sam's orders at every stage of production; returns how many orders were placed (0 when already done)."""
    if WorkOrder.objects.exists():
        return 0
    users = {user.email: user for user in get_user_model().objects.filter(email__in=[SHOPPER, PLANNER])}
    shopper, planner = users[SHOPPER], users[PLANNER]
    for upc, options, measurements, texts, quantity, stage in DEMO_ORDERS:
        order = place_demo_order(shopper, upc, options, measurements, texts, quantity)
        numbers = list(order.work_orders.values_list("number", flat=True))
        for step in STEPS[:STEPS.index(stage) + 1] if stage != "queued" else ():
            parcel = {"carrier": "bpost", "tracking_number": f"32329990{order.number}"} if step == "shipped" else {}
            move_work_orders(numbers=numbers, to_status=step, by=planner, **parcel)
    return len(DEMO_ORDERS)
