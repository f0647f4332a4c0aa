"""Placed orders become work orders with immutable specs; statuses move only along the production flow."""

from decimal import Decimal

import pytest
from django.core import mail

from configurator.models import ConfigurableProduct
from configurator.production.models import RoutingStep, WorkOrder, WorkOrderEvent, Workstation
from configurator.production.planning import queue_changed
from configurator.production.selectors import pick_list_for
from configurator.production.services import IllegalMove, move_work_order, move_work_orders
from configurator.services import publish_model
from tests.orders import SNEAKER


def test_each_unit_of_a_configured_line_becomes_a_work_order_with_its_spec(place_order):
    order = place_order(quantity=2, texts={"monogram": "ADA"})
    first, second = WorkOrder.objects.filter(order=order).order_by("unit")
    assert (first.number, second.number) == (f"{order.number}-1-1", f"{order.number}-1-2")
    assert (first.unit, first.units, first.status) == (1, 2, "queued")
    spec = first.spec
    assert spec["product"] == "The Atelier Sneaker" and spec["model_version"] == 1
    assert {"group": "toe_cap", "group_label": "Toe cap", "code": "toe_contrast_leather",
            "label": "Contrast toe cap in chalk leather"} in spec["options"]
    assert spec["texts"] == [{"code": "monogram", "label": "Monogram", "value": "ADA"}]
    bom = {line["component"]: (line["quantity"], line["unit"]) for line in spec["bom"]}
    assert bom["HIDE-CALF-VEGTAN-CRUST"] == ("0.35", "m2")
    assert bom["INSOLE-BOARD-EU40"] == ("1", "pair")
    # the spare laces (an extra) and the chosen chalk laces are the same component: summed
    assert bom["LACE-WAXED-COTTON-120-CHALK"] == ("2", "pair")
    operations = {operation["code"]: operation for operation in spec["operations"]}
    assert [o["code"] for o in spec["operations"]] == [
        "cut", "stitch", "emboss", "last", "finish", "quality-check", "pack"]
    assert operations["cut"]["minutes"] == 35 and operations["cut"]["added_by"] == ["toe_contrast_leather"]
    assert operations["stitch"]["minutes"] == 75
    assert operations["emboss"]["workstation"] == "finishing"  # only because a monogram was given
    assert "proof" not in operations  # suede only
    assert spec["total_minutes"] == 35 + 75 + 10 + 45 + 15 + 10 + 10
    assert spec["preview_svg"].startswith("<svg")
    assert WorkOrderEvent.objects.filter(work_order=first, to_status="queued").count() == 1


def test_the_pick_list_sums_components_over_units_and_orders(place_order):
    one = place_order(quantity=2)
    other = place_order(options=[c for c in SNEAKER if c != "extra_spare_laces"] + ["extra_cork_footbed"])
    numbers = list(WorkOrder.objects.filter(order__in=[one, other]).values_list("number", flat=True))
    work_orders, lines = pick_list_for(numbers)
    assert len(work_orders) == 3
    totals = {line["component"]: Decimal(line["quantity"]) for line in lines}
    assert totals["HIDE-CALF-VEGTAN-CRUST"] == Decimal("1.05")  # 3 × 0.35 m²
    assert totals["LACE-WAXED-COTTON-120-CHALK"] == Decimal("5")  # 2 units × 2 pairs + 1 pair
    assert totals["FOOTBED-CORK-CONTOUR"] == Decimal("1")
    assert totals["POUCH-COTTON-SMALL"] == Decimal("2")


def test_later_catalogue_routing_and_model_edits_leave_the_spec_alone(place_order, sneaker_version):
    order = place_order()
    work_order = WorkOrder.objects.get(order=order)
    before = dict(work_order.spec)
    configurable = sneaker_version.configurable
    option = configurable.groups.get(code="toe_cap").options.get(code="toe_contrast_leather")
    option.label = "Contrast toe (renamed)"
    option.save()
    option.bom_lines.update(quantity=Decimal("9"))
    RoutingStep.objects.filter(configurable=configurable, operation="stitch").update(minutes=500)
    publish_model(configurable=configurable)
    product = configurable.product
    product.title = "Renamed sneaker"
    product.save()
    work_order.refresh_from_db()
    assert work_order.spec == before


def test_the_flow_moves_one_step_at_a_time_and_says_why_not(place_order, demo_user):
    work_order = WorkOrder.objects.get(order=place_order())
    planner = demo_user("production")
    with pytest.raises(IllegalMove, match="is queued: it can go to In production, not to Done"):
        move_work_order(work_order=work_order, to_status="done", by=planner)
    with pytest.raises(IllegalMove, match="not a production status"):
        move_work_order(work_order=work_order, to_status="painted", by=planner)
    work_order.refresh_from_db()
    assert work_order.status == "queued" and work_order.events.count() == 1
    for status in ("in_production", "quality_check"):
        move_work_order(work_order=work_order, to_status=status, by=planner)
    with pytest.raises(IllegalMove, match="needs the reason the quality check failed"):
        move_work_order(work_order=work_order, to_status="in_production", by=planner)
    move_work_order(work_order=work_order, to_status="in_production", by=planner, note="Glue marks on the toe cap")
    for status in ("quality_check", "done"):
        move_work_order(work_order=work_order, to_status=status, by=planner)
    move_work_order(work_order=work_order, to_status="shipped", by=planner, carrier="bpost",
                    tracking_number="323299900012")
    with pytest.raises(IllegalMove, match="is shipped: its status can.t change any more"):
        move_work_order(work_order=work_order, to_status="queued", by=planner)
    work_order.refresh_from_db()
    assert work_order.rework_count == 1
    history = [(e.from_status, e.to_status, e.by_id, e.note) for e in work_order.events.order_by("at", "pk")]
    assert history[0] == ("", "queued", None, "Order placed and paid.")
    assert ("quality_check", "in_production", planner.pk, "Rework: Glue marks on the toe cap") in history
    assert [h[1] for h in history[1:]] == ["in_production", "quality_check", "in_production", "quality_check",
                                          "done", "shipped"]
    assert all(e.at for e in work_order.events.all())


def test_the_order_follows_its_work_orders_through_oscars_pipeline_and_emails_by_name(
        place_order, demo_user, django_capture_on_commit_callbacks):
    shopper = demo_user("shopper")
    order = place_order(quantity=2, user=shopper)
    one, two = WorkOrder.objects.filter(order=order).order_by("unit")
    planner = demo_user("production")

    def move(numbers, status, note="", **parcel):
        with django_capture_on_commit_callbacks(execute=True):
            result = move_work_orders(numbers=numbers, to_status=status, by=planner, note=note, **parcel)
        order.refresh_from_db()
        return result

    mail.outbox.clear()
    move([one.number], "in_production")
    assert order.status == "In production"
    assert set(order.lines.values_list("status", flat=True)) == {"In production"}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [shopper.email]
    assert "is in production" in mail.outbox[0].subject and "Hello Sam," in mail.outbox[0].body
    move([one.number], "quality_check")
    assert order.status == "In production"  # the second unit hasn't reached quality check
    move([two.number], "in_production")
    move([one.number, two.number], "quality_check")
    assert order.status == "Quality check"
    move([two.number], "in_production", note="Stitching uneven")  # rework sends the order back too
    assert order.status == "In production"
    assert len(mail.outbox) == 1  # production "starts" once
    move([two.number], "quality_check")
    move([one.number, two.number], "done")
    assert order.status == "Ready to ship"
    assert len(mail.outbox) == 2 and "passed its quality check" in mail.outbox[1].subject
    ship_date = WorkOrder.objects.filter(order=order).latest("estimated_ship_date").estimated_ship_date
    assert f"{ship_date:%A} {ship_date.day} {ship_date:%B %Y}" in mail.outbox[1].body
    move([one.number, two.number], "shipped", carrier="bpost", tracking_number="323299900012")
    assert order.status == "Shipped"
    assert len(mail.outbox) == 3 and "has shipped" in mail.outbox[2].subject and "Hello Sam," in mail.outbox[2].body
    assert all(message.to == [shopper.email] for message in mail.outbox)
    changes = list(order.status_changes.order_by("date_created", "pk").values_list("new_status", flat=True))
    assert changes == ["Paid", "In production", "Quality check", "In production", "Quality check", "Ready to ship",
                       "Shipped"]


def test_a_bulk_move_moves_what_it_can_and_names_the_rest(place_order, demo_user):
    first = WorkOrder.objects.get(order=place_order())
    second = WorkOrder.objects.get(order=place_order())
    move_work_order(work_order=second, to_status="in_production")
    result = move_work_orders(numbers=[first.number, second.number, "999-1-1"], to_status="in_production",
                              by=demo_user("production"))
    assert [w.number for w in result.moved] == [first.number]
    reasons = dict(result.refused)
    assert "is in production: it can go to Quality check" in reasons[second.number]
    assert reasons["999-1-1"] == "There is no work order 999-1-1."


def test_cancelling_the_order_takes_its_units_out_of_the_queue(place_order, django_capture_on_commit_callbacks):
    Workstation.objects.filter(code="sewing").update(daily_capacity_minutes=120)  # a unit's sewing: one day
    queue_changed()
    cancelled = place_order(quantity=4)
    later = WorkOrder.objects.get(order=place_order())
    before = later.estimated_ship_date
    with django_capture_on_commit_callbacks(execute=True):
        cancelled.set_status("Cancelled")  # as the dashboard's order page does it
    assert set(WorkOrder.objects.filter(order=cancelled).values_list("status", flat=True)) == {"cancelled"}
    assert WorkOrderEvent.objects.filter(work_order__order=cancelled, to_status="cancelled").count() == 4
    later.refresh_from_db()
    assert (before - later.estimated_ship_date).days >= 4  # four days of sewing freed ahead of it
    with pytest.raises(IllegalMove, match="is cancelled: its status can't change any more"):
        move_work_order(work_order=WorkOrder.objects.filter(order=cancelled).first(), to_status="in_production")


def test_measurements_reach_the_spec_with_the_options_they_pick(place_order):
    bike = ConfigurableProduct.objects.get(product__upc="ATL-BIK-001").current_version
    defaults = [option["code"] for group in bike.definition["groups"] if group["kind"] == "choice"
                for option in group["options"] if option.get("default")]
    defaults = [code for code in defaults if code != "hub_front_standard"] + ["hub_front_dynamo"]
    order = place_order(options=defaults, version=bike, measurements={"rider_height": Decimal("178")})
    spec = WorkOrder.objects.get(order=order).spec
    assert spec["measurements"] == [{"code": "rider_height", "label": "Your height", "value": "178", "unit": "cm"}]
    chosen = {o["code"] for o in spec["options"]}
    assert {"frame_m", "hub_front_dynamo"} <= chosen  # the height picked the M frame
    wheels = next(o for o in spec["operations"] if o["code"] == "wheels")
    assert wheels["minutes"] == 75 and wheels["added_by"] == ["hub_front_dynamo"]
