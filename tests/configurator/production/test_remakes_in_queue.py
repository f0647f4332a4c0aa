"""The workshop sees remakes for what they are: flagged in the queue (ahead of the rest) with their cause and a
link to the unit they remake, counted by cause above the queue, and linked both ways on the work order's page."""

import re

import pytest
from django.urls import reverse

from configurator.production.models import Status, WorkOrder
from configurator.production.services import create_remake

pytestmark = pytest.mark.django_db
QUEUE = reverse("dashboard:production-queue")


def remake_of(order, cause, by=None):
    return create_remake(work_order=order.work_orders.first(), cause=cause, by=by)


def test_a_remake_is_flagged_first_in_the_queue_with_its_cause_and_original(client_as, place_order):
    place_order(quantity=2)
    order = place_order()
    remake = remake_of(order, "Size or fit")
    original = remake.remake_of

    html = client_as("production").get(QUEUE).content.decode()
    rows = re.findall(r'<input type="checkbox" name="numbers" value="([^"]+)"', html)
    assert rows[0] == remake.number and len(rows) == WorkOrder.objects.filter(
        status__in=WorkOrder.OPEN_STATUSES).count()
    row = html.split(f'value="{remake.number}"')[1].split("</tr>")[0]
    assert f'data-remake="{remake.number}"' in row and "Size or fit" in row
    assert f'href="{reverse("dashboard:production-work-order", kwargs={"number": original.number})}"' in row
    plain = html.split(f'value="{original.number}"')[1].split("</tr>")[0]
    assert "data-remake" not in plain


def test_remakes_are_counted_by_cause_above_the_queue_and_can_be_shown_alone(client_as, place_order):
    first, second, third = place_order(), place_order(), place_order()
    remake_of(first, "Size or fit")
    remake_of(second, "Size or fit")
    shipped = remake_of(third, "Faulty or damaged")
    WorkOrder.objects.filter(pk=shipped.pk).update(status=Status.SHIPPED)
    cancelled = remake_of(third, "Changed mind")
    WorkOrder.objects.filter(pk=cancelled.pk).update(status=Status.CANCELLED)

    client = client_as("production")
    summary = client.get(QUEUE).content.decode().split('id="remake-causes"')[1].split("</section>")[0]
    causes = re.findall(r'data-remake-cause="([^"]+)"><strong>(\d+)</strong>', summary)
    assert causes == [("Size or fit", "2"), ("Faulty or damaged", "1")]  # the most frequent first; none cancelled
    assert "(2 still to ship)" in summary and "Changed mind" not in summary

    only = client.get(QUEUE + "?status=&remakes=on").content.decode()
    shown = re.findall(r'<input type="checkbox" name="numbers" value="([^"]+)"', only)
    assert sorted(shown) == sorted(WorkOrder.objects.filter(remake_of__isnull=False).values_list("number",
                                                                                                  flat=True))


def test_no_remakes_no_summary(client_as, place_order):
    place_order()
    assert 'id="remake-causes"' not in client_as("production").get(QUEUE).content.decode()


def test_the_work_order_page_links_a_remake_and_its_original_both_ways(client_as, place_order, demo_user):
    order = place_order()
    remake = remake_of(order, "Faulty or damaged", by=demo_user("support"))
    client = client_as("production")
    page = client.get(reverse("dashboard:production-work-order", kwargs={"number": remake.number})).content.decode()
    row = page.split('id="work-order-remake"')[1].split("</tr>")[0]
    assert remake.remake_of.number in row and "Faulty or damaged" in row
    page = client.get(reverse("dashboard:production-work-order",
                              kwargs={"number": remake.remake_of.number})).content.decode()
    assert remake.number in page.split('id="work-order-remakes"')[1].split("</tr>")[0]
    history = page.split('id="work-order-history"')[1]
    assert "Remake of" not in history  # the original's own history is untouched


def test_the_queue_costs_the_same_with_one_remake_or_thirty(client_as, place_order, django_assert_max_num_queries):
    orders = [place_order(quantity=3) for _ in range(10)]
    client = client_as("production")

    def count():
        client.get(QUEUE)
        with django_assert_max_num_queries(15) as queries:
            assert client.get(QUEUE).status_code == 200
        return len(queries)

    remake_of(orders[0], "Size or fit")
    few = count()
    for order in orders:
        for work_order in order.work_orders.filter(remake_of__isnull=True):
            create_remake(work_order=work_order, cause="Faulty or damaged")
    assert WorkOrder.objects.filter(remake_of__isnull=False).count() == 31
    assert count() == few
