"""Demand analytics in the browser. A shopper's configurator reports what they choose and what they try while it is
unavailable (the server names the rule that blocked it), tied to nothing of the shopper; on a phone the page still
works. A merchandiser finds Dashboard → Demand in the menu, reads a chart and its table, switches the product,
downloads the table as CSV and prints the page without its filter form."""

import csv
import io
import json
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from configurator.demand.models import ConfigurationEvent, EventKind
from configurator.demand.rollups import refresh_rollups
from configurator.models import ConfigurableProduct
from tests.browser.configurator_page import change, wait_until_rendered
from tests.browser.conftest import sign_in
from tests.conftest import DEMO_PASSWORDS
from tests.orders import SNEAKER, paid_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT = 10_000  # ms: a page load of the live server, or one flush of the page's events (every 3 s)
SUEDE_RULE = "Suede is not made in chalk white"  # shop/demo/data/feature_models/ATL-SNK-001.json


def is_events_post(kind):
    """A predicate for the page's POST of demand events that carries an event of ``kind``."""
    def matches(response):
        request = response.request
        return (request.method == "POST" and request.url.endswith("/shop/api/configurator/events/")
                and any(event["kind"] == kind for event in json.loads(request.post_data)["events"]))
    return matches


def chosen_options(page):
    return sorted(page.locator("[data-configurator-form] input:checked").evaluate_all(
        "inputs => inputs.map(input => input.value)"))


def try_unavailable_chalk(page, tap=False):
    """The shopper clicks (or taps) chalk white, shown as unavailable with suede: on its card, as a shopper would
    (force: Playwright would otherwise wait for the card's disabled radio button to be enabled)."""
    chalk = page.locator("[data-option=colour_chalk]")
    expect(chalk).to_have_class("option option--unavailable")
    label = chalk.locator(".option__label")
    if tap:
        label.tap(force=True)
    else:
        label.click(force=True)


def test_the_configurator_reports_chosen_and_blocked_options_without_personal_data(page):
    page.set_default_timeout(TIMEOUT)
    sign_in(page, "shopper", "/shop/configure/the-atelier-sneaker/")
    wait_until_rendered(page)
    session = page.locator("[data-configurator]").get_attribute("data-session")
    assert session and len(session) == 32

    change(page, lambda: page.get_by_text("Suede", exact=True).click())
    change(page, lambda: page.locator("label[for=option-colour_navy]").click())
    before = chosen_options(page)
    assert {"upper_suede", "colour_navy"} <= set(before)

    with page.expect_response(is_events_post(EventKind.BLOCKED), timeout=TIMEOUT) as flushed:
        try_unavailable_chalk(page)
    assert flushed.value.status == 202
    assert chosen_options(page) == before  # tapping an unavailable option changes nothing

    events = ConfigurationEvent.objects.filter(session=session)
    assert events.filter(kind=EventKind.STARTED).count() == 1
    assert set(events.filter(kind=EventKind.CHOSEN).values_list("option", flat=True)) == {"upper_suede",
                                                                                          "colour_navy"}
    (blocked,) = events.filter(kind=EventKind.BLOCKED)
    assert (blocked.option, blocked.rule) == ("colour_chalk", SUEDE_RULE)

    email = DEMO_PASSWORDS["shopper"][0]
    django_session = next(cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "sessionid")
    for row in ConfigurationEvent.objects.values():
        stored = " ".join(str(value) for value in row.values())
        assert email not in stored and django_session not in stored, row


def test_a_choice_made_just_before_leaving_the_page_is_still_reported(page):
    page.set_default_timeout(TIMEOUT)
    page.clock.install()
    page.goto("/shop/configure/the-atelier-sneaker/")
    page.clock.pause_at(page.evaluate("Date.now()") + 60_000)  # the 3-second flush never comes: only leaving sends
    wait_until_rendered(page)
    session = page.locator("[data-configurator]").get_attribute("data-session")

    change(page, lambda: page.locator("label[for=option-sole_gum]").click())
    page.get_by_role("button", name="Save and share").click()
    page.wait_for_url("**/shop/configure/the-atelier-sneaker/*/")
    reported = ConfigurationEvent.objects.filter(session=session, kind=EventKind.CHOSEN, option="sole_gum")
    for _ in range(TIMEOUT // 100):  # the left page's request is not Playwright's to watch: ask the database
        if reported.exists():
            break
        page.wait_for_timeout(100)
    assert reported.count() == 1
    assert ConfigurationEvent.objects.filter(session=session, kind=EventKind.SAVED).count() == 1


def test_on_a_phone_an_unavailable_option_can_be_tapped_without_changing_anything(browser, live_server,
                                                                                  seeded_store):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True, device_scale_factor=3)
    context.set_default_timeout(TIMEOUT)
    phone = context.new_page()
    errors = []
    phone.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    phone.on("pageerror", lambda error: errors.append(str(error)))
    try:
        phone.goto("/shop/configure/the-atelier-sneaker/")
        wait_until_rendered(phone)
        session = phone.locator("[data-configurator]").get_attribute("data-session")
        change(phone, lambda: phone.get_by_text("Suede", exact=True).tap())
        expect(phone.locator("#option-upper_suede")).to_be_checked()
        total = phone.locator("[data-total]").inner_text()
        before = chosen_options(phone)

        with phone.expect_response(is_events_post(EventKind.BLOCKED), timeout=TIMEOUT) as flushed:
            try_unavailable_chalk(phone, tap=True)
        assert flushed.value.status == 202
        assert chosen_options(phone) == before
        expect(phone.locator("[data-total]")).to_have_text(total)
        expect(phone.locator("#reason-colour_chalk")).to_have_text("Not available with Suede")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sticks out sideways
        assert ConfigurationEvent.objects.get(session=session, kind=EventKind.BLOCKED).rule == SUEDE_RULE
    finally:
        context.close()
    assert not errors, errors


@pytest.fixture
def orders_of_two_products(seeded_store):
    """Paid orders of the demo bike and sneaker, counted into the daily rollups as Celery beat would."""
    bike = ConfigurableProduct.objects.get(product__upc="ATL-BIK-001").current_version
    bike_options = [option["code"] for group in bike.definition["groups"] if group["kind"] == "choice"
                    for option in group["options"] if option.get("default")]
    paid_order(bike, bike_options, measurements={"rider_height": Decimal("178")})
    sneaker = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    paid_order(sneaker, SNEAKER, quantity=2)
    paid_order(sneaker, [code if code != "upper_leather" else "upper_suede" for code in SNEAKER])
    refresh_rollups()


def test_the_merchandiser_reads_switches_downloads_and_prints_the_demand_reports(page, orders_of_two_products):
    page.set_default_timeout(TIMEOUT)
    sign_in(page, "merch", "/shop/dashboard/")
    page.locator("#bottom_nav_bar").get_by_role("link", name="Demand", exact=True).click()
    page.wait_for_url("**/shop/dashboard/demand/")
    expect(page.locator("h1")).to_contain_text("The Atelier City Bike")

    popularity = page.locator("[data-report=popularity]")
    expect(popularity.locator("svg[role=img]")).to_be_visible()
    expect(popularity.locator("[data-table=popularity] tbody tr").first).to_be_visible()
    expect(popularity.locator("[data-table=popularity]")).to_contain_text("Sage green")

    page.locator("#demand-filters #id_product").select_option(label="The Atelier Sneaker")
    page.locator("#demand-filters").get_by_role("button", name="Show").click()
    page.wait_for_url("**/shop/dashboard/demand/?product=*")
    expect(page.locator("h1")).to_contain_text("The Atelier Sneaker")
    table = popularity.locator("[data-table=popularity]")
    expect(table).to_contain_text("Suede")
    price_rules = page.locator("[data-table=price-rules] tbody tr")
    expect(price_rules).to_have_count(1)
    expect(price_rules.locator("td")).to_have_text(["Suede premium (+10%)", "1", "16.70"])  # 10 % of €167.00
    expect(popularity.locator("svg[role=img]")).to_be_visible()
    header = table.locator("thead th").all_inner_texts()
    shown_rows = [row.locator("td").all_inner_texts() for row in table.locator("tbody tr").all()]

    link = popularity.locator("[data-csv=popularity]")
    with page.expect_download(timeout=TIMEOUT) as downloading:
        link.click()
    with open(downloading.value.path(), encoding="utf-8") as downloaded:
        rows = list(csv.reader(downloaded))
    assert rows[0] == header
    assert rows[1:] == [["" if cell == "—" else cell for cell in row] for row in shown_rows]
    response = page.request.get(link.get_attribute("href"), timeout=TIMEOUT)
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(response.text()))) == rows

    page.emulate_media(media="print")
    expect(page.locator("#demand-filters")).to_be_hidden()
    expect(popularity.locator("svg[role=img]")).to_be_visible()
    expect(table).to_be_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")
