"""Production, in the browser: the configurator's ship date moves when a slower option is chosen; a production
planner moves the shopper's work order through the workshop (a failed quality check needs a reason); the shopper
follows it on their order page."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from configurator.models import ConfigurableProduct
from configurator.production.models import Status, WorkOrder
from configurator.production.services import move_work_orders
from tests.browser.configurator_page import change, wait_until_rendered
from tests.browser.conftest import csp_violations, sign_in
from tests.orders import SNEAKER, paid_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def place_paid_order(seeded_store):
    """place_paid_order(user) → a paid order of the demo sneaker (and its work order), without Stripe."""

    def place(user, options=SNEAKER):
        version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
        return paid_order(version, options, user=user)

    return place


def ship_date(page):
    return date.fromisoformat(page.locator("[data-ship-date]").get_attribute("datetime"))


def test_ship_date_moves_later_when_suede_is_chosen(page):
    page.goto("/shop/configure/the-atelier-sneaker/")
    wait_until_rendered(page)
    dates = page.locator("[data-dates]")
    expect(dates).to_contain_text("Made to order: ships by")
    before = ship_date(page)
    assert before >= timezone.localdate()
    shown_before = page.locator("[data-ship-date]").inner_text().strip()
    assert shown_before

    # suede: three more days for its materials and a proofing operation in finishing
    change(page, lambda: page.get_by_text("Suede", exact=True).click())
    assert page.locator("#option-upper_suede").is_checked()
    after = ship_date(page)
    assert after > before, (before, after)
    assert page.locator("[data-ship-date]").inner_text().strip() != shown_before


def test_planner_moves_the_work_order_and_the_shopper_follows_it(page, browser, live_server, demo_user,
                                                                 place_paid_order):
    order = place_paid_order(demo_user("shopper"))
    (work_order,) = WorkOrder.objects.filter(order=order)
    number = work_order.number
    assert work_order.status == Status.QUEUED

    # the planner's queue: select the shopper's work order and move it with the bulk form
    sign_in(page, "production", "/shop/dashboard/production/")
    queue = page.locator("#work-orders")
    expect(queue).to_contain_text(number)
    page.get_by_label(f"Select {number}").check()
    page.locator("#id_to_status").select_option(label="In production")
    page.get_by_role("button", name="Move", exact=True).click()
    page.wait_for_url("**/shop/dashboard/production/")
    expect(page.locator("#messages .alert-success")).to_contain_text(f"Moved to In production: {number}.")
    expect(page.locator("#work-orders tr", has_text=number)).to_contain_text("In production")

    # the work order's page: spec, bill of materials, operations, QR code
    page.get_by_role("link", name=number, exact=True).click()
    page.wait_for_url(f"**/shop/dashboard/production/{number}/")
    expect(page.locator("#work-order-status")).to_have_text("In production")
    options = page.locator("#spec-options")
    expect(options).to_contain_text("Full-grain leather")
    expect(options).to_contain_text("Contrast toe cap in chalk leather")
    expect(options).to_contain_text("size_40")
    assert page.locator("#spec-bom tbody tr").count() > 0
    operations = page.locator("#spec-operations")
    expect(operations).to_contain_text("quality check")
    assert operations.locator("tbody tr").count() >= 5
    expect(page.locator("#work-order-qr svg")).to_be_visible()

    page.get_by_role("button", name="Move to Quality check").click()
    page.wait_for_url(f"**/shop/dashboard/production/{number}/")
    expect(page.locator("#work-order-status")).to_have_text("Quality check")
    expect(page.get_by_role("button", name="Passed: done")).to_be_visible()

    # sending it back for rework without a reason is refused
    rework = page.get_by_role("button", name="Failed: back to production (rework)")
    expect(page.locator("#id_note")).to_have_value("")
    rework.click()
    page.wait_for_url(f"**/shop/dashboard/production/{number}/")
    expect(page.locator("#messages .alert-danger")).to_contain_text(
        f"Sending {number} back for rework needs the reason the quality check failed.")
    expect(page.locator("#work-order-status")).to_have_text("Quality check")
    work_order.refresh_from_db()
    assert (work_order.status, work_order.rework_count) == (Status.QUALITY_CHECK, 0)

    # with the reason it goes back, and the history keeps the reason
    page.locator("#id_note").fill("Toe cap stitching uneven on the left shoe")
    page.get_by_role("button", name="Failed: back to production (rework)").click()
    page.wait_for_url(f"**/shop/dashboard/production/{number}/")
    expect(page.locator("#messages .alert-success")).to_contain_text(f"Moved to In production: {number}.")
    expect(page.locator("#work-order-status")).to_have_text("In production")
    expect(page.locator("#work-order-summary")).to_contain_text("reworked 1×")
    history = page.locator("#work-order-history li")
    expect(history).to_have_count(4)  # queued, in production, quality check, back to production
    expect(history.last).to_contain_text("Quality check → In production")
    expect(history.last).to_contain_text("Rework: Toe cap stitching uneven on the left shoe")
    work_order.refresh_from_db()
    assert (work_order.status, work_order.rework_count) == (Status.IN_PRODUCTION, 1)

    # the shopper, in a browser of their own, follows it on the order's page
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    violations = csp_violations(context)
    try:
        shopper = context.new_page()
        order_url = f"/shop/accounts/orders/{order.number}/"
        sign_in(shopper, "shopper", order_url)
        timeline = shopper.locator("[data-production-timeline]")
        expect(timeline.get_by_role("heading", name="Making your order")).to_be_visible()
        steps = timeline.locator(".production-timeline__step")
        expect(steps).to_have_count(4)
        current = timeline.locator("[aria-current=step]")
        expect(current).to_have_count(1)
        # it is being made again after the rework: production is the current step, the quality check still to come
        expect(current.locator(".production-timeline__label")).to_have_text("In production")
        expect(current).to_contain_text("in progress since")
        expect(steps.nth(0)).to_have_class("production-timeline__step is-done")
        expect(steps.nth(2)).to_contain_text("Quality check")
        estimate = timeline.locator(".production-timeline__estimate")
        expect(estimate).to_contain_text("Ships by")
        shown = date.fromisoformat(estimate.locator("time").get_attribute("datetime"))
        work_order.refresh_from_db()
        assert shown == work_order.estimated_ship_date
        assert shown >= timezone.localdate()
    finally:
        context.close()
    assert not violations, f"The order page broke the Content-Security-Policy: {violations}"


def test_the_planner_ships_with_a_tracking_number_and_the_shopper_follows_the_parcel(page, browser, live_server,
                                                                                   demo_user, place_paid_order):
    order = place_paid_order(demo_user("shopper"))
    (work_order,) = WorkOrder.objects.filter(order=order)
    number = work_order.number
    for status in ("in_production", "quality_check", "done"):
        move_work_orders(numbers=[number], to_status=status)

    sign_in(page, "production", f"/shop/dashboard/production/{number}/")
    page.get_by_role("button", name="Move to Shipped").click()
    page.wait_for_url(f"**/shop/dashboard/production/{number}/")
    expect(page.locator("#messages .alert-danger")).to_contain_text(
        f"Shipping {number} needs the carrier and the parcel's tracking number.")
    expect(page.locator("#work-order-status")).to_have_text("Done")
    page.get_by_label("Carrier (to ship)").select_option(label="bpost")
    page.get_by_label("Tracking number (to ship)").fill("3232 9990 0012")
    page.get_by_role("button", name="Move to Shipped").click()
    page.wait_for_url(f"**/shop/dashboard/production/{number}/")
    expect(page.locator("#work-order-status")).to_have_text("Shipped")
    expect(page.locator("#work-order-parcel")).to_contain_text("bpost 323299900012")

    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    violations = csp_violations(context)
    try:
        shopper = context.new_page()
        sign_in(shopper, "shopper", f"/shop/accounts/orders/{order.number}/")
        timeline = shopper.locator("[data-production-timeline]")
        parcel = timeline.locator("[data-parcel]")
        expect(parcel).to_contain_text("Sent with bpost, tracking number 323299900012")
        link = parcel.get_by_role("link", name="follow it on bpost's site")
        assert link.get_attribute("href") == "https://track.bpost.cloud/btr/web/#/search?itemCode=323299900012&lang=en"
        expect(timeline).not_to_contain_text("Ships by")
        expect(timeline.locator("[aria-current=step]")).to_have_count(0)  # every step done, shipped the last
    finally:
        context.close()
    assert not violations, f"The order page broke the Content-Security-Policy: {violations}"


def test_the_product_page_and_the_configurator_give_one_ship_date(page, place_paid_order):
    """The tester saw "made in 10 working days" on the product page and "ships tomorrow" in the configurator."""
    for _ in range(3):
        place_paid_order(None)  # a queue to wait behind
    page.goto("/shop/catalogue/")
    page.get_by_role("link", name="The Atelier Sneaker").first.click()
    on_product_page = page.locator("[data-product-ship-date]")
    expect(on_product_page).to_contain_text("Made to order: ships by")
    expect(page.locator("body")).not_to_contain_text("Made to order in 10 working days")
    promised = on_product_page.locator("time").get_attribute("datetime")
    page.get_by_role("link", name="Configure yours").click()
    wait_until_rendered(page)
    assert ship_date(page).isoformat() == promised
