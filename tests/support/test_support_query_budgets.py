"""The help desk's busiest pages cost a fixed number of queries, however many requests and messages there are:
the inbox (every view, a queue, a search), one request's screen, and the customer's My account → Support."""

import os
import re
from datetime import timedelta
from itertools import cycle, islice

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from support import services
from support.models import (
    Attachment,
    Author,
    Channel,
    Kind,
    Message,
    Priority,
    Queue,
    RequestEvent,
    Status,
    SupportRequest,
)
from support.selectors import breaching_filter, inbox
from tests.orders import paid_order

pytestmark = pytest.mark.django_db
User = get_user_model()
Order = get_model("order", "Order")
ConfigurableProduct = get_model("configurator", "ConfigurableProduct")

# Measured on SQLite (Django 5.2, django-oscar 4.2) with 50 and with 1,000 requests alike; each budget leaves a
# little headroom above the measure, so a new per-row query (an N+1) fails while a new fixed one does not.
# The loyalty badges add 2 to the inbox and the request screen: the customers' standings and the base tier (for
# members with no standing yet), read once for the whole page (shop.loyalty.selectors.badges).
INBOX_BUDGET = 16  # measured 13 for every view and the search, 14 with a queue (its lookup by slug)
REQUEST_SCREEN_BUDGET = 30  # measured 29 with 3 or 31 messages, a linked paid order, the customer panel, the
# staff access log (who opened the customer's data: 2) and the badge (2)
ACCOUNT_LIST_BUDGET = 14  # measured 12 with 20 or 200 requests
MEASURE = os.environ.get("SUPPORT_MEASURE_QUERIES")  # set to print the counts while tuning the budgets

STATUSES = [Status.NEW, Status.OPEN, Status.WAITING, Status.OPEN, Status.RESOLVED, Status.NEW, Status.CLOSED,
            Status.OPEN]
PRIORITIES = [Priority.NORMAL, Priority.HIGH, Priority.LOW, Priority.NORMAL, Priority.URGENT]
KINDS = [Kind.ORDER_QUESTION, Kind.PRODUCT_QUESTION, Kind.COMPLAINT, Kind.SCHEDULING, Kind.COMPLIMENT, Kind.OTHER]


@pytest.fixture
def count_queries(django_assert_max_num_queries):
    """count_queries(client, url, budget) → (queries, response) of a warm GET that must stay within the budget."""

    def count(client, url, budget):
        client.get(url)  # warm the caches (service levels, site root, content types) as a running server has them
        with django_assert_max_num_queries(budget) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        if MEASURE:
            print(f"\n{len(queries):4d} queries  {url}")
        return len(queries), response

    return count


@pytest.fixture
def desk(db, agent, shopper):
    """Who the bulk requests belong to: the demo agent, a colleague and nobody; the demo shopper, other members,
    guests; the three seeded queues; a few orders to link."""
    colleague = User.objects.create_user(username="lena.agent", email="lena.agent@atelier.example",
                                         first_name="Lena", last_name="Agent", is_staff=True)
    members = User.objects.bulk_create(
        User(username=f"member{n}", email=f"member{n}@example.net", first_name=f"Member{n}", last_name="Bulk",
             password="!") for n in range(12))
    orders = Order.objects.bulk_create(
        Order(number=f"BULK-{n}", user=(shopper if n % 2 else members[n]), currency="EUR", total_incl_tax=100,
              total_excl_tax=82, date_placed=timezone.now() - timedelta(days=n)) for n in range(8))
    return {"assignees": [agent, None, colleague, agent, None], "customers": [shopper, *members, None],
            "queues": list(Queue.objects.order_by("position")), "orders": orders}


def bulk_requests(desk, count, *, start=0, now=None):
    """``count`` requests R-9xxxx spread across queues, statuses, priorities, assignees and customers, with due
    dates like the clocks set (some past, some soon, none while waiting or done); every 7th gets three messages."""
    now = now or timezone.now()
    rows = []
    for n in range(start, start + count):
        status = STATUSES[n % len(STATUSES)]
        customer = desk["customers"][n % len(desk["customers"])]
        order = desk["orders"][n % len(desk["orders"])] if n % 3 == 0 and customer is not None else None
        if order is not None and order.user_id != customer.pk:
            order = None
        running = status in SupportRequest.ACTIVE_STATUSES
        due = now + timedelta(minutes=(n * 37) % 4000 - 600) if running else None
        created = now - timedelta(days=3, minutes=n)
        rows.append(SupportRequest(
            reference=f"R-9{n:04d}", code=f"bulk{n:020d}", kind=KINDS[n % len(KINDS)], channel=Channel.WEB,
            subject=f"{'Invoice' if n % 10 == 0 else 'Delivery'} question {n}", customer=customer,
            email=customer.email if customer else f"guest{n}@example.org", name="" if customer else f"Guest {n}",
            order=order, queue=desk["queues"][n % len(desk["queues"])],
            assignee=desk["assignees"][n % len(desk["assignees"])], priority=PRIORITIES[n % len(PRIORITIES)],
            status=status, created_at=created, updated_at=created + timedelta(hours=n % 48),
            last_customer_message_at=created, clock_started_at=created if running else None,
            first_response_due_at=due if status == Status.NEW else None, resolution_due_at=due,
            resolved_at=created + timedelta(hours=5) if status in (Status.RESOLVED, Status.CLOSED) else None,
            first_response_breached=status == Status.NEW and n % 11 == 0))
    made = SupportRequest.objects.bulk_create(rows)
    made = list(SupportRequest.objects.filter(reference__in=[r.reference for r in made]))
    Message.objects.bulk_create(
        Message(request=r, author_role=role, author=r.customer if role == Author.CUSTOMER else None,
                author_name="Someone", body=f"Message {i} of {r.reference}", created_at=r.created_at + timedelta(i))
        for r in made if int(r.reference[3:]) % 7 == 0
        for i, role in enumerate([Author.CUSTOMER, Author.STAFF, Author.CUSTOMER]))
    return made


def view_counts(html):
    """{view: the count in its tab}."""
    return {view: int(count) for view, count in re.findall(
        r'data-view="(\w+)"[^>]*>[^<]*<span class="badge[^"]*">(\d+)</span>', html)}


def first_reference(html):
    match = re.search(r'<tr data-reference="([^"]+)"', html)
    return match.group(1) if match else None


def expected_counts(agent, now):
    unresolved = SupportRequest.objects.filter(status__in=SupportRequest.UNRESOLVED_STATUSES)
    return {
        "mine": unresolved.filter(assignee=agent).exclude(status=Status.WAITING).count(),
        "unassigned": unresolved.filter(assignee__isnull=True).exclude(status=Status.WAITING).count(),
        "waiting": SupportRequest.objects.filter(status=Status.WAITING).count(),
        "breaching": SupportRequest.objects.filter(breaching_filter(now)).count(),
        "all": unresolved.count(),
    }


def expected_first(view, agent, now):
    """The first row a view should show, worked out in Python from every request (independent of the selector)."""
    rows = list(SupportRequest.objects.all())
    unresolved = [r for r in rows if r.status in SupportRequest.UNRESOLVED_STATUSES]
    if view == "resolved":
        finished = (r for r in rows if r.status in (Status.RESOLVED, Status.CLOSED))
        chosen = sorted(finished, key=lambda r: r.updated_at)[-1:]
        return chosen[0].reference
    if view == "mine":
        candidates = [r for r in unresolved if r.assignee_id == agent.pk and r.status != Status.WAITING]
    elif view == "unassigned":
        candidates = [r for r in unresolved if r.assignee_id is None and r.status != Status.WAITING]
    elif view == "waiting":
        candidates = [r for r in unresolved if r.status == Status.WAITING]
    else:
        raise AssertionError(view)
    due_known = [r for r in candidates if r.resolution_due_at is not None]
    assert len(due_known) in (0, len(candidates))  # no NULL due date to sort (the database decides where those go)
    return min(candidates, key=lambda r: (r.resolution_due_at or r.created_at, r.created_at)).reference


INBOX_URLS = {
    "mine": "?view=mine", "unassigned": "?view=unassigned", "waiting": "?view=waiting",
    "breaching": "?view=breaching", "all": "?view=all", "resolved": "?view=resolved",
    "queue": "?view=all&queue=complaints", "search": "?view=all&q=invoice",
}


@pytest.mark.parametrize("name", list(INBOX_URLS))
def test_the_inbox_does_not_grow_with_the_number_of_requests(client_as, count_queries, desk, agent, name):
    url = "/shop/dashboard/support/" + INBOX_URLS[name]
    client = client_as("support")
    bulk_requests(desk, 50)
    few, _ = count_queries(client, url, INBOX_BUDGET)

    bulk_requests(desk, 950, start=50)
    assert SupportRequest.objects.count() == 1000
    many, response = count_queries(client, url, INBOX_BUDGET)

    assert many == few
    html = response.content.decode()
    now = timezone.now()
    counts = view_counts(html)
    assert counts == expected_counts(agent, now)
    assert min(counts.values()) > 0
    assert html.count("<tr data-reference=") == min(50, response.context["paginator"].count)
    view = response.context["view_name"]
    queue = Queue.objects.get(slug="complaints") if name == "queue" else None
    search = "invoice" if name == "search" else ""
    shown = inbox(view=view, user=agent, queue=queue, search=search, now=now)
    assert f"{shown.count()} request{'s' if shown.count() != 1 else ''}" in html
    if name in ("mine", "unassigned", "waiting", "resolved"):
        assert first_reference(html) == expected_first(name, agent, now)
    else:
        assert first_reference(html) == shown.first().reference
    if name == "queue":
        assert shown.count() == SupportRequest.objects.filter(
            queue__slug="complaints", status__in=SupportRequest.UNRESOLVED_STATUSES).count()
        assert re.search(r'data-queue="complaints">Complaints and feedback <span class="badge badge-light">'
                         rf"{shown.count()}</span>", html)
    if name == "search":
        assert shown.count() == SupportRequest.objects.filter(subject__startswith="Invoice",
                                                 status__in=SupportRequest.UNRESOLVED_STATUSES).count() > 0
        assert "Delivery question" not in html


def test_all_open_starts_with_the_soonest_due_not_with_waiting_requests(client_as, desk):
    bulk_requests(desk, 60)

    html = client_as("support").get("/shop/dashboard/support/?view=all").content.decode()

    soonest = SupportRequest.objects.filter(status__in=SupportRequest.UNRESOLVED_STATUSES,
                                            resolution_due_at__isnull=False).order_by(
        "resolution_due_at", "created_at").first()
    assert first_reference(html) == soonest.reference


def add_conversation(request, *, agent, customer, count, start=0):
    """Replies, notes (every fourth) and attachments (every third message has two) after what is there."""
    roles = cycle([Author.CUSTOMER, Author.STAFF, Author.STAFF, "note"])
    messages = []
    for i, role in enumerate(islice(roles, start, start + count), start=start):
        staff = role != Author.CUSTOMER
        messages.append(Message(
            request=request, author_role=Author.STAFF if staff else Author.CUSTOMER,
            author=agent if staff else customer, author_name="Sofia Support" if staff else "Sam Shopper",
            is_internal=role == "note", body=f"Conversation message {i}",
            created_at=request.created_at + timedelta(minutes=i + 1)))
    made = Message.objects.bulk_create(messages)
    Attachment.objects.bulk_create(
        Attachment(message=m, file=f"2024/01/photo-{m.pk}-{k}.jpg", filename=f"photo-{m.pk}-{k}.jpg",
                   content_type="image/jpeg", size=2048) for m in made if m.body.endswith(("0", "3", "6", "9"))
        for k in range(2))
    RequestEvent.objects.bulk_create(
        RequestEvent(request=request, actor=agent, actor_name="Sofia Support", field="priority", old_value="Normal",
                     new_value="High", created_at=request.created_at + timedelta(minutes=i))
        for i in range(start, start + count))


def test_the_request_screen_does_not_grow_with_the_conversation(client_as, count_queries, desk, agent, shopper):
    version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    order = paid_order(version, user=shopper)
    request = services.open_request(kind=Kind.ORDER_QUESTION, subject="Where is my sneaker?", body="Hello, any news?",
                                    email=shopper.email, customer=shopper, name=shopper.get_full_name(), order=order,
                                    line=order.lines.get(), notify=False)
    services.change_request(request, actor=agent, assignee=agent, status=Status.OPEN)
    bulk_requests(desk, 40)  # the shopper's other open requests, for the customer panel
    url = f"/shop/dashboard/support/requests/{request.reference}/"
    client = client_as("support")
    add_conversation(request, agent=agent, customer=shopper, count=2)
    few, _ = count_queries(client, url, REQUEST_SCREEN_BUDGET)

    add_conversation(request, agent=agent, customer=shopper, count=28, start=2)
    assert request.messages.count() == 31 and Attachment.objects.filter(message__request=request).count() >= 16
    many, response = count_queries(client, url, REQUEST_SCREEN_BUDGET)

    assert many == few
    html = response.content.decode()
    assert f"{request.reference}: Where is my sneaker?" in html
    assert html.count('data-message="') == 31
    assert html.count('data-message="note"') == 7
    assert "Hello, any news?" in html and "Conversation message 29" in html
    assert html.count("/shop/dashboard/support/files/") == Attachment.objects.filter(message__request=request).count()
    assert f"Order <a href=\"/shop/dashboard/orders/{order.number}/\">{order.number}</a>" in html
    assert f'data-order-line="{request.line_id}"' in html and "This request is about this item." in html
    assert "Other open requests:" in html


def test_my_account_support_does_not_grow_with_the_number_of_requests(client_as, count_queries, desk, shopper):
    client = client_as("shopper")
    customers = desk["customers"]
    desk["customers"] = [shopper]
    bulk_requests(desk, 20)
    few, _ = count_queries(client, "/shop/accounts/support/", ACCOUNT_LIST_BUDGET)

    bulk_requests(desk, 180, start=20)
    desk["customers"] = customers
    bulk_requests(desk, 100, start=200)  # other people's: never shown
    mine = SupportRequest.objects.filter(customer=shopper)
    assert mine.count() > 200
    many, response = count_queries(client, "/shop/accounts/support/", ACCOUNT_LIST_BUDGET)

    assert many == few
    html = response.content.decode()
    rows = re.findall(r'<a href="/shop/accounts/support/(\w+)/">(R-\d+)</a>', html)
    assert len(rows) == mine.count()
    assert rows[0][1] == mine.order_by("-updated_at").first().reference
    assert {reference for _, reference in rows} == set(mine.values_list("reference", flat=True))
    assert "Waiting for your reply" in html
    linked = mine.filter(order__isnull=False).first()
    assert f"Order {linked.order.number}" in html
