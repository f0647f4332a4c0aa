"""The production dashboard: only production staff open it; queue, moves, spec documents, pick lists, workshop."""

import csv
import io
import json
import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from configurator.models import ConfigurableProduct
from configurator.production import documents
from configurator.production.documents import qr_svg, spec_csv, spec_story, work_order_url
from configurator.production.models import RoutingStep, WorkOrder, Workstation


@pytest.fixture
def work_order(place_order, demo_user):
    return WorkOrder.objects.get(order=place_order(quantity=1, texts={"monogram": "ADA"}, user=demo_user("shopper")))


def staff_urls(number):
    return [
        reverse("dashboard:production-queue"),
        reverse("dashboard:production-work-order", kwargs={"number": number}),
        reverse("dashboard:production-spec", kwargs={"number": number, "extension": "pdf"}),
        reverse("dashboard:production-spec", kwargs={"number": number, "extension": "json"}),
        reverse("dashboard:production-spec", kwargs={"number": number, "extension": "csv"}),
        reverse("dashboard:production-pick-list") + f"?search={number}",
        reverse("dashboard:production-workshop"),
    ]


@pytest.mark.parametrize("role", [None, "shopper", "support", "merch"])
def test_nobody_but_production_staff_opens_a_spec_or_a_qr_link(client_as, work_order, role):
    client = client_as(role)
    for url in staff_urls(work_order.number):
        response = client.get(url)
        if role is None:
            assert response.status_code == 302 and "/login/" in response["Location"], url
        else:
            assert response.status_code == 403, url
    response = client.post(reverse("dashboard:production-move"), {"numbers": work_order.number,
                                                                  "to_status": "in_production"})
    assert response.status_code in (302, 403) and (role is not None or "/login/" in response["Location"])
    work_order.refresh_from_db()
    assert work_order.status == "queued"


def test_production_staff_open_everything_and_the_qr_code_leads_to_the_work_order(client_as, work_order):
    client = client_as("production")
    for url in staff_urls(work_order.number):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("dashboard:production-work-order", kwargs={"number": work_order.number}))
    html = page.content.decode()
    assert 'aria-label="QR code opening this work order"' in html
    assert "Contrast toe cap in chalk leather" in html and "HIDE-CALF-VEGTAN-CRUST" in html
    assert "Blind-emboss the monogram" in html and "<code>ADA</code>" in html
    assert work_order_url(work_order).endswith(f"/shop/dashboard/production/{work_order.number}/")
    assert qr_svg(work_order_url(work_order)) in html
    assert qr_svg("https://example.com/other/") != qr_svg(work_order_url(work_order))


def test_spec_documents_carry_the_whole_spec(client_as, work_order):
    client = client_as("production")

    def get(extension):
        return client.get(reverse("dashboard:production-spec", kwargs={"number": work_order.number,
                                                                        "extension": extension}))

    pdf = get("pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert len(pdf.content) > 5000  # header, QR code, preview drawing, four tables
    data = json.loads(get("json").content)
    assert data["work_order"] == work_order.number and data["status"] == "queued"
    assert {"code": "monogram", "label": "Monogram", "value": "ADA"} in data["texts"]
    assert data["estimated_ship_date"] == work_order.estimated_ship_date.isoformat()
    rows = list(csv.DictReader(io.StringIO(get("csv").content.decode())))
    sections = {row["section"] for row in rows}
    assert sections == {"product", "option", "text", "component", "operation"}
    cut = next(row for row in rows if row["section"] == "operation" and row["code"] == "cut")
    assert (cut["workstation"], cut["minutes"]) == ("cutting", "35")
    assert get("xml").status_code == 404
    assert client.get(reverse("dashboard:production-work-order", kwargs={"number": "nope"})).status_code == 404


def test_a_text_a_spreadsheet_would_run_is_written_as_text(place_order):
    work_order = WorkOrder.objects.get(order=place_order())
    work_order.spec["texts"] = [{"code": "note", "label": "Note", "value": "=HYPERLINK(\"x\")"}]
    assert "'=HYPERLINK" in spec_csv(work_order)


def test_the_queue_filters_and_moves_in_bulk(client_as, place_order, demo_user):
    first = WorkOrder.objects.get(order=place_order())
    second, third = WorkOrder.objects.filter(order=place_order(quantity=2)).order_by("unit")
    client = client_as("production")
    queue = reverse("dashboard:production-queue")
    response = client.post(reverse("dashboard:production-move"), {
        "numbers": [first.number, second.number], "to_status": "in_production", "next": queue}, follow=True)
    page = response.content.decode()
    assert f"Moved to In production: {first.number}, {second.number}." in page
    response = client.post(reverse("dashboard:production-move"), {
        "numbers": [first.number, third.number], "to_status": "quality_check", "next": queue}, follow=True)
    page = response.content.decode()
    assert f"Moved to Quality check: {first.number}." in page
    assert f"{third.number} is queued: it can go to In production, not to Quality check." in page
    first.refresh_from_db()
    assert first.status == "quality_check" and first.events.last().by == demo_user("production")

    shown = client.get(queue, {"status": "in_production"}).content.decode()
    assert second.number in shown and first.number not in shown and third.number not in shown
    shown = client.get(queue, {"status": "open", "search": third.number}).content.decode()
    assert third.number in shown and second.number not in shown
    bad = client.get(queue, {"due_after": "2027-02-01", "due_before": "2027-01-01"}).content.decode()
    assert "“Ships from” is after “Ships by”" in bad
    assert "Ships by: Enter a valid date." in client.get(queue, {"due_before": "soon"}).content.decode()
    late = client.get(queue, {"due_before": first.estimated_ship_date.isoformat(), "status": ""}).content.decode()
    assert first.number in late
    nothing = client.post(reverse("dashboard:production-move"), {"to_status": "done"}, follow=True)
    assert "Select at least one work order to move." in nothing.content.decode()
    elsewhere = client.post(reverse("dashboard:production-move"), {
        "numbers": [third.number], "to_status": "in_production", "next": "//evil.example/"})
    assert elsewhere["Location"] == queue  # never sent off the site


def test_the_pick_list_of_the_selection_or_of_the_filtered_queue(client_as, place_order):
    one = WorkOrder.objects.get(order=place_order())
    place_order(quantity=2)
    client = client_as("production")
    url = reverse("dashboard:production-pick-list")
    selected = client.post(url, {"numbers": one.number}).content.decode()
    assert "Components for 1 work order" in selected and "HIDE-CALF-VEGTAN-CRUST" in selected
    csv_of_selected = client.post(url, {"numbers": one.number, "format": "csv"}).content.decode()
    rows = {row["component"]: row for row in csv.DictReader(io.StringIO(csv_of_selected))}
    assert rows["HIDE-CALF-VEGTAN-CRUST"]["quantity"] == "0.35"
    every = client.get(url, {"format": "csv"}).content.decode()  # no selection: the whole open queue
    rows = {row["component"]: row for row in csv.DictReader(io.StringIO(every))}
    assert rows["HIDE-CALF-VEGTAN-CRUST"]["quantity"] == "1.05" and rows["HIDE-CALF-VEGTAN-CRUST"]["unit"] == "m2"
    none = client.post(url, {}, follow=True).content.decode()
    assert "Select the work orders to pick for" in none


def test_the_pick_list_of_the_selected_is_posted_so_no_token_or_note_lands_in_a_url(client_as, place_order,
                                                                                     demo_user):
    one = WorkOrder.objects.get(order=place_order())
    client = client_as("production")
    queue = client.get(reverse("dashboard:production-queue")).content.decode()
    button = re.search(r'<button[^>]*id="pick-list-selected"[^>]*>', queue).group(0)
    assert 'formmethod="get"' not in button  # it submits the queue's form, which is a POST
    form = re.search(r'<form method="(\w+)" action="[^"]*" id="queue-form">', queue)
    assert form.group(1) == "post"
    url = reverse("dashboard:production-pick-list")
    by_link = client.get(url, {"csrfmiddlewaretoken": "a-token", "numbers": one.number, "pick": "selected",
                               "note": "left shoe"})
    assert by_link.status_code == 400 and "Pick list of the selected" in by_link.content.decode()
    assert "HIDE-CALF-VEGTAN-CRUST" not in by_link.content.decode()
    page = client.get(reverse("dashboard:production-work-order", kwargs={"number": one.number})).content.decode()
    assert f"{url}?numbers=" not in page and 'id="pick-list-form"' in page
    # the POST is CSRF-protected: a forged form from another site picks nothing
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(demo_user("production"))
    assert strict.post(url, {"numbers": one.number}).status_code == 403


def test_the_workshop_page_shows_each_workstations_load(client_as, place_order):
    place_order(quantity=3)
    page = client_as("production").get(reverse("dashboard:production-workshop")).content.decode()
    assert "Sewing and lasting" in page and "Quality check and packing" in page
    assert "360 of 960 minutes" in page  # 3 units × (stitch 75 + last 45) minutes, today
    assert "Christmas Day" in page


def test_the_menu_shows_production_to_production_staff_only(client_as):
    queue = reverse("dashboard:production-queue")
    assert queue in client_as("production").get(reverse("dashboard:index")).content.decode()
    assert queue not in client_as("support").get(reverse("dashboard:index")).content.decode()


def test_query_budgets_of_the_queue_and_the_work_order_page(client_as, place_order, demo_user,
                                                            django_assert_max_num_queries):
    # A member's orders, so both pages read a loyalty badge: the customers' standings and the base tier (for a
    # member with no standing yet), once per page. The work order page's budget is 2 up for it (measured 13).
    member = demo_user("shopper")
    orders = [place_order(quantity=5, user=member) for _ in range(12)]
    client = client_as("production")
    number = orders[0].work_orders.first().number
    client.get(reverse("dashboard:production-queue"))
    with django_assert_max_num_queries(14):
        page = client.get(reverse("dashboard:production-queue"))
    assert page.content.decode().count('name="numbers"') == 50  # a full page of 60
    with django_assert_max_num_queries(14):
        assert client.get(reverse("dashboard:production-work-order", kwargs={"number": number})).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("dashboard:production-pick-list")).status_code == 200


def test_planners_change_capacity_in_the_workshop_set_up_and_the_dates_follow(
        client_as, place_order, django_capture_on_commit_callbacks):
    last = WorkOrder.objects.filter(order=place_order(quantity=6)).order_by("-unit").first()
    before = last.estimated_ship_date
    client = client_as("production")
    sewing = Workstation.objects.get(code="sewing")
    url = reverse("admin:production_workstation_change", args=[sewing.pk])
    assert client.get(url).status_code == 200
    form = {"code": "sewing", "name": "Sewing and lasting", "daily_capacity_minutes": "120",
            "working_weekdays": list("01234"), "position": "1"}
    asked = client.post(url, form)  # the orders it would make later come first (test_capacity_confirmation)
    assert asked.status_code == 200 and "would ship later" in asked.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**form, "_dates_confirmed": "1"})
    assert response.status_code == 302
    last.refresh_from_db()
    assert last.estimated_ship_date > before
    closed = client.post(url, {"code": "sewing", "name": "Sewing", "daily_capacity_minutes": "0",
                               "working_weekdays": list("01234"), "position": "1"})
    assert "A workstation needs at least one minute a day" in closed.content.decode()
    assert client_as("support").get(url).status_code in (302, 403)


def test_planners_tick_a_workstations_working_days_in_the_workshop_set_up(client_as):
    client = client_as("production")
    sewing = Workstation.objects.get(code="sewing")
    url = reverse("admin:production_workstation_change", args=[sewing.pk])
    page = client.get(url).content.decode()
    boxes = dict(re.findall(r'<input type="checkbox" name="working_weekdays" value="(\d)"[^>]*?( checked)?>', page))
    assert boxes == {"0": " checked", "1": " checked", "2": " checked", "3": " checked", "4": " checked",
                     "5": "", "6": ""}  # Monday to Friday ticked, the weekend not
    assert "Saturday" in page and "Sunday" in page
    form = {"code": "sewing", "name": "Sewing and lasting", "daily_capacity_minutes": "960", "position": "1"}
    assert client.post(url, {**form, "working_weekdays": ["5", "0", "1"]}).status_code == 302
    sewing.refresh_from_db()
    assert sewing.working_weekdays == "015" and sewing.weekdays == {0, 1, 5}
    none = client.post(url, form)
    assert none.status_code == 200 and "Tick at least one working day." in none.content.decode()
    eighth = client.post(url, {**form, "working_weekdays": ["7"]})
    assert "Select a valid choice. 7 is not one of the available choices." in eighth.content.decode()
    sewing.refresh_from_db()
    assert sewing.working_weekdays == "015"
    listing = client.get(reverse("admin:production_workstation_changelist")).content.decode()
    assert "Mon, Tue, Sat" in listing


def test_a_routing_step_must_name_an_option_of_its_product(client_as, sneaker_version):
    client = client_as("production")
    form = {"configurable": sneaker_version.configurable_id, "position": "20", "operation": "paint",
            "name": "Paint the sole", "workstation": Workstation.objects.get(code="finishing").pk, "minutes": "15",
            "when_option": "sole_purple"}
    response = client.post(reverse("admin:production_routingstep_add"), form)
    assert "has no option or free-text step with the code “sole_purple”" in response.content.decode()
    assert not RoutingStep.objects.filter(operation="paint").exists()
    response = client.post(reverse("admin:production_routingstep_add"), {**form, "when_option": "sole_gum"})
    assert response.status_code == 302 and RoutingStep.objects.filter(operation="paint").exists()


def test_every_demo_routing_condition_names_an_option_of_its_product(db):
    for configurable in ConfigurableProduct.objects.all():
        steps = RoutingStep.objects.filter(configurable=configurable)
        assert steps.filter(is_quality_check=True).count() == 1, configurable
        for step in steps:
            step.full_clean()


class PageRecordingDocument(SimpleDocTemplate):
    """Builds as the spec does and notes, for every flowable drawn, the page it landed on."""

    drawn = []

    def afterFlowable(self, flowable):
        PageRecordingDocument.drawn.append((self.page, flowable))


def test_every_spec_heading_prints_on_the_page_of_its_table(place_order, monkeypatch):
    work_order = WorkOrder.objects.get(order=place_order(quantity=1, texts={"monogram": "ADA"}))
    options = work_order.spec["options"]
    monkeypatch.setattr(documents, "SimpleDocTemplate", PageRecordingDocument)
    stranded = []
    for count in range(1, 45):  # every page break position from the options table to the operations table
        work_order.spec["options"] = (options * 10)[:count]
        PageRecordingDocument.drawn = []
        documents.spec_pdf(work_order)
        drawn = PageRecordingDocument.drawn
        headings = [(index, page, flowable.getPlainText()) for index, (page, flowable) in enumerate(drawn)
                    if isinstance(flowable, Paragraph) and flowable.style.name == "Heading2"]
        assert [text for _, _, text in headings] == ["Options", "Texts and measurements",
                                                     "Bill of materials (per unit)", "Operations"]
        for index, page, text in headings:
            table_page = next(p for p, flowable in drawn[index + 1:] if isinstance(flowable, Table))
            if table_page != page:
                stranded.append(f"with {count} options “{text}” is on page {page}, its table on {table_page}")
    assert not stranded


def test_the_spec_prints_the_ship_date_as_the_customer_pages_do(place_order):
    work_order = WorkOrder.objects.get(order=place_order())
    work_order.estimated_ship_date = date(2026, 12, 3)
    header = spec_story(work_order)[0]
    texts = [cell.getPlainText() for row in header._cellvalues[0][0]._cellvalues for cell in row
             if isinstance(cell, Paragraph)]
    assert "Ship by Thursday 3 December 2026" in texts
    assert not any("Thu 03 Dec" in text for text in texts)
