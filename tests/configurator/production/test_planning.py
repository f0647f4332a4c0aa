"""Ship dates come from the workshop's capacity and queue: shown before purchase, kept after, updated when late."""

import re
from datetime import timedelta

from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from oscar.core.loading import get_model

from configurator.presenter import configuration_state
from configurator.production.announcements import announce_ship_dates
from configurator.production.models import NonWorkingDay, ShipDateNotice, WorkOrder, Workstation
from configurator.production.planning import reschedule, today
from configurator.production.services import move_work_orders
from configurator.services import add_configuration_to_basket, save_configuration
from shop.dates import long_date
from tests.orders import SNEAKER


def current_step(page):
    return re.search(r'aria-current="step">\s*<span class="production-timeline__label">([^<]+)<', page).group(1)


def shown_ship_date(version, options=SNEAKER, texts=None):
    return configuration_state(version, options, texts=texts)["ship_date"]


def test_the_date_shown_before_purchase_is_the_date_the_scheduler_gives_after(place_order, sneaker_version):
    for _ in range(3):  # a queue to wait behind
        place_order(quantity=4)
    shown = shown_ship_date(sneaker_version, texts={"monogram": "SAM"})
    order = place_order(texts={"monogram": "SAM"})
    work_order = WorkOrder.objects.get(order=order)
    assert work_order.estimated_ship_date.isoformat() == shown
    assert work_order.promised_ship_date == work_order.estimated_ship_date
    reschedule()  # placing the whole queue again, from the database, agrees
    work_order.refresh_from_db()
    assert work_order.estimated_ship_date.isoformat() == shown


def test_the_basket_date_covers_every_unit_and_matches_the_order(place_order, sneaker_version, basket):
    place_order(quantity=3)
    quote = save_configuration(version=sneaker_version, options=SNEAKER)
    add_configuration_to_basket(basket=basket, configuration=quote, quantity=2)
    estimate = basket.estimated_ship_date()
    order = place_order(quantity=2)
    dates = set(WorkOrder.objects.filter(order=order).values_list("estimated_ship_date", flat=True))
    assert max(dates) == estimate


def test_dates_follow_capacity_and_closures(place_order, sneaker_version):
    before = shown_ship_date(sneaker_version)
    sewing = Workstation.objects.get(code="sewing")
    sewing.daily_capacity_minutes = 60  # one person, part time
    sewing.save()
    for _ in range(4):
        place_order(quantity=2)  # 8 units × (75 + 45) sewing minutes = 16 days of sewing at 60 a day
    slower = shown_ship_date(sneaker_version)
    assert slower > before
    assert (WorkOrder.objects.order_by("-paid_at").first().estimated_ship_date - today()).days >= 16
    # close the whole workshop for the day that unit would ship: it ships on the next shipping day instead
    ship_day = WorkOrder.objects.order_by("-paid_at", "-pk").first().estimated_ship_date
    NonWorkingDay.objects.create(date=ship_day, reason="Inventory")
    reschedule()
    assert WorkOrder.objects.order_by("-paid_at", "-pk").first().estimated_ship_date > ship_day


def test_a_slipping_queue_tells_the_customer_the_new_date_by_name(place_order, demo_user, client,
                                                                    django_capture_on_commit_callbacks):
    shopper = demo_user("shopper")
    order = place_order(quantity=2, user=shopper)
    promised = max(WorkOrder.objects.filter(order=order).values_list("promised_ship_date", flat=True))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Workstation.objects.filter(code="sewing").update(daily_capacity_minutes=30)
        Workstation.objects.get(code="sewing").save()  # saving a workstation reschedules the queue
    assert mail.outbox == [] and not ShipDateNotice.objects.exists()  # the order page moves; the e-mail waits
    client.force_login(shopper)
    page = client.get(f"/shop/accounts/orders/{order.number}/").content.decode()
    new_date = max(WorkOrder.objects.filter(order=order).values_list("estimated_ship_date", flat=True))
    headline = re.search(r"data-ship-date-headline>(.*?)</p>", page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", headline).split() == (
        f"Ships by {long_date(new_date)} — first promised {long_date(promised)}: we are sorry for the wait.".split())
    with django_capture_on_commit_callbacks(execute=True):
        (notice,) = announce_ship_dates()  # the end of the workshop's day
    assert notice.previous_date == promised and notice.new_date == new_date > promised
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [shopper.email]
    body = mail.outbox[0].body
    assert "Hello Sam," in body and "will ship later" in body and long_date(new_date) in body
    with django_capture_on_commit_callbacks(execute=True):
        assert reschedule()["changed"] == 0
        assert announce_ship_dates() == []  # nothing moved again: nobody is told twice
    assert len(mail.outbox) == 1
    page = client.get(f"/shop/accounts/orders/{order.number}/").content.decode()
    assert "The Atelier Sneaker (1 of 2): Queued" in page and "The Atelier Sneaker (2 of 2): Queued" in page


def test_the_order_page_shows_the_production_timeline(place_order, demo_user, client,
                                                      django_capture_on_commit_callbacks):
    shopper = demo_user("shopper")
    order = place_order(user=shopper)
    work_order = WorkOrder.objects.get(order=order)
    client.force_login(shopper)
    url = f"/shop/accounts/orders/{order.number}/"
    page = client.get(url).content.decode()
    assert "Making your order" in page and "Ships by" in page
    assert f'datetime="{work_order.estimated_ship_date.isoformat()}"' in page
    assert "(as promised when you ordered)" in page
    assert current_step(page) == "In production"
    assert "<span>next</span>" in page
    with django_capture_on_commit_callbacks(execute=True):
        move_work_orders(numbers=[work_order.number], to_status="in_production")
    page = client.get(url).content.decode()
    assert current_step(page) == "In production"
    assert "in progress since <time datetime=" in page and f"{today():%-d %b %Y}" in page  # the day it started
    with django_capture_on_commit_callbacks(execute=True):
        move_work_orders(numbers=[work_order.number], to_status="quality_check")
    assert current_step(client.get(url).content.decode()) == "Quality check"
    # another shopper can't open it
    client.force_login(demo_user("support"))
    assert client.get(url).status_code == 404


def test_a_guest_follows_production_from_the_link_in_their_email(place_order, client):
    order = place_order()
    kwargs = {"order_number": order.number, "hash": order.verification_hash()}
    # Oscar asks a guest for the order's e-mail address before showing it
    page = client.post(reverse("customer:anon-order-form", kwargs=kwargs), {"email": "guest@example.com"},
                       follow=True).content.decode()
    assert "Making your order" in page and "Ships by" in page
    wrong = client.get(reverse("customer:anon-order", kwargs={**kwargs, "hash": "0" * 40}), follow=True)
    assert "Making your order" not in wrong.content.decode()


def test_the_daily_reschedule_moves_nothing_when_nothing_changed(place_order):
    for _ in range(3):
        place_order(quantity=2)
    before = list(WorkOrder.objects.order_by("pk").values_list("estimated_ship_date", flat=True))
    result = reschedule()
    assert result["changed"] == 0 and announce_ship_dates() == []
    assert list(WorkOrder.objects.order_by("pk").values_list("estimated_ship_date", flat=True)) == before
    assert reschedule(day=today() + timedelta(days=30))["changed"] == 6  # a month on, every date moves


def test_confirmation_thank_you_and_staff_order_pages_give_the_ship_date(place_order, demo_user, client_as, rf):
    order = place_order(quantity=2, user=demo_user("shopper"))
    ship = max(WorkOrder.objects.filter(order=order).values_list("estimated_ship_date", flat=True))
    spoken = f"{ship:%A} {ship.day} {ship:%B %Y}"
    messages = get_model("communication", "CommunicationEventType").objects.get_and_render(
        "ORDER_PLACED", {"order": order, "lines": order.lines.all(), "customer_name": "Sam"})
    assert f"We expect it to ship on {spoken}" in messages["body"] and spoken in messages["html"]
    request = rf.get("/shop/checkout/thank-you/")
    request.user, request.basket = order.user, None
    assert f'datetime="{ship.isoformat()}"' in render_to_string("oscar/checkout/thank_you.html", {"order": order},
                                                              request=request)
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})
    work_order = WorkOrder.objects.filter(order=order).first()
    link = reverse("dashboard:production-work-order", kwargs={"number": work_order.number})
    support = client_as("support").get(url).content.decode()
    assert "data-order-production" in support and work_order.number in support and link not in support
    assert link in client_as("production").get(url).content.decode()


def test_the_order_page_timeline_costs_the_same_for_one_item_or_many(place_order, demo_user, client,
                                                                     django_assert_max_num_queries):
    shopper = demo_user("shopper")
    small, large = place_order(user=shopper), place_order(quantity=6, user=shopper)
    client.force_login(shopper)
    counts = []
    for order in (small, large):
        client.get(f"/shop/accounts/orders/{order.number}/")
        with django_assert_max_num_queries(28) as captured:
            page = client.get(f"/shop/accounts/orders/{order.number}/").content.decode()
        assert "Making your order" in page
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
