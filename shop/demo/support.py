"""The demo help desk: its set-up (shop/demo/data/support.toml: e-mails, queues, routing rules, service-level targets,
business hours, macros; closures are the workshop's) and, for `make run` only, a few requests at every stage
(data/support_requests.toml) so the inbox, the request screen and the reports have something to show.

Both files are checked before the seed uses them: besides each field's type, that a kind, channel, priority,
status or team is one the desk knows, that a rule names a queue of the file and a macro only the macros' variables.
"""

from datetime import time
from typing import Annotated, Literal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from oscar.core.loading import get_model
from pydantic import Field, model_validator

from shop.demo.copy import demo_copy
from shop.demo.datafile import DATA_DIR, WEEKDAYS, Data, Letter, Slug, Text, Weekday, choices, read
from shop.demo.production import WORKSHOP
from shop.demo.support_history import seed_request_history
from support import services
from support.macros import unknown_variables
from support.models import (
    BusinessHours,
    Macro,
    Queue,
    RoutingRule,
    ServiceLevelTarget,
    Status,
    SupportClosure,
    SupportRequest,
)
from support.notifications import REQUEST_RECEIVED, REQUEST_RESOLVED, STAFF_REPLY
from support.sla import forget_service_levels

Name = Annotated[str, Field(min_length=1)]


class Email(Data):
    code: Literal[REQUEST_RECEIVED, STAFF_REPLY, REQUEST_RESOLVED]
    name: Name


class QueueData(Data):
    slug: Slug
    name: Name
    description: Name
    default: bool = False


class Rule(Data):
    queue: Slug
    kind: choices(SupportRequest, "kind", blank=True) = ""
    channel: choices(SupportRequest, "channel", blank=True) = ""
    product: str = ""  # a upc
    priority: choices(SupportRequest, "priority", blank=True) = ""


class Target(Data):
    priority: choices(SupportRequest, "priority")
    first_response_minutes: int = Field(gt=0)
    resolution_minutes: int = Field(gt=0)


class Hours(Data):
    weekday: Weekday
    opens: time
    closes: time


class MacroData(Data):
    name: Name
    status: choices(SupportRequest, "status", blank=True) = ""
    body: Letter

    @model_validator(mode="after")
    def known_variables(self):
        unknown = unknown_variables(self.body)
        if unknown:
            raise ValueError(f"body: no variable {', '.join(unknown)} (support/macros.py lists them)")
        return self


class SupportDesk(Data):
    emails: list[Email]
    queues: list[QueueData] = Field(min_length=1)
    routing_rules: list[Rule]
    targets: list[Target]
    business_hours: list[Hours] = Field(min_length=1)
    macros: list[MacroData]

    @model_validator(mode="after")
    def known_names(self):
        queues = {queue.slug for queue in self.queues}
        for index, rule in enumerate(self.routing_rules):
            if rule.queue not in queues:
                raise ValueError(f"routing_rules[{index}]: no queue {rule.queue!r} in queues")
            if rule.product and rule.product not in catalogue_upcs():
                raise ValueError(f"routing_rules[{index}]: no product of catalogue.toml has the upc {rule.product!r}")
        if sum(queue.default for queue in self.queues) != 1:
            raise ValueError("queues: mark exactly one queue default = true")
        return self


def catalogue_upcs():
    catalogue = demo_copy().catalogue
    return {product.upc for product in catalogue.products + catalogue.accessories}


class DemoRequest(Data):
    kind: choices(SupportRequest, "kind")
    subject: Name
    message: Text
    order: int | None = Field(default=None, gt=0)  # the shopper's n-th demo order, oldest first
    status: Literal["new", "open", "waiting", "resolved"]
    note: Text | None = None
    team: choices(SupportRequest, "team") | None = None
    reply: Text | None = None

    @model_validator(mode="after")
    def reply_when_answered(self):
        if (self.reply is not None) != (self.status in ("waiting", "resolved")):
            raise ValueError("give a reply for status waiting or resolved, and only then")
        return self


class DemoRequests(Data):
    requests: list[DemoRequest]


def load_support_desk(data_dir=DATA_DIR):
    return read(data_dir / "support.toml", SupportDesk)


def load_demo_requests(data_dir=DATA_DIR):
    return read(data_dir / "support_requests.toml", DemoRequests).requests


SUPPORT_DESK = load_support_desk()
DEMO_REQUESTS = load_demo_requests()


def seed_support_desk():
    """E-mails, queues, rules, targets, hours, closures and macros; each only when missing (support leads edit them)."""
    Product = get_model("catalogue", "Product")
    CommunicationEventType = get_model("communication", "CommunicationEventType")
    desk = SUPPORT_DESK
    for email in desk.emails:
        CommunicationEventType.objects.get_or_create(code=email.code, defaults={
            "name": email.name, "category": CommunicationEventType.USER_RELATED})
    queues = {}
    for position, queue in enumerate(desk.queues):
        queues[queue.slug], _ = Queue.objects.get_or_create(slug=queue.slug, defaults={
            "name": queue.name, "description": queue.description, "position": position, "is_default": queue.default})
    if not RoutingRule.objects.exists():
        for position, rule in enumerate(desk.routing_rules):
            RoutingRule.objects.create(
                queue=queues[rule.queue], position=position, kind=rule.kind, channel=rule.channel,
                product=Product.objects.filter(upc=rule.product).first() if rule.product else None,
                set_priority=rule.priority)
    for target in desk.targets:
        ServiceLevelTarget.objects.get_or_create(priority=target.priority, defaults={
            "first_response_minutes": target.first_response_minutes, "resolution_minutes": target.resolution_minutes})
    if not BusinessHours.objects.exists():
        BusinessHours.objects.bulk_create([
            BusinessHours(weekday=WEEKDAYS.index(hours.weekday), opens=hours.opens, closes=hours.closes)
            for hours in desk.business_hours])
    for closure in WORKSHOP.closures:
        if closure.workstation is None:  # the whole workshop is closed: so is the desk
            SupportClosure.objects.get_or_create(date=closure.date, defaults={"reason": closure.reason})
    for macro in desk.macros:
        Macro.objects.get_or_create(name=macro.name, defaults={"body": macro.body, "set_status": macro.status})
    forget_service_levels()
    return len(queues)


def seed_demo_requests():
    """Two months of finished requests, then a few of the demo shopper's at every stage (once: nothing happens when
    any request exists). Their e-mails are not sent."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
        if SupportRequest.objects.exists():
            return 0
        User = get_user_model()
        shopper = User.objects.get(email="shopper@atelier.example")
        agent = User.objects.get(email="support@atelier.example")
        orders = list(get_model("order", "Order").objects.filter(user=shopper).order_by("date_placed", "id"))
        made = seed_request_history(shopper=shopper, agent=agent)
        for spec in DEMO_REQUESTS:
            open_demo_request(spec, shopper=shopper, agent=agent, orders=orders)
        return made + len(DEMO_REQUESTS)


def open_demo_request(spec, *, shopper, agent, orders):
    """One of the shopper's requests, taken as far as its status says."""
    order = orders[spec.order - 1] if spec.order is not None and spec.order <= len(orders) else None
    request = services.open_request(kind=spec.kind, subject=spec.subject, body=spec.message, email=shopper.email,
                                    customer=shopper, name=shopper.get_full_name(), order=order, notify=False)
    if spec.note is not None:
        services.add_internal_note(request, agent=agent, body=spec.note)
    if spec.team is not None:
        services.change_request(request, actor=agent, team=spec.team)
    if spec.status == Status.OPEN:
        services.change_request(request, actor=agent, assignee=agent, status=Status.OPEN)
    elif spec.reply is not None:
        services.add_staff_reply(request, agent=agent, body=spec.reply, status=spec.status)
