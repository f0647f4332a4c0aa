"""Shipping a unit: the parcel's carrier and tracking number are required and kept, Oscar records the shipping
event for the order lines, the customer is e-mailed the tracking link by name, and the order page shows it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from configurator.production.models import WorkOrder
from configurator.production.services import move_work_orders

BPOST = "https://track.bpost.cloud/btr/web/#/search?itemCode=323299900012&lang=en"


@pytest.fixture
def ready_to_ship(place_order, demo_user, django_capture_on_commit_callbacks):
    """ready_to_ship(quantity=2, user=...) → an order whose units are all done (passed their quality check)."""

    def make(quantity=2, user=None):
        order = place_order(quantity=quantity, user=user)
        numbers = list(order.work_orders.order_by("unit").values_list("number", flat=True))
        with django_capture_on_commit_callbacks(execute=True):
            for status in ("in_production", "quality_check", "done"):
                move_work_orders(numbers=numbers, to_status=status, by=demo_user("production"))
        mail.outbox.clear()
        return order, numbers

    return make


def ship(numbers, carrier, tracking_number, by, callbacks):
    with callbacks(execute=True):
        return move_work_orders(numbers=numbers, to_status="shipped", by=by, carrier=carrier,
                                tracking_number=tracking_number)


@pytest.mark.parametrize("carrier, tracking_number, reason", [
    ("", "", "needs the carrier and the parcel's tracking number"),
    ("bpost", "", "needs the carrier and the parcel's tracking number"),
    ("pigeon", "323299900012", "can't go with “pigeon”: we ship with bpost, DHL, DPD, UPS"),
    ("bpost", '12"><script>alert(1)</script>', "needs a tracking number of 6 to 40 letters and digits"),
    ("bpost", "1234", "needs a tracking number of 6 to 40 letters and digits"),
])
def test_shipping_needs_the_carrier_and_a_tracking_number(ready_to_ship, demo_user, carrier, tracking_number,
                                                          reason, django_capture_on_commit_callbacks):
    order, numbers = ready_to_ship()
    result = ship(numbers, carrier, tracking_number, demo_user("production"), django_capture_on_commit_callbacks)
    assert not result.moved
    assert [number for number, _ in result.refused] == numbers
    assert all(message.startswith(f"Shipping {number} {reason}") for number, message in result.refused)
    assert set(WorkOrder.objects.filter(order=order).values_list("status", "carrier", "tracking_number")) == {
        ("done", "", "")}
    assert not order.shipping_events.exists() and not mail.outbox


def test_shipping_keeps_the_parcel_records_oscars_shipping_event_and_emails_the_tracking_link(
        ready_to_ship, demo_user, django_capture_on_commit_callbacks):
    shopper = demo_user("shopper")
    order, (first, second) = ready_to_ship(quantity=2, user=shopper)
    planner = demo_user("production")
    line = order.lines.get()

    result = ship([first], "bpost", "3232 9990-0012", planner, django_capture_on_commit_callbacks)
    assert [w.number for w in result.moved] == [first]
    shipped = WorkOrder.objects.get(number=first)
    assert (shipped.status, shipped.carrier, shipped.tracking_number) == ("shipped", "bpost", "323299900012")
    assert shipped.tracking_url == BPOST
    (event,) = order.shipping_events.all()
    assert event.event_type.name == "Shipped" and "bpost 323299900012" in event.notes
    assert list(event.line_quantities.values_list("line_id", "quantity")) == [(line.pk, 1)]
    line.refresh_from_db()
    assert line.shipping_status == "Shipped (1/2 items)"
    (message,) = mail.outbox
    assert message.to == [shopper.email] and message.subject == f"Part of your order {order.number} has shipped"
    assert "Hello Sam," in message.body and "tracking number 323299900012" in message.body and BPOST in message.body
    html = message.alternatives[0][0]
    assert f'<a href="{BPOST}">Follow your parcel with bpost</a>'.replace("&", "&amp;") in html

    mail.outbox.clear()
    ship([second], "dhl", "JD014600006281230704", planner, django_capture_on_commit_callbacks)
    order.refresh_from_db()
    assert order.status == "Shipped"
    assert order.shipping_events.count() == 2
    line.refresh_from_db()
    assert line.shipping_status == "Shipped"
    (message,) = mail.outbox
    assert message.subject == f"Your order {order.number} has shipped" and "Hello Sam," in message.body
    assert "tracking-id=JD014600006281230704" in message.body and "DHL" in message.body


def test_the_order_page_shows_the_parcels_and_stops_giving_a_ship_date_once_everything_shipped(
        ready_to_ship, demo_user, client_as, django_capture_on_commit_callbacks):
    order, (first, second) = ready_to_ship(quantity=2, user=demo_user("shopper"))
    planner = demo_user("production")
    client = client_as("shopper")
    url = reverse("customer:order", kwargs={"order_number": order.number})
    page = client.get(url).content.decode()
    assert "data-ship-date-headline" in page and "data-parcels" not in page

    ship([first], "bpost", "323299900012", planner, django_capture_on_commit_callbacks)
    page = client.get(url).content.decode()
    assert "data-ship-date-headline" in page  # the second item is still to ship
    assert "tracking number <code>323299900012</code>" in page
    assert f'href="{BPOST.replace("&", "&amp;")}"' in page

    ship([second], "ups", "1Z999AA10123456784", planner, django_capture_on_commit_callbacks)
    page = client.get(url).content.decode()
    assert "data-ship-date-headline" not in page and "ships by" not in page.lower()
    parcels = re.findall(r"<li data-parcel>(.*?)</li>", page, re.S)
    assert len(parcels) == 2 and "bpost" in parcels[0] and "UPS" in parcels[1]
    assert 'href="https://www.ups.com/track?loc=en_BE&amp;tracknum=1Z999AA10123456784"' in parcels[1]


def test_a_guest_sees_the_parcel_on_the_order_page_of_their_link(ready_to_ship, demo_user,
                                                                  django_capture_on_commit_callbacks, client):
    order, numbers = ready_to_ship(quantity=1)
    ship(numbers, "dpd", "01234567890123", demo_user("production"), django_capture_on_commit_callbacks)
    assert mail.outbox and mail.outbox[0].to == ["guest@example.com"]
    kwargs = {"order_number": order.number, "hash": order.verification_hash()}
    # Oscar asks a guest for the order's e-mail address before showing it
    page = client.post(reverse("customer:anon-order-form", kwargs=kwargs), {"email": "guest@example.com"},
                       follow=True).content.decode()
    assert "Making your order" in page
    assert 'href="https://tracking.dpd.de/status/en_US/parcel/01234567890123"' in page
    assert "Estimated ship date" not in page


def test_planners_give_the_parcel_when_they_ship_from_the_queue_or_the_work_order(
        ready_to_ship, client_as, django_capture_on_commit_callbacks):
    order, (first, second) = ready_to_ship(quantity=2)
    client = client_as("production")
    work_order_url = reverse("dashboard:production-work-order", kwargs={"number": first})
    page = client.get(work_order_url).content.decode()
    assert 'name="carrier"' in page and 'name="tracking_number"' in page and "Move to Shipped" in page
    move = reverse("dashboard:production-move")
    refused = client.post(move, {"numbers": [first], "to_status": "shipped", "next": work_order_url}, follow=True)
    assert f"Shipping {first} needs the carrier and the parcel&#x27;s tracking number." in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(move, {"numbers": [first, second], "to_status": "shipped", "carrier": "bpost",
                                  "tracking_number": "323299900012", "next": work_order_url}, follow=True)
    page = done.content.decode()
    assert f"Moved to Shipped: {first}, {second}." in page
    assert re.search(r'id="work-order-parcel">bpost <code>323299900012</code>', page)
    assert set(WorkOrder.objects.filter(order=order).values_list("tracking_number", flat=True)) == {"323299900012"}
    queue = client.get(reverse("dashboard:production-queue"), {"status": ""}).content.decode()
    assert 'name="tracking_number"' in queue
