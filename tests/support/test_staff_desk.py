"""Support agents work requests in the dashboard: inbox views, one request screen, macros, a log of every
change, calls and visits logged as requests, and routing to specialised queues."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from configurator.models import ConfigurableProduct
from configurator.production.selectors import order_ship_date
from support.models import Kind, Macro, Queue, RoutingRule, SupportRequest
from support.services import IllegalChange, add_customer_reply, add_staff_reply, change_request
from tests.orders import SNEAKER, paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def shopper_order(demo_user):
    version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    return paid_order(version, SNEAKER, user=demo_user("shopper"))


STAFF_PAGES = [
    ("get", "/shop/dashboard/support/"), ("get", "/shop/dashboard/support/log/"),
    ("get", "/shop/dashboard/support/requests/{ref}/"), ("post", "/shop/dashboard/support/requests/{ref}/messages/"),
    ("post", "/shop/dashboard/support/requests/{ref}/properties/"),
    ("post", "/shop/dashboard/support/requests/{ref}/take/"),
    ("get", "/shop/dashboard/support/macros/"), ("get", "/shop/dashboard/support/macros/new/"),
    ("get", "/shop/dashboard/support/reports/"), ("get", "/shop/dashboard/support/reports/satisfaction.csv"),
]


@pytest.mark.parametrize("method,url", STAFF_PAGES)
def test_every_staff_page_requires_the_support_permission(client_as, new_request, method, url):
    request = new_request()
    url = url.format(ref=request.reference)
    for role in ("shopper", "merch", "production"):
        response = getattr(client_as(role), method)(url)
        assert response.status_code == 403, (role, url)
    anonymous = getattr(client_as(None), method)(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    request.refresh_from_db()
    assert request.messages.count() == 1 and request.assignee is None


def test_inbox_views_mine_unassigned_waiting_and_by_queue(client_as, new_request, demo_user):
    agent = demo_user("support")
    mine = new_request(subject="Assigned to Sofia")
    change_request(mine, actor=agent, assignee=agent)
    unassigned = new_request(subject="Nobody has this")
    waiting = new_request(subject="Waiting for photos")
    change_request(waiting, actor=agent, assignee=agent, status="waiting")
    advice = new_request(subject="Which frame size?", kind="product")
    client = client_as("support")

    def references(query):
        page = client.get(f"/shop/dashboard/support/?{query}").content.decode()
        return {r.reference for r in (mine, unassigned, waiting, advice) if f'data-reference="{r.reference}"' in page}

    assert references("view=mine") == {mine.reference}
    assert references("view=unassigned") == {unassigned.reference, advice.reference}
    assert references("view=waiting") == {waiting.reference}
    assert references("view=all&queue=product-advice") == {advice.reference}
    assert references(f"view=all&q={advice.reference}") == {advice.reference}
    assert client.get("/shop/dashboard/support/?queue=no-such-queue").status_code == 404


def test_request_screen_shows_customer_panel_and_the_linked_orders_configuration(
        client_as, new_request, shopper_order):
    line = shopper_order.lines.get()
    request = new_request(order=shopper_order, line=line, subject="About my sneakers")
    new_request(subject="Another open question")
    page = client_as("support").get(f"/shop/dashboard/support/requests/{request.reference}/").content.decode()
    assert "Sam Shopper" in page  # the customer's name
    assert "<strong>1</strong> order" in page  # lifetime orders (the paid one)
    assert "Another open question" in page  # their other open requests
    assert f'data-order-line="{line.pk}"' in page and "<svg" in page  # the configuration with its preview
    assert "Terracotta" in page  # an option of the configuration
    ship_date = order_ship_date(shopper_order)
    assert ship_date is not None and f"{ship_date:%B}" in page  # production's estimated ship date
    assert "This request is about this item." in page


def test_reply_note_status_and_assignment_are_logged_and_the_customer_is_emailed(
        client_as, new_request, django_capture_on_commit_callbacks):
    request = new_request()
    client = client_as("support")
    url = f"/shop/dashboard/support/requests/{request.reference}/"
    client.post(url + "messages/", {"kind": "note", "message": "Check with the workshop first"})
    assert mail.outbox == []  # notes are never sent
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url + "messages/", {"kind": "reply", "message": "It ships Friday.",
                                                   "status_after": "waiting"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "waiting" and request.assignee.email == "support@atelier.example"
    assert request.first_responded_at is not None and request.first_response_minutes is not None
    assert len(mail.outbox) == 1 and "It ships Friday." in mail.outbox[0].body
    assert "Check with the workshop" not in mail.outbox[0].body
    client.post(url + "properties/", {"assignee": "", "queue": Queue.objects.get(slug="complaints").pk,
                                      "priority": "urgent", "status": "waiting", "kind": "complaint",
                                      "cause": "late", "team": "delivery"})
    request.refresh_from_db()
    assert (request.priority, request.kind, request.cause, request.queue.slug, request.assignee) == (
        "urgent", "complaint", "late", "complaints", None)
    log = client.get(url).content.decode()
    for change in ("assignee", "status", "priority", "queue", "kind", "cause", "team"):
        assert f"<td>{change}</td>" in log
    assert "Sofia" in log and "Urgent" in log and "Waiting on customer" in log


def test_an_illegal_status_change_is_refused_and_changes_nothing(client_as, new_request, demo_user):
    request = new_request()
    agent = demo_user("support")
    change_request(request, actor=agent, status="closed")
    with pytest.raises(IllegalChange):
        change_request(request, actor=agent, status="open")
    response = client_as("support").post(f"/shop/dashboard/support/requests/{request.reference}/properties/", {
        "priority": "normal", "status": "open", "kind": "order"})
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.status == "closed"


@pytest.mark.parametrize("macro", ["¹", "١", "99999999999999999999999"])
def test_a_macro_that_is_not_an_id_shows_the_request_without_a_macro(client_as, new_request, macro):
    request = new_request()
    response = client_as("support").get(f"/shop/dashboard/support/requests/{request.reference}/", {"macro": macro})
    assert response.status_code == 200
    assert response.content.decode().split('name="message"')[1].split("</textarea>")[0].strip().endswith(">")


def test_a_macro_fills_the_reply_with_the_customers_name_order_and_ship_date(
        client_as, new_request, shopper_order):
    request = new_request(order=shopper_order)
    macro = Macro.objects.get(name="Ship date")
    client = client_as("support")
    page = client.get(f"/shop/dashboard/support/requests/{request.reference}/?macro={macro.pk}").content.decode()
    ship_date = order_ship_date(shopper_order)
    assert f"Hello Sam,\n\nYour order {shopper_order.number} is on schedule: we expect it to ship on " \
           f"{ship_date:%A} {ship_date.day} {ship_date:%B %Y}" in page  # "Thursday 3 December", never "03"
    assert "{{" not in page.split('name="message"')[1].split("</textarea>")[0]
    client.post(f"/shop/dashboard/support/requests/{request.reference}/messages/", {
        "kind": "reply", "message": "Hello Sam, it ships soon", "macro": macro.pk, "status_after": "resolved"})
    macro.refresh_from_db()
    request.refresh_from_db()
    assert macro.usage_count == 1 and request.status == "resolved"


def test_macros_with_unknown_variables_are_refused(client_as):
    client = client_as("support")
    response = client.post("/shop/dashboard/support/macros/new/", {
        "name": "Broken", "body": "Hello {{ first_name }} {{ password }}", "set_status": "", "is_active": "on"})
    assert response.status_code == 200 and "Unknown variable: password" in response.content.decode()
    assert not Macro.objects.filter(name="Broken").exists()
    client.post("/shop/dashboard/support/macros/new/", {"name": "Hello", "body": "Hello {{ first_name }}",
                                                        "set_status": "", "is_active": "on"})
    assert Macro.objects.filter(name="Hello").exists()


def test_a_phone_call_is_logged_as_a_request_linked_to_the_account_and_order(
        client_as, shopper_order, django_capture_on_commit_callbacks):
    client = client_as("support")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/shop/dashboard/support/log/", {
            "channel": "phone", "email": "SHOPPER@atelier.example", "name": "Sam Shopper",
            "order_number": shopper_order.number, "kind": "scheduling", "priority": "high",
            "subject": "Called about delivery", "message": "Asked whether it can ship before Christmas."})
    request = SupportRequest.objects.get(subject="Called about delivery")
    assert response["Location"] == f"/shop/dashboard/support/requests/{request.reference}/"
    assert (request.channel, request.customer.email, request.order, request.logged_by.email) == (
        "phone", "shopper@atelier.example", shopper_order, "support@atelier.example")
    assert "logged by" in request.messages.get().author_name
    assert mail.outbox[-1].body.startswith("Hello Sam,")
    bad = client.post("/shop/dashboard/support/log/", {
        "channel": "post", "email": "someone@example.com", "name": "Someone", "order_number": shopper_order.number,
        "kind": "order", "priority": "normal", "subject": "Letter", "message": "A letter about an order"})
    assert "belongs to shopper@atelier.example" in bad.content.decode()
    assert not SupportRequest.objects.filter(subject="Letter").exists()
    unknown = client.post("/shop/dashboard/support/log/", {
        "channel": "post", "email": "someone@example.com", "name": "Someone", "order_number": "999999",
        "kind": "order", "priority": "normal", "subject": "Letter", "message": "A letter about an order"})
    assert "There is no order 999999" in unknown.content.decode()


def test_routing_rules_choose_queue_and_priority(new_request, shopper_order):
    complaint = new_request(kind="complaint")
    assert (complaint.queue.slug, complaint.priority) == ("complaints", "high")
    other = new_request(kind="other")
    assert other.queue.slug == "orders"  # the default queue
    sneaker = shopper_order.lines.get().product
    RoutingRule.objects.create(queue=Queue.objects.get(slug="product-advice"), position=0, product=sneaker,
                               channel="phone")
    by_phone = new_request(kind="order", order=shopper_order, channel="phone")
    by_web = new_request(kind="order", order=shopper_order, channel="web")
    assert (by_phone.queue.slug, by_web.queue.slug) == ("product-advice", "orders")
    assert f"→ {by_phone.queue.name}" in by_phone.events.get(field="created").new_value


def test_a_customer_reply_reopens_and_a_closed_request_gets_a_follow_up(new_request, demo_user):
    request = new_request()
    agent = demo_user("support")
    add_staff_reply(request, agent=agent, body="Done.", status="resolved")
    request, _ = add_customer_reply(request, body="Not quite, the laces are missing", author=demo_user("shopper"))
    assert request.status == "open" and request.reopen_count == 1
    change_request(request, actor=agent, status="closed")
    follow_up, message = add_customer_reply(request, body="Still missing laces")
    assert follow_up.pk != request.pk and follow_up.subject.startswith(f"Follow-up to {request.reference}")
    assert follow_up.order == request.order and message.body == "Still missing laces"
    request.refresh_from_db()
    assert request.status == "closed"


def test_a_request_is_written_once_with_its_reference_and_numbers_follow_on(db):
    with CaptureQueriesContext(connection) as writes:
        first = SupportRequest.objects.create(kind=Kind.PRODUCT_QUESTION, subject="Sizes?",
                                              email="ann@example.com")
    second = SupportRequest.objects.create(kind=Kind.PRODUCT_QUESTION, subject="Laces?",
                                           email="ann@example.com")
    touching = [q["sql"] for q in writes.captured_queries if "support_supportrequest" in q["sql"]]
    assert len(touching) == 1 and touching[0].startswith("INSERT")  # no temporary reference, no second write
    assert first.reference.startswith("R-") and int(second.reference[2:]) == int(first.reference[2:]) + 1
    assert SupportRequest.objects.get(pk=first.pk).reference == first.reference
