"""Demo orders for `make run`, so the production queue, the workshop's load and the customer's production
timeline have something to show. Placed the way checkout places them (Oscar's OrderCreator, configured
basket lines priced from their quotes), then moved through the workshop by the demo production planner.

The orders, their address and the parcel are data: shop/demo/data/orders.toml, checked when this module is
imported. Only for the demo (`seed_demo --demo-orders`); the test suite seeds without them. Runs once: when any work
order exists, it does nothing. No e-mails are sent for these orders.
"""

from decimal import Decimal
from typing import Annotated, Literal, NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import RequestFactory, override_settings
from oscar.core.loading import get_class, get_model
from pydantic import Field, model_validator

from configurator.models import ConfigurableProduct
from configurator.production.carriers import CARRIERS
from configurator.production.models import Status, WorkOrder
from configurator.production.services import move_work_orders
from configurator.services import add_configuration_to_basket, save_configuration
from configurator.views import default_options
from shop.demo.datafile import DATA_DIR, Data, read
from shop.demo.feature_models import FEATURE_MODELS

Applicator = get_class("offer.applicator", "Applicator")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Repository = get_class("shipping.repository", "Repository")

SHOPPER = "shopper@atelier.example"
PLANNER = "production@atelier.example"
# the workshop's steps, in order; a demo order is moved through them up to its stage
STEPS = [Status.IN_PRODUCTION, Status.QUALITY_CHECK, Status.DONE, Status.SHIPPED]

Line = Annotated[str, Field(min_length=1)]
DecimalText = Annotated[str, Field(pattern=r"^\d+(\.\d+)?$")]


class Address(Data):
    line1: Line
    city: Line
    postcode: Line
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    phone: Line


class Parcel(Data):
    carrier: Literal[tuple(CARRIERS)]
    tracking_prefix: Annotated[str, Field(pattern=r"^[0-9]*$")]


class OrderData(Data):
    product: str  # a upc
    options: list[str] | None = Field(default=None, min_length=1)
    measurements: dict[str, DecimalText] = Field(default_factory=dict)
    texts: dict[str, Line] = Field(default_factory=dict)
    quantity: int = Field(gt=0)
    stage: Literal[tuple([Status.QUEUED, *STEPS])]

    @model_validator(mode="after")
    def known_codes(self):
        definition = FEATURE_MODELS.get(self.product)
        if definition is None:
            raise ValueError(f"product: no feature model for the upc {self.product!r}")
        options = {option["code"] for group in definition["groups"] for option in group["options"]}
        steps = {kind: {group["code"] for group in definition["groups"] if group["kind"] == kind}
                 for kind in ("measurement", "text")}
        for field, codes, known in (("options", self.options or (), options),
                                    ("measurements", self.measurements, steps["measurement"]),
                                    ("texts", self.texts, steps["text"])):
            unknown = sorted(set(codes) - known)
            if unknown:
                raise ValueError(f"{field}: {self.product} has no {', '.join(unknown)}")
        return self


class DemoOrders(Data):
    address: Address
    parcel: Parcel
    orders: list[OrderData] = Field(min_length=1)


class DemoOrder(NamedTuple):
    """One demo order, as place_demo_order takes it."""

    upc: str
    options: list | None  # None: the product's defaults
    measurements: dict
    texts: dict
    quantity: int
    stage: str


def load_demo_orders(data_dir=DATA_DIR):
    return read(data_dir / "orders.toml", DemoOrders)


DEMO = load_demo_orders()
DEMO_ORDERS = [DemoOrder(order.product, order.options, order.measurements, order.texts, order.quantity, order.stage)
               for order in DEMO.orders]


def shipping_address(user):
    ShippingAddress = get_model("order", "ShippingAddress")
    Country = get_model("address", "Country")
    address = DEMO.address
    return ShippingAddress.objects.create(
        first_name=user.first_name, last_name=user.last_name, line1=address.line1, line4=address.city,
        postcode=address.postcode, country=Country.objects.get(iso_3166_1_a2=address.country),
        phone_number=address.phone)


def place_demo_order(user, upc, options, measurements, texts, quantity, vouchers=()):
    version = ConfigurableProduct.objects.get(product__upc=upc).current_version
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    basket = get_model("basket", "Basket").objects.create(owner=user)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy(request)
    quote = save_configuration(version=version, options=options or default_options(version.definition),
                               measurements={code: Decimal(value) for code, value in measurements.items()},
                               texts=texts, owner=user)
    if not quote.is_complete:
        raise ValueError(f"The demo configuration of {upc} is not complete: fix shop/demo/data/orders.toml.")
    add_configuration_to_basket(basket=basket, configuration=quote, quantity=quantity)
    if vouchers:  # codes entered in the basket (store credit): Oscar's offers apply them
        basket.vouchers.add(*vouchers)
        Applicator().apply(basket, user, request)
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
        ship_demo_order(order, by=planner, steps=STEPS[:STEPS.index(stage) + 1] if stage != Status.QUEUED else ())
    return len(DEMO_ORDERS)


def ship_demo_order(order, *, by, steps):
    """Move the order's units through the workshop's ``steps``; shipped in the demo parcel."""
    numbers = list(order.work_orders.values_list("number", flat=True))
    for step in steps:
        parcel = {}
        if step == Status.SHIPPED:
            parcel = {"carrier": DEMO.parcel.carrier, "tracking_number": f"{DEMO.parcel.tracking_prefix}{order.number}"}
        move_work_orders(numbers=numbers, to_status=step, by=by, **parcel)
