"""A loyalty tier's free express slot: its customers' units are planned after the remakes and ahead of the ordinary
queue, and the ship date they see before buying (configurator page and state, basket) is the date their order gets."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from configurator.presenter import configuration_state
from configurator.production.announcements import announce_ship_dates
from configurator.production.models import ShipDateNotice, WorkOrder, Workstation
from configurator.production.planning import open_work_orders, reschedule
from configurator.production.services import create_remake
from configurator.services import add_configuration_to_basket, save_configuration
from configurator.shoppers import Shopper
from tests.configurator.test_api import STATE, post
from tests.orders import SNEAKER

pytestmark = pytest.mark.django_db
Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")


@pytest.fixture
def busy_queue(place_order):
    """One sneaker's sewing a day (a part-time sewer) and twelve ordinary units already paid for: weeks of work."""
    sewing = Workstation.objects.get(code="sewing")
    sewing.daily_capacity_minutes = 120  # the sneaker takes 75 + 45 minutes of sewing
    sewing.save()
    return [place_order(quantity=4) for _ in range(3)]


def ship_dates(orders):
    return dict(WorkOrder.objects.filter(order__in=orders).values_list("pk", "estimated_ship_date"))


def test_a_gold_customers_order_is_planned_ahead_of_earlier_ordinary_orders(
        busy_queue, place_order, gold_customer, member, django_capture_on_commit_callbacks):
    before = ship_dates(busy_queue)
    with django_capture_on_commit_callbacks(execute=True):
        gold = WorkOrder.objects.get(order=place_order(user=gold_customer))
    with django_capture_on_commit_callbacks(execute=True):
        ordinary = WorkOrder.objects.get(order=place_order(user=member))
    assert gold.express and not gold.rush and not ordinary.express
    # the first place in the queue, the date the first of the twelve units paid before it had; a Member waits
    assert gold.promised_ship_date == min(before.values()) < max(before.values()) < ordinary.promised_ship_date
    # in the queue it comes first, ahead of the twelve units paid before it
    queue = list(open_work_orders())
    assert queue[0] == gold and queue[-1] == ordinary
    gold.refresh_from_db()
    assert gold.estimated_ship_date == gold.promised_ship_date  # placing the queue again keeps the date promised
    # the ordinary units behind it moved back (by the one day of sewing it took), never forward
    after = ship_dates(busy_queue)
    assert all(after[pk] >= day for pk, day in before.items()) and after != before
    assert not ShipDateNotice.objects.filter(order__in=busy_queue).exists()  # told once the day is over
    announce_ship_dates()
    assert ShipDateNotice.objects.filter(order__in=busy_queue).exists()  # their customers are told, as for any slip


def test_remakes_stay_ahead_of_express_slots(busy_queue, place_order, gold_customer,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        gold = WorkOrder.objects.get(order=place_order(user=gold_customer))
    with django_capture_on_commit_callbacks(execute=True):
        remake = create_remake(work_order=busy_queue[-1].work_orders.first(), cause="Faulty or damaged")
    gold.refresh_from_db()
    assert list(open_work_orders())[:2] == [remake, gold]
    assert remake.estimated_ship_date <= gold.estimated_ship_date


def test_the_configurator_state_gives_a_gold_customer_the_earlier_date_they_then_get(
        busy_queue, client, place_order, gold_customer, member):
    body = {"product": "the-atelier-sneaker", "options": SNEAKER}
    anonymous = post(client, STATE, body).json()
    client.force_login(member)
    signed_in = post(client, STATE, body).json()
    client.force_login(gold_customer)
    gold = post(client, STATE, body).json()
    assert (anonymous["express"], signed_in["express"], gold["express"]) == (False, False, True)
    assert gold["ship_date"] < anonymous["ship_date"] == signed_in["ship_date"]
    page = client.get(reverse("configurator:configure", kwargs={"slug": "the-atelier-sneaker"})).content.decode()
    assert "with your free express slot" in page
    order = place_order(user=gold_customer)
    assert WorkOrder.objects.get(order=order).promised_ship_date.isoformat() == gold["ship_date"]
    reschedule()
    assert WorkOrder.objects.get(order=order).estimated_ship_date.isoformat() == gold["ship_date"]


def test_the_gold_basket_date_covers_every_unit_and_is_what_the_order_gets(busy_queue, rf, place_order,
                                                                          sneaker_version, gold_customer):
    request = rf.get("/")
    request.user = gold_customer
    basket = Basket.objects.create(owner=gold_customer)
    basket.strategy = Selector().strategy(request)
    add_configuration_to_basket(basket=basket, configuration=save_configuration(version=sneaker_version,
                                                                                options=SNEAKER), quantity=2)
    estimate = basket.estimated_ship_date()
    anonymous = configuration_state(sneaker_version, SNEAKER, shopper=Shopper())["ship_date"]
    assert estimate.isoformat() < anonymous
    order = place_order(quantity=2, user=gold_customer)
    assert max(WorkOrder.objects.filter(order=order).values_list("promised_ship_date", flat=True)) == estimate


def test_the_basket_page_shows_a_gold_customer_their_express_date(busy_queue, client, gold_customer, place_order):
    client.force_login(gold_customer)
    client.post(reverse("configurator:configure", kwargs={"slug": "the-atelier-sneaker"}),
                {"size": "size_40", "upper_material": "upper_leather", "upper_colour": "colour_terracotta",
                 "toe_cap": "toe_contrast_leather", "sole": "sole_white", "laces": "laces_chalk",
                 "lining": "lining_calf", "extras": "extra_spare_laces", "action": "basket"})
    page = client.get("/shop/basket/").content.decode()
    shown = re.search(r'data-basket-ship-date>.*?<time datetime="([0-9-]+)"', page, re.S).group(1)
    assert "with your free express slot" in page
    order = place_order(user=gold_customer)
    assert WorkOrder.objects.get(order=order).promised_ship_date.isoformat() == shown


def test_the_queue_flags_express_slots(busy_queue, client_as, place_order, gold_customer):
    gold = WorkOrder.objects.get(order=place_order(user=gold_customer))
    html = client_as("production").get(reverse("dashboard:production-queue")).content.decode()
    rows = re.findall(r'<input type="checkbox" name="numbers" value="([^"]+)"', html)
    assert rows[0] == gold.number
    assert f'data-express="{gold.number}"' in html and html.count("data-express=") == 1
    page = client_as("production").get(reverse("dashboard:production-work-order", kwargs={"number": gold.number}))
    assert 'id="work-order-express"' in page.content.decode()


def test_an_anonymous_basket_has_the_ordinary_date(busy_queue, basket, sneaker_version):
    add_configuration_to_basket(basket=basket, configuration=save_configuration(version=sneaker_version,
                                                                                options=SNEAKER))
    shopper = Shopper.of(AnonymousUser())
    assert basket.estimated_ship_date().isoformat() == configuration_state(sneaker_version, SNEAKER,
                                                                           shopper=shopper)["ship_date"]
