"""The order page when an item is made again: the ordered items' timeline stays theirs (counted, dated and promised
as ordered), and each remake is listed apart, with why it is made again and its own ship date."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from configurator.production.models import Status, WorkOrder, WorkOrderEvent
from configurator.production.services import create_remake, move_work_orders
from shop.dates import long_date

STEPS_TO_SHIP = ("in_production", "quality_check", "done", "shipped")


def make(numbers, *, to, by, callbacks, tracking_number="323299900012"):
    """Move these work orders through the workshop up to ``to`` (shipped in a bpost parcel)."""
    for status in STEPS_TO_SHIP[:STEPS_TO_SHIP.index(to) + 1]:
        with callbacks(execute=True):
            result = move_work_orders(numbers=numbers, to_status=status, by=by, carrier="bpost",
                                      tracking_number=tracking_number)
        assert not result.refused, result.refused


def text_of(fragment):
    """What a reader sees of an HTML fragment: its text, on one line."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def remakes_listed(page):
    """[text of each remake's line] in the order page's timeline."""
    return [text_of(item) for item in re.findall(r"<li data-remake=[^>]*>(.*?)</li>", page, re.S)]


def step(page, label):
    """The <li> of one step of the timeline."""
    return re.search(rf'<li class="production-timeline__step[^"]*"[^>]*>\s*<span class="production-timeline__label">'
                     rf"{label}</span>(.*?)</li>", page, re.S).group(0)


@pytest.fixture
def shipped_and_remade(place_order, demo_user, django_capture_on_commit_callbacks):
    """shipped_and_remade(quantity=1) → (order, its original work orders, the remake of unit 1): the shopper's
    order, unit 1 made and shipped, returned for its fit and queued to be made again; the other units queued."""

    def order_of(quantity=1, cause="Size or fit"):
        order = place_order(quantity=quantity, user=demo_user("shopper"))
        originals = list(order.work_orders.order_by("unit"))
        make([originals[0].number], to="shipped", by=demo_user("production"),
             callbacks=django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            remake = create_remake(work_order=originals[0], cause=cause, by=demo_user("support"))
        return order, [WorkOrder.objects.get(pk=w.pk) for w in originals], WorkOrder.objects.get(pk=remake.pk)

    return order_of


def order_page(client, order):
    return client.get(reverse("customer:order", kwargs={"order_number": order.number})).content.decode()


def test_a_shipped_item_being_made_again_keeps_its_timeline_and_the_remake_has_its_own_date(shipped_and_remade,
                                                                                           client_as):
    order, (original,), remake = shipped_and_remade()
    page = order_page(client_as("shopper"), order)

    # one pair was ordered: the page says so, and the steps are the pair's, all reached on its own dates
    assert "items are made for this order" not in page
    assert not re.search(r"\(1 of 1\): (Shipped|Queued)", page)
    assert page.count("production-timeline__step is-done") == 4 and 'aria-current="step"' not in page
    reached = {event.to_status: event.at for event in WorkOrderEvent.objects.filter(work_order=original)}
    for label, status in (("In production", Status.IN_PRODUCTION), ("Quality check", Status.QUALITY_CHECK),
                          ("Shipped", Status.SHIPPED)):
        assert f'<time datetime="{timezone.localtime(reached[status]).isoformat()}">' in step(page, label), label
    assert "in progress since" not in page and "to come" not in page

    # the remake, listed apart: why, where it is and its own date, never called the date promised at checkout
    ships_by = long_date(remake.estimated_ship_date)
    assert remakes_listed(page) == [
        f"Remake of The Atelier Sneaker Being made again (size or fit): Queued — ships by {ships_by} "
        "(the date we gave you for the remake)"]
    assert "(as promised when you ordered)" not in page and "we first gave you" not in page
    estimate = text_of(re.search(r'<p class="production-timeline__estimate">(.*?)</p>', page, re.S).group(1))
    assert estimate == f"Estimated ship date of your remake: {ships_by}"
    assert f'datetime="{remake.estimated_ship_date.isoformat()}"' in page


def test_the_promise_made_at_checkout_stays_with_the_items_ordered(shipped_and_remade, client_as):
    order, originals, remake = shipped_and_remade(quantity=2, cause="Colour or material not as expected")
    page = order_page(client_as("shopper"), order)

    assert "2 items are made for this order" in page
    assert "The Atelier Sneaker (1 of 2): Shipped" in page and "The Atelier Sneaker (2 of 2): Queued" in page
    assert page.count("The Atelier Sneaker (1 of 2)") == 1  # the remake is not one more item
    # still to ship of what was ordered: the second pair, on the date given at checkout
    second = originals[1]
    estimate = text_of(re.search(r'<p class="production-timeline__estimate" data-ship-date-headline>(.*?)</p>', page,
                                 re.S).group(1))
    assert estimate == f"Ships by {long_date(second.estimated_ship_date)} (as promised when you ordered)"
    assert remakes_listed(page) == [
        f"Remake of The Atelier Sneaker (unit 1 of 2) Being made again (colour or material not as expected): Queued "
        f"— ships by {long_date(remake.estimated_ship_date)} (the date we gave you for the remake)"]


def test_a_remake_running_late_says_so_against_its_own_date(shipped_and_remade, client_as):
    order, _, remake = shipped_and_remade()
    promised = remake.promised_ship_date
    WorkOrder.objects.filter(pk=remake.pk).update(estimated_ship_date=promised + timezone.timedelta(days=3))
    page = order_page(client_as("shopper"), order)
    (listed,) = remakes_listed(page)
    assert listed.endswith(f"(later than the {long_date(promised)} we gave you for the remake: we are sorry for the "
                           "wait)")
    assert "(as promised when you ordered)" not in page and "That is later than the" not in page


def test_a_shipped_remake_says_when_it_left_and_which_parcel_is_which(shipped_and_remade, client_as, demo_user,
                                                                      django_capture_on_commit_callbacks):
    order, _, remake = shipped_and_remade()
    make([remake.number], to="shipped", by=demo_user("production"), callbacks=django_capture_on_commit_callbacks,
         tracking_number="323299900099")  # a parcel of its own
    page = order_page(client_as("shopper"), order)
    shipped_on = long_date(timezone.localdate())
    assert remakes_listed(page) == [f"Remake of The Atelier Sneaker Made again (size or fit): Shipped on {shipped_on}"]
    assert "Estimated ship date" not in page and "ships by" not in page.lower()
    parcels = [text_of(parcel) for parcel in re.findall(r"<li data-parcel>(.*?)</li>", page, re.S)]
    assert len(parcels) == 2
    assert parcels[0].endswith("(The Atelier Sneaker, 1 of 1)")
    assert parcels[1].endswith("(the remake of The Atelier Sneaker, 1 of 1)")


def test_staff_still_see_every_work_order_of_the_order_remakes_marked(shipped_and_remade, client_as):
    order, (original,), remake = shipped_and_remade()
    page = client_as("production").get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    rows = re.findall(r"<tr[^>]*>\s*<td>(.*?)</tr>", page.content.decode(), re.S)
    texts = [text_of(row) for row in rows if "Atelier Sneaker" in row]
    assert texts[0].startswith(f"{original.number} The Atelier Sneaker (1 of 1) Shipped")
    assert texts[1].startswith(f"{remake.number} The Atelier Sneaker (1 of 1) Remake (Size or fit) Queued")


def test_the_order_page_costs_the_same_with_remakes_or_without(shipped_and_remade, place_order, demo_user,
                                                               client_as, django_assert_max_num_queries):
    client = client_as("shopper")
    plain = place_order(quantity=3, user=demo_user("shopper"))
    one, _, _ = shipped_and_remade(quantity=3)
    three, originals, remake = shipped_and_remade(quantity=3)
    for unit in originals[1:]:
        create_remake(work_order=unit, cause="Faulty or damaged")
    create_remake(work_order=remake, cause="Size or fit")  # made again twice
    counts = []
    for order in (plain, one, three):
        order_page(client, order)
        with django_assert_max_num_queries(28) as captured:
            page = order_page(client, order)
        assert "Making your order" in page
        counts.append(len(captured))
    assert counts[0] == counts[1] == counts[2], counts
    assert len(remakes_listed(page)) == 4
