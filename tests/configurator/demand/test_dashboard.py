"""Dashboard → Demand: merchandisers only; every report's CSV is its table; queries do not grow with orders."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from configurator.demand.dashboard.views import PAGES, REPORTS
from configurator.demand.filters import DemandFilters
from configurator.demand.reports import catalogue_of
from configurator.demand.rollups import refresh_rollups
from tests.configurator.demand.conftest import ORDERS


def query(bike_version):
    today = timezone.localdate()
    return {"product": bike_version.configurable.pk, "start": (today - timedelta(days=7)).isoformat(),
            "end": today.isoformat()}


@pytest.mark.parametrize("role", ["shopper", "support", "lead", "production"])
def test_only_merchandisers_see_demand(client_as, role, bike_version):
    client = client_as(role)
    for url_name, _ in PAGES:
        assert client.get(reverse(f"dashboard:{url_name}")).status_code == 403
    assert client.get(reverse("dashboard:demand-csv", kwargs={"report": "popularity"})).status_code == 403


def test_anonymous_visitors_sign_in_first(client, db):
    response = client.get(reverse("dashboard:demand-overview"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_every_page_shows_its_reports_charts_tables_and_csv_links(client_as, small_demand, bike_version):
    refresh_rollups()
    client = client_as("merch")
    for url_name, label in PAGES:
        response = client.get(reverse(f"dashboard:{url_name}"), query(bike_version))
        assert response.status_code == 200, url_name
        page = response.content.decode()
        assert label in page
        for slug, (page_name, _, _) in REPORTS.items():
            if page_name == url_name:
                assert f'data-report="{slug}"' in page
                assert f'data-csv="{slug}"' in page
    overview = client.get(reverse("dashboard:demand-overview"), query(bike_version)).content.decode()
    assert overview.count("<svg") >= 2 and "Aluminium" in overview


def test_the_demand_entry_is_in_the_merchandisers_menu(client_as):
    assert reverse("dashboard:demand-overview") in client_as("merch").get(reverse("dashboard:index")).content.decode()


@pytest.mark.parametrize("slug", [slug for slug in REPORTS])
def test_csv_holds_exactly_the_table(client_as, small_demand, bike_version, slug):
    refresh_rollups()
    response = client_as("merch").get(reverse("dashboard:demand-csv", kwargs={"report": slug}), query(bike_version))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    today = timezone.localdate()
    filters = DemandFilters(configurable=bike_version.configurable, start=today - timedelta(days=7), end=today)
    table = REPORTS[slug][1](filters, catalogue_of(bike_version.configurable))
    assert rows[0] == table.header
    assert rows[1:] == [["" if cell is None else str(cell) for cell in row] for row in table.rows]


def test_bad_filters_are_named_and_the_defaults_shown(client_as, bike_version):
    response = client_as("merch").get(reverse("dashboard:demand-overview"),
                                      {"product": bike_version.configurable.pk, "start": "2026-05-01",
                                       "end": "2026-01-01", "channel": "fax"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The end of the range is before its start." in page
    assert "Select a valid choice" in page


def test_an_unknown_csv_report_is_not_found(client_as):
    assert client_as("merch").get(reverse("dashboard:demand-csv", kwargs={"report": "nope"})).status_code == 404


def count_queries(client, url, params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", [name for name, _ in PAGES])
def test_queries_per_page_do_not_grow_with_orders(client_as, place, bike_version, url_name):
    client = client_as("merch")
    url = reverse(f"dashboard:{url_name}")
    place(bike_version, *ORDERS[0])
    refresh_rollups()
    count_queries(client, url, query(bike_version))  # warm caches (compiled model, session)
    few = count_queries(client, url, query(bike_version))
    for options, quantity in ORDERS * 3:
        place(bike_version, options, quantity)
    refresh_rollups()
    assert count_queries(client, url, query(bike_version)) == few
