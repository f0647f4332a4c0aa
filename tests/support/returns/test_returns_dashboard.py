"""Agents work returns in the dashboard: Support → Returns by status and filters, and the return panel of the
request screen (the item, how it was made, the customer's photos) with one POST form per step. Each step the
agent takes shows on the customer's own page; a refused step changes nothing; a refund waits for a confirmation."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from configurator.models import ConfigurableProduct
from configurator.production.models import Status, WorkOrder, WorkOrderEvent
from configurator.production.services import create_remake, move_work_orders
from support.models import Message
from support.returns import services
from support.returns.models import Outcome, Reason, Return, ReturnStatus
from tests.orders import SNEAKER, paid_order
from tests.support.returns.conftest import ship
from tests.support.returns.test_return_flow import start
from tests.support.test_support_query_budgets import add_conversation

pytestmark = pytest.mark.django_db

RETURNS = "/shop/dashboard/support/returns/"


def screen(ret):
    return f"/shop/dashboard/support/requests/{ret.number}/"


def step(ret, name):
    return f"/shop/dashboard/support/requests/{ret.number}/return/{name}/"


def photo(name="toe.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (6, 6), "blue").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def shopper(demo_user):
    return demo_user("shopper")


@pytest.fixture
def agent(demo_user):
    return demo_user("support")


@pytest.fixture
def delivered(demo_user, shopper):
    """delivered(quantity) → the shopper's order of ``quantity`` sneakers, built and shipped by the demo planner
    (no card payment: for steps that move no money)."""
    def make(quantity=1):
        version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
        order = paid_order(version, SNEAKER, quantity=quantity, user=shopper)
        return ship(order, by=demo_user("production"))

    return make


@pytest.fixture
def customer_page(shopper):
    """What the shopper reads on their own page of the return's request (My account → Support)."""
    client = Client()
    client.force_login(shopper)
    return lambda ret: client.get(f"/shop/accounts/support/{ret.request.code}/").content.decode()


def reload(ret):
    return Return.objects.select_related("request").get(pk=ret.pk)


# --- who may do what ----------------------------------------------------------------------------------

PAGES = [("get", RETURNS), ("post", "approve"), ("post", "decline"), ("post", "receive"), ("post", "inspect"),
         ("post", "resolve"), ("post", "goodwill"), ("get", "/shop/dashboard/support/goodwill/"),
         ("post", "/shop/dashboard/support/goodwill/{gesture}/")]


@pytest.mark.parametrize("method,page", PAGES)
def test_shoppers_other_staff_and_visitors_never_reach_returns_or_goodwill(client_as, delivered, shopper, agent,
                                                                            method, page):
    ret = start(delivered(), shopper)
    gesture = services.grant_goodwill(ret.request, agent=agent, kind="credit", reason="late", amount="80",
                                      note="A week late")  # above the limit: waits for a lead
    if page.startswith("/"):
        url = page.format(gesture=gesture.pk)
    elif page == "goodwill":
        url = f"/shop/dashboard/support/requests/{ret.number}/goodwill/"
    else:
        url = step(ret, page)
    body = {"handling": "keep", "reason": "x", "outcome": "faulty", "resolution": "remake", "kind": "credit",
            "amount": "10", "note": "x", "decision": "approve", "confirmed": "on"}
    for role in ("shopper", "merch", "production"):
        assert getattr(client_as(role), method)(url, body).status_code == 403, (role, url)
    anonymous = getattr(client_as(None), method)(url, body)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    ret, gesture = reload(ret), type(gesture).objects.get(pk=gesture.pk)
    assert ret.status == ReturnStatus.REQUESTED and gesture.status == "awaiting"
    assert ret.request.gestures.count() == 1


def test_agents_have_returns_in_the_menu_and_only_leads_the_goodwill_approvals(client_as):
    agent_menu = client_as("support").get("/shop/dashboard/").content.decode()
    assert RETURNS in agent_menu and "/shop/dashboard/support/goodwill/" not in agent_menu
    assert client_as("support").get("/shop/dashboard/support/goodwill/").status_code == 403
    lead = client_as("lead")
    assert "/shop/dashboard/support/goodwill/" in lead.get("/shop/dashboard/").content.decode()
    assert lead.get("/shop/dashboard/support/goodwill/").status_code == 200


# --- the list -----------------------------------------------------------------------------------------

@pytest.fixture
def returns_at_every_step(delivered, shopper, agent):
    """Six returns of one order of six sneakers: requested, approved (ship back), received, inspected, resolved
    (remade) and declined."""
    order = delivered(6)
    line = order.lines.get()
    made = {}
    for status, reason, wanted in [("requested", Reason.FIT, Outcome.REFUND),
                                   ("approved", Reason.FAULTY, Outcome.REMAKE),
                                   ("received", Reason.CHANGED_MIND, Outcome.CREDIT),
                                   ("inspected", Reason.FAULTY, Outcome.REFUND),
                                   ("resolved", Reason.FIT, Outcome.REMAKE),
                                   ("declined", Reason.CHANGED_MIND, Outcome.REFUND)]:
        made[status] = start(order, shopper, line=line, reason=reason, wanted=wanted)
    for status in ("approved", "received", "inspected"):
        services.approve_return(made[status], agent=agent)
    services.mark_received(made["received"], agent=agent)
    services.mark_received(made["inspected"], agent=agent)
    services.inspect_return(made["inspected"], agent=agent, outcome="faulty")
    services.approve_return(made["resolved"], agent=agent, ship_back=False)
    services.resolve_return(made["resolved"], agent=agent, resolution=Outcome.REMAKE)
    services.decline_return(made["declined"], agent=agent, reason="Worn outdoors")
    return {status: reload(ret) for status, ret in made.items()}


def listed(html):
    return re.findall(r'<tr data-return="(R-\d+)"', html)


def test_the_returns_list_by_status_and_filters(client_as, returns_at_every_step):
    made = returns_at_every_step
    client = client_as("support")
    html = client.get(RETURNS).content.decode()
    assert set(listed(html)) == {made[s].number for s in ("requested", "approved", "received", "inspected")}
    counts = dict(re.findall(r'data-view="(\w+)"[^>]*>[^<]*<span class="badge[^"]*">(\d+)</span>', html))
    assert counts == {"open": "4", "requested": "1", "approved": "1", "received": "1", "inspected": "1",
                      "resolved": "1", "declined": "1", "all": "6"}
    row = html.split(f'data-return="{made["requested"].number}"')[1].split("</tr>")[0]
    assert "Sam Shopper" in row and "1 × The Atelier Sneaker" in row and "Size or fit" in row
    assert "A refund to my card" in row and "minute" in row  # the customer's wish and the age
    assert f'href="{screen(made["requested"])}#return"' in row

    for status in ("resolved", "declined", "received"):
        assert listed(client.get(f"{RETURNS}?view={status}").content.decode()) == [made[status].number]
    faulty = listed(client.get(f"{RETURNS}?view=all&reason=faulty").content.decode())
    assert set(faulty) == {made["approved"].number, made["inspected"].number}
    assert listed(client.get(f"{RETURNS}?view=all&wanted=credit").content.decode()) == [made["received"].number]
    assert listed(client.get(f"{RETURNS}?view=all&q={made['declined'].number}").content.decode()) == [
        made["declined"].number]
    assert listed(client.get(f"{RETURNS}?view=all&reason=nonsense").content.decode())  # unknown filter: ignored
    assert "No returns here" in client.get(f"{RETURNS}?view=open&reason=late").content.decode()


def test_the_list_flags_returns_past_their_service_level_and_filters_them(client_as, returns_at_every_step):
    late = returns_at_every_step["requested"].request
    type(late).objects.filter(pk=late.pk).update(first_response_due_at=late.created_at - timedelta(hours=1))
    html = client_as("support").get(f"{RETURNS}?breaching=on").content.decode()
    assert listed(html) == [late.reference]
    assert 'class="table-danger"' in html and 'data-sla="breached"' in html


def test_returns_stay_in_the_inbox(client_as, returns_at_every_step):
    html = client_as("support").get("/shop/dashboard/support/?view=all").content.decode()
    assert f'data-reference="{returns_at_every_step["requested"].number}"' in html


# --- the request screen -----------------------------------------------------------------------------

def test_the_return_panel_shows_the_item_how_it_was_made_and_the_photos(client_as, delivered, shopper, demo_user):
    order = delivered()
    original = order.work_orders.get()
    ret = start(order, shopper, reason=Reason.FAULTY, wanted=Outcome.REMAKE, attachments=[photo("sole.png"),
                                                                                          photo("heel.png")])
    page = client_as("support").get(screen(ret)).content.decode()
    panel = page.split('id="return"')[1].split("</section>")[0]
    assert "Return " + ret.number in panel and "Requested" in panel and "Faulty or damaged" in panel
    assert "Faults and damage in transit are always covered" in panel  # what the policy said
    assert "<svg" in panel and "Terracotta" in panel  # the configuration with its preview
    photos = re.findall(r'<img src="/shop/dashboard/support/files/(\w+)/"', panel)
    assert len(photos) == 2
    assert client_as("support").get(f"/shop/dashboard/support/files/{photos[0]}/")["Content-Type"] == "image/png"
    maker = demo_user("production").get_full_name()
    record = panel.split('id="production-record"')[1]
    assert f'data-work-order="{original.number}"' in record
    assert re.search(rf"<td data-built-by>{maker}</td>", record)
    assert "Shipped" in record and "none" in record  # no rework
    # the step buttons the status allows, and only those
    assert 'id="return-approve"' in panel and 'id="return-decline"' in panel
    assert 'id="return-resolve"' not in panel and 'id="return-receive"' not in panel


def test_the_production_record_lists_reworks_and_remakes(client_as, delivered, shopper, agent, demo_user):
    order = delivered()
    original = order.work_orders.get()
    remake = create_remake(work_order=original, cause="Size or fit", by=agent)
    maker = demo_user("production")
    move_work_orders(numbers=[remake.number], to_status=Status.IN_PRODUCTION, by=maker)
    move_work_orders(numbers=[remake.number], to_status=Status.QUALITY_CHECK, by=maker)
    move_work_orders(numbers=[remake.number], to_status=Status.IN_PRODUCTION, by=maker, note="Stitching uneven")
    ret = start(order, shopper, reason=Reason.FAULTY, wanted=Outcome.REMAKE)
    record = client_as("support").get(screen(ret)).content.decode().split('id="production-record"')[1]
    remade = record.split(f'data-work-order="{remake.number}"')[1].split("</tr>")[0]
    assert "Remake" in remade and f"of {original.number}: Size or fit" in remade and "Stitching uneven" in remade


def test_each_step_through_the_dashboard_is_what_the_customer_sees(client_as, delivered, shopper, customer_page):
    ret = start(delivered(), shopper, reason=Reason.FAULTY, wanted=Outcome.REMAKE)
    client = client_as("support")

    answer = client.post(step(ret, "approve"), {"handling": "ship_back", "note": "Sorry about the sole."})
    assert answer.status_code == 302 and answer["Location"] == screen(ret) + "#return"
    assert reload(ret).status == ReturnStatus.APPROVED and reload(ret).ship_back is True
    seen = customer_page(ret)
    assert f"We have approved your return {ret.number}." in seen and "Sorry about the sole." in seen
    assert "Lijnwaadkaai 27" in seen
    panel = client.get(screen(ret)).content.decode()
    assert 'id="return-receive"' in panel and 'id="return-resolve"' not in panel

    client.post(step(ret, "receive"), {"note": "Box dented"})
    assert "has arrived at our workshop" in customer_page(ret)
    client.post(step(ret, "inspect"), {"outcome": "faulty", "note": "The sole came unglued."})
    assert reload(ret).inspection == "faulty"
    assert "it is faulty" in customer_page(ret) and "The sole came unglued." in customer_page(ret)

    answer = client.post(step(ret, "resolve"), {"resolution": "remake"})  # no money moves: no confirmation
    assert answer.status_code == 302
    ret = reload(ret)
    assert ret.status == ReturnStatus.RESOLVED and ret.remake.remake_cause == "Faulty or damaged"
    assert ret.remake.rush and ret.remake.remake_of == ret.order.work_orders.get(remake_of=None)
    assert "We are making it again, at no charge" in customer_page(ret)
    panel = client.get(screen(ret)).content.decode().split('id="return"')[1].split("</section>")[0]
    assert f"remake {ret.remake.number}" in panel and "data-return-actions" not in panel
    log = ret.request.events.filter(field="return").values_list("actor_name", flat=True)
    assert set(log) >= {"Sofia Support"}


def test_a_remake_to_a_changed_measurement(client_as, shopper, demo_user, customer_page):
    bike = ConfigurableProduct.objects.get(product__upc="ATL-BIK-001").current_version
    defaults = [option["code"] for group in bike.definition["groups"] if group["kind"] == "choice"
                for option in group["options"] if option.get("default")]
    order = ship(paid_order(bike, defaults, user=shopper,
                            measurements={"rider_height": Decimal("178")}), by=demo_user("production"))
    ret = start(order, shopper, reason=Reason.FIT, wanted=Outcome.REMAKE)
    client = client_as("support")
    client.post(step(ret, "approve"), {"handling": "keep"})
    form = client.get(screen(ret)).content.decode().split('id="return-resolve"')[1].split("</form>")[0]
    assert 'name="measure_rider_height"' in form and 'value="178"' in form and "Ordered: 178 (cm)" in form

    answer = client.post(step(ret, "resolve"), {"resolution": "credit", "measure_rider_height": "184"})
    assert answer.status_code == 400 and "Changed measurements are for a remake" in answer.content.decode()
    answer = client.post(step(ret, "resolve"), {"resolution": "remake", "measure_rider_height": "120"})
    assert answer.status_code == 400 and "Those measurements don" in answer.content.decode()
    assert reload(ret).status == ReturnStatus.APPROVED and not WorkOrder.objects.filter(remake_of__isnull=False)

    assert client.post(step(ret, "resolve"), {"resolution": "remake", "measure_rider_height": "184"}).status_code \
        == 302
    remake = reload(ret).remake
    assert remake.spec["remake"]["changed_measurements"] == {"rider_height": "184"}
    assert remake.spec["measurements"][0]["value"] == "184"
    assert "We are making it again, at no charge" in customer_page(ret)


def test_declining_tells_the_customer_why_and_keeps_the_internal_note_apart(client_as, delivered, shopper,
                                                                            customer_page):
    ret = start(delivered(), shopper, reason=Reason.CHANGED_MIND, wanted=Outcome.REFUND)
    client = client_as("support")
    client.post(step(ret, "decline"), {"reason": "Worn outdoors: the soles are scuffed.",
                                       "internal_note": "Photos show mud."})
    assert reload(ret).status == ReturnStatus.DECLINED
    seen = customer_page(ret)
    assert "Worn outdoors: the soles are scuffed." in seen and "Photos show mud." not in seen
    assert "Photos show mud." in client.get(screen(ret)).content.decode()


def test_a_refused_step_shows_its_reason_and_changes_nothing(client_as, delivered, shopper, customer_page):
    ret = start(delivered(), shopper)
    client = client_as("support")
    messages_before = Message.objects.filter(request=ret.request).count()

    answer = client.post(step(ret, "decline"), {"reason": "  "})  # the customer must be told why
    assert answer.status_code == 400 and "This field is required." in answer.content.decode()
    answer = client.post(step(ret, "inspect"), {"outcome": "faulty"})  # nothing has come back yet
    assert answer.status_code == 400
    assert f"Return {ret.number} is requested: it can" in answer.content.decode()

    client.post(step(ret, "approve"), {"handling": "ship_back"})
    messages_before += 1
    answer = client.post(step(ret, "resolve"), {"resolution": "remake"})  # the item has not come back
    assert answer.status_code == 400 and "waiting for the item" in answer.content.decode()
    answer = client.post(step(ret, "resolve"), {"resolution": "swap"})
    assert answer.status_code == 400 and "swap is not one of the available choices" in answer.content.decode()
    answer = client.post(step(ret, "approve"), {"handling": "keep"})  # approved already
    assert answer.status_code == 400

    ret = reload(ret)
    assert ret.status == ReturnStatus.APPROVED and ret.ship_back is True and ret.remake is None
    assert Message.objects.filter(request=ret.request).count() == messages_before
    assert not WorkOrder.objects.filter(remake_of__isnull=False).exists()


def test_store_credit_waits_for_its_confirmation(client_as, delivered, shopper, customer_page):
    ret = start(delivered(), shopper, reason=Reason.FIT, wanted=Outcome.CREDIT)
    client = client_as("support")
    client.post(step(ret, "approve"), {"handling": "keep"})
    assert "please keep it" in customer_page(ret)
    units = services.line_value(ret.line, 1)

    confirm = client.post(step(ret, "resolve"), {"resolution": "credit"})
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert f'data-confirm-amount="{units}"' in html and f"Give €{units} of store credit" in html
    assert reload(ret).status == ReturnStatus.APPROVED and ret.request.store_credits.count() == 0

    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    assert fields["confirmed"] == "on" and Decimal(fields["amount"]) == units
    assert client.post(step(ret, "resolve"), fields).status_code == 302
    ret = reload(ret)
    assert ret.status == ReturnStatus.RESOLVED and ret.voucher.store_credit.amount == units
    assert ret.voucher.code in customer_page(ret)
    panel = client.get(screen(ret)).content.decode().split("data-customer-panel")[1].split("</section>")[0]
    assert f"store credit to spend: <strong>€{units}</strong>" in panel


# --- a refund to the card (Stripe, localstripe) ------------------------------------------------------

def test_a_refund_is_made_once_after_its_confirmation_never_above_the_price(client_as, shipped_order, shopper,
                                                                            customer_page):
    ret = start(shipped_order, shopper)
    client = client_as("support")
    client.post(step(ret, "approve"), {"handling": "keep"})

    confirm = client.post(step(ret, "resolve"), {"resolution": "refund", "amount": "155.01"})
    html = confirm.content.decode()
    assert confirm.status_code == 200 and "Refund €155.01 to the card of order" in html
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    refused = client.post(step(ret, "resolve"), fields)
    assert refused.status_code == 400 and "155.00 EUR" in refused.content.decode()
    assert reload(ret).status == ReturnStatus.APPROVED
    assert not shipped_order.payment_events.filter(event_type__name="Refunded").exists()

    confirm = client.post(step(ret, "resolve"), {"resolution": "refund"})  # the default: what the unit cost
    assert "Refund €155.00" in confirm.content.decode()
    assert not shipped_order.payment_events.filter(event_type__name="Refunded").exists()
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', confirm.content.decode()))
    assert client.post(step(ret, "resolve"), fields).status_code == 302
    again = client.post(step(ret, "resolve"), fields)  # a second click on the confirmation
    assert again.status_code == 400 and "resolved" in again.content.decode()
    assert shipped_order.sources.get().amount_refunded == Decimal("155.00")
    assert reload(ret).refund_amount == Decimal("155.00")
    assert "We have refunded 155.00 EUR to the card you paid with" in customer_page(ret)


# --- query budget ------------------------------------------------------------------------------------

# measured 33 on SQLite with 2 or 30 messages, 1 or 4 work orders, 5 or 60 moves: 31 before the customer panel's
# loyalty badge (the customer's standing and the base tier: 2), of which 2 are the staff access log
RETURN_SCREEN_BUDGET = 34


def test_the_return_screen_does_not_grow_with_messages_units_or_moves(client_as, delivered, shopper, agent,
                                                                       django_assert_max_num_queries):
    order = delivered()
    ret = start(order, shopper, reason=Reason.FAULTY, wanted=Outcome.REMAKE, attachments=[photo()])
    client = client_as("support")

    def count():
        client.get(screen(ret))
        with django_assert_max_num_queries(RETURN_SCREEN_BUDGET) as queries:
            response = client.get(screen(ret))
        assert response.status_code == 200
        return len(queries), response.content.decode()

    few, _ = count()
    add_conversation(ret.request, agent=agent, customer=shopper, count=28)
    original = order.work_orders.get()
    remakes = [create_remake(work_order=original, cause="Faulty or damaged", by=agent) for _ in range(3)]
    WorkOrderEvent.objects.bulk_create(
        WorkOrderEvent(work_order=work_order, from_status=Status.QUALITY_CHECK, to_status=Status.IN_PRODUCTION,
                       by=agent, at=original.paid_at + timedelta(minutes=n), note=f"Rework {n}")
        for work_order in [original, *remakes] for n in range(12))
    many, html = count()

    assert many == few
    assert html.count("data-work-order=") == 4 and "Rework 11" in html
    assert html.count('data-message="') == 30
