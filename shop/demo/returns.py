"""Demo returns, remakes and goodwill for `make run` (shop/demo/data/returns.toml): orders placed and shipped like
the demo orders, then returned by the demo shopper and taken by the demo agent as far as each one's stage, all
through support.returns.services; an exchange waiting for the shopper's choice and one whose replacement is ordered;
a complaint with goodwill; one store credit spent at checkout. Runs once."""

from typing import Literal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from oscar.core.loading import get_model
from pydantic import Field, model_validator

from configurator.models import ConfigurableProduct
from configurator.return_policy import Outcome, Reason
from configurator.services import save_configuration
from shop.demo.datafile import DATA_DIR, Data, Text, choices, read
from shop.demo.orders import PLANNER, SHOPPER, STEPS, DecimalText, OrderData, place_demo_order, ship_demo_order
from support import services as desk
from support.models import Kind
from support.returns import services
from support.returns.exchanges import exchange_terms, place_exchange, replacement
from support.returns.models import Gesture, Inspection, Return, ReturnStatus

AGENT = "support@atelier.example"
STAGES = ("requested", "approved", "received", "inspected", "resolved", "declined")


class ReturnData(OrderData):
    quantity: int = Field(default=1, gt=0)
    stage: Literal[STAGES]
    reason: Literal[tuple(reason.value for reason in Reason)]
    wanted: Literal[tuple(outcome.value for outcome in Outcome)]
    message: Text
    ship_back: bool = True
    inspection: Literal[tuple(Inspection.values)] = Inspection.AS_DESCRIBED
    resolution: Literal["remake", "exchange", "credit"] | None = None
    replacement: list[str] | None = None  # an exchange's replacement (options), chosen and confirmed by the shopper
    decline_reason: Text | None = None
    note: Text = ""

    @model_validator(mode="after")
    def stage_fields(self):
        if (self.resolution is not None) != (self.stage == "resolved"):
            raise ValueError("give a resolution for a resolved return, and only then")
        if (self.decline_reason is not None) != (self.stage == "declined"):
            raise ValueError("give a decline_reason for a declined return, and only then")
        if self.replacement is not None and self.resolution != "exchange":
            raise ValueError("a replacement is for a return resolved as an exchange")
        return self


class GoodwillData(Data):
    order: int = Field(gt=0)  # the shopper's n-th demo order, oldest first
    subject: Text
    message: Text
    reason: choices(Gesture, "reason")
    amount: DecimalText
    note: Text


class SpendData(Data):
    product: str
    options: list[str] = Field(min_length=1)


class DemoReturns(Data):
    returns: list[ReturnData] = Field(min_length=1)
    goodwill: list[GoodwillData] = Field(default_factory=list)
    spend: SpendData


DEMO_RETURNS = read(DATA_DIR / "returns.toml", DemoReturns)
Order = get_model("order", "Order")


def seed_demo_returns():
    """Returns at every stage, goodwill and a credit spent at checkout; 0 when any return exists already."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
        if Return.objects.exists():
            return 0
        users = {user.email: user for user in get_user_model().objects.filter(email__in=[SHOPPER, PLANNER, AGENT])}
        shopper, planner, agent = users[SHOPPER], users[PLANNER], users[AGENT]
        credits = []
        for spec in DEMO_RETURNS.returns:
            order = place_demo_order(shopper, spec.product, spec.options, spec.measurements, spec.texts,
                                     spec.quantity)
            ship_demo_order(order, by=planner, steps=STEPS)
            ret = take_return(spec, order=order, shopper=shopper, agent=agent)
            if ret.voucher_id:
                credits.append(ret.voucher)
        orders = list(Order.objects.filter(user=shopper).order_by("date_placed", "id"))
        for gesture in DEMO_RETURNS.goodwill:
            request = desk.open_request(kind=Kind.COMPLAINT, subject=gesture.subject, body=gesture.message,
                                        email=shopper.email, customer=shopper, name=shopper.get_full_name(),
                                        order=orders[gesture.order - 1], notify=False)
            services.grant_goodwill(request, agent=agent, kind="credit", reason=gesture.reason,
                                    amount=gesture.amount, note=gesture.note)
        if credits:
            spend = DEMO_RETURNS.spend
            place_demo_order(shopper, spend.product, spend.options, {}, {}, 1, vouchers=credits[:1])
        return len(DEMO_RETURNS.returns)


def take_return(spec, *, order, shopper, agent):
    """The shopper asks; the agent takes it as far as the spec's stage."""
    ret = services.start_return(order=order, line=order.lines.get(), quantity=spec.quantity, reason=spec.reason,
                                wanted=spec.wanted, message=spec.message, customer=shopper, email=shopper.email,
                                name=shopper.get_full_name())
    if spec.stage == "declined":
        return services.decline_return(ret, agent=agent, reason=spec.decline_reason)
    steps = []
    if spec.stage != ReturnStatus.REQUESTED:
        steps.append(lambda r: services.approve_return(r, agent=agent, ship_back=spec.ship_back))
    if spec.ship_back and STAGES.index(spec.stage) >= STAGES.index("received"):
        steps.append(lambda r: services.mark_received(r, agent=agent))
    if spec.ship_back and STAGES.index(spec.stage) >= STAGES.index("inspected"):
        steps.append(lambda r: services.inspect_return(r, agent=agent, outcome=spec.inspection, note=spec.note))
    if spec.stage == "resolved":
        steps.append(lambda r: services.resolve_return(r, agent=agent, resolution=spec.resolution, note=spec.note))
    for step in steps:
        ret = step(ret)
    if spec.replacement is not None:
        choose_replacement(ret.exchange, spec.product, spec.replacement)
    return ret


def choose_replacement(exchange, product, options):
    """The shopper configures the replacement and confirms the exchange (the same price: nothing moves)."""
    version = ConfigurableProduct.objects.get(product__upc=product).current_version
    configuration = save_configuration(version=version, options=options, owner=exchange.ret.order.user)
    terms = exchange_terms(exchange, replacement(configuration.code))
    if terms.to_pay or terms.to_refund:
        raise ValueError(f"The demo replacement of return {exchange.ret.number} costs {terms.price}, not "
                         f"{exchange.credit}: the demo orders were not paid by card, so nothing can be paid or "
                         "refunded.")
    return place_exchange(exchange, configuration=configuration, expected_refund=terms.to_refund)
