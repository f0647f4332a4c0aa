"""The demo help desk: queues and routing rules, service-level targets, business hours, closures, macros,
and (for `make run` only) a few requests at every stage so the inbox, the request screen and the reports
have something to show."""

from datetime import time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from oscar.core.loading import get_model

from shop.demo.production import CLOSURES

QUEUES = [
    # slug, name, description, default
    ("orders", "Orders", "Order status, changes, delivery dates and payments.", True),
    ("product-advice", "Product advice", "Sizes, materials and what to configure before buying.", False),
    ("complaints", "Complaints and feedback", "Complaints, compliments and anything that went wrong.", False),
]
ROUTING_RULES = [
    # queue slug, kind, channel, product UPC, priority it sets
    ("complaints", "complaint", "", "", "high"),
    ("complaints", "compliment", "", "", "low"),
    ("product-advice", "product", "", "", ""),
    ("orders", "order", "", "", ""),
    ("orders", "scheduling", "", "", ""),
    ("orders", "pricing", "", "", ""),
    ("product-advice", "", "", "ATL-BIK-001", ""),  # bike fitting questions need the bike specialists
]
TARGETS = [
    # priority, first response (business minutes), resolution (business minutes)
    ("urgent", 60, 8 * 60),
    ("high", 4 * 60, 2 * 8 * 60),
    ("normal", 8 * 60, 3 * 8 * 60),
    ("low", 2 * 8 * 60, 5 * 8 * 60),
]
BUSINESS_HOURS = [(day, time(9), time(17, 30)) for day in range(5)] + [(5, time(10), time(14))]
MACROS = [
    ("Ship date", "Hello {{ first_name }},\n\nYour order {{ order_number }} is on schedule: we expect it to ship on "
                  "{{ ship_date }}. You can follow every step on your order's page.\n\nBest wishes,\n"
                  "{{ agent_first_name }}", "resolved"),
    ("Ask for photos", "Hello {{ first_name }},\n\nI am sorry to hear that. Could you send us a few photos of the "
                       "{{ product }}, in daylight if you can? Reply to this e-mail with them attached.\n\n"
                       "Thank you,\n{{ agent_first_name }}", "waiting"),
    ("Thank you for the compliment", "Hello {{ first_name }},\n\nThank you so much for your kind words. I have "
                                     "passed them on to the team.\n\nWarm regards,\n{{ agent_first_name }}",
     "resolved"),
]


def seed_support_desk():
    """Queues, rules, targets, hours, closures and macros; each only when missing (support leads edit them)."""
    Queue = get_model("support", "Queue")
    RoutingRule = get_model("support", "RoutingRule")
    ServiceLevelTarget = get_model("support", "ServiceLevelTarget")
    BusinessHours = get_model("support", "BusinessHours")
    SupportClosure = get_model("support", "SupportClosure")
    Macro = get_model("support", "Macro")
    Product = get_model("catalogue", "Product")
    CommunicationEventType = get_model("communication", "CommunicationEventType")
    from support.notifications import REQUEST_RECEIVED, REQUEST_RESOLVED, STAFF_REPLY

    for code, name in ((REQUEST_RECEIVED, "Support: request received"), (STAFF_REPLY, "Support: reply to a request"),
                       (REQUEST_RESOLVED, "Support: request resolved, with the survey")):
        CommunicationEventType.objects.get_or_create(code=code, defaults={
            "name": name, "category": CommunicationEventType.USER_RELATED})
    queues = {}
    for position, (slug, name, description, default) in enumerate(QUEUES):
        queues[slug], _ = Queue.objects.get_or_create(slug=slug, defaults={
            "name": name, "description": description, "position": position, "is_default": default})
    if not RoutingRule.objects.exists():
        for position, (slug, kind, channel, upc, priority) in enumerate(ROUTING_RULES):
            RoutingRule.objects.create(queue=queues[slug], position=position, kind=kind, channel=channel,
                                       product=Product.objects.filter(upc=upc).first() if upc else None,
                                       set_priority=priority)
    for priority, first, resolution in TARGETS:
        ServiceLevelTarget.objects.get_or_create(priority=priority, defaults={
            "first_response_minutes": first, "resolution_minutes": resolution})
    if not BusinessHours.objects.exists():
        BusinessHours.objects.bulk_create([BusinessHours(weekday=d, opens=o, closes=c) for d, o, c in BUSINESS_HOURS])
    for day, station, reason in CLOSURES:
        if station is None:
            SupportClosure.objects.get_or_create(date=day, defaults={"reason": reason})
    for name, body, status in MACROS:
        Macro.objects.get_or_create(name=name, defaults={"body": body, "set_status": status})
    from support.sla import forget_service_levels

    forget_service_levels()
    return len(queues)


DEMO_REQUESTS = [
    # kind, subject, message, which demo order (index into the shopper's orders, oldest first) or None, what happens
    ("scheduling", "When will my desk ship?", "Hello, I ordered the walnut desk and wonder when it leaves the "
     "workshop. We are moving house at the end of the month.", 1, "open"),
    ("complaint", "Scuffed toe on my sneakers", "The left shoe arrived with a scuff on the contrast toe. Can you "
     "help?", 0, "waiting"),
    ("compliment", "Wonderful sneakers", "Just wanted to say the sneakers fit perfectly and the monogram is "
     "beautiful. Thank you to the workshop!", 0, "resolved"),
    ("product", "Which frame size for 1.78 m?", "I am 1.78 m tall with long legs: which frame should I choose?",
     None, "new"),
]


def seed_demo_requests():
    """Two months of finished requests, then a few of the demo shopper's at every stage (once: nothing happens when
    any request exists). Their e-mails are not sent."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
        return _seed_demo_requests()


def _seed_demo_requests():
    from support import services
    from support.models import Status, SupportRequest

    if SupportRequest.objects.exists():
        return 0
    User = get_user_model()
    Order = get_model("order", "Order")
    shopper = User.objects.get(email="shopper@atelier.example")
    agent = User.objects.get(email="support@atelier.example")
    orders = list(Order.objects.filter(user=shopper).order_by("date_placed", "id"))
    from shop.demo.support_history import seed_request_history

    made = seed_request_history(shopper=shopper, agent=agent)
    for kind, subject, body, order_index, outcome in DEMO_REQUESTS:
        order = orders[order_index] if order_index is not None and order_index < len(orders) else None
        request = services.open_request(kind=kind, subject=subject, body=body, email=shopper.email,
                                        customer=shopper, name=shopper.get_full_name(), order=order, notify=False)
        if outcome == "open":
            services.add_internal_note(request, agent=agent, body="Checked the production queue: on schedule.")
            services.change_request(request, actor=agent, assignee=agent, status=Status.OPEN)
        elif outcome == "waiting":
            services.add_staff_reply(request, agent=agent, body="I am sorry to hear that. Could you send us a photo "
                                     "of the scuff?", status=Status.WAITING)
        elif outcome == "resolved":
            services.change_request(request, actor=agent, team="workshop")
            services.add_staff_reply(request, agent=agent, body="Thank you! I passed your words on to the workshop.",
                                     status=Status.RESOLVED)
    return made + len(DEMO_REQUESTS)
