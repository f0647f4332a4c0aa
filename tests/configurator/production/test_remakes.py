"""Remakes: the same frozen spec made again ahead of the queue, or remade to changed measurements."""

from decimal import Decimal

import pytest

from configurator.models import ConfigurableProduct
from configurator.production.models import WorkOrder
from configurator.production.services import IllegalMove, create_remake, move_work_orders


@pytest.fixture
def bike_order(place_order):
    bike = ConfigurableProduct.objects.get(product__upc="ATL-BIK-001").current_version
    defaults = [option["code"] for group in bike.definition["groups"] if group["kind"] == "choice"
                for option in group["options"] if option.get("default")]
    return place_order(options=defaults, version=bike, measurements={"rider_height": Decimal("178")})


def test_a_remake_goes_ahead_of_everything_queued(place_order):
    first, later = place_order(), place_order()
    original = WorkOrder.objects.get(order=later)
    remake = create_remake(work_order=original, cause="Quality or defect")
    queued_first = WorkOrder.objects.get(order=first)
    assert remake.estimated_ship_date <= queued_first.estimated_ship_date
    assert list(WorkOrder.objects.filter(status="queued").values_list("number", flat=True))[0] == remake.number
    second = create_remake(work_order=remake, cause="Quality or defect")  # a remake of a remake counts on the first
    assert second.number == f"{original.number}-R2" and second.remake_of == original


def test_a_remake_to_a_new_height_gets_the_frame_that_height_picks(bike_order):
    original = WorkOrder.objects.get(order=bike_order)
    assert "frame_m" in {o["code"] for o in original.spec["options"]}
    remake = create_remake(work_order=original, cause="Size or fit", measurements={"rider_height": "184"})
    options = {o["code"] for o in remake.spec["options"]}
    assert "frame_l" in options and "frame_m" not in options
    assert remake.spec["measurements"][0]["value"] == "184"
    assert remake.spec["remake"] == {"of": original.number, "cause": "Size or fit",
                                     "changed_measurements": {"rider_height": "184"}}
    unchanged = {o["code"] for o in original.spec["options"]} - {"frame_m"}
    assert unchanged <= options  # every other choice as ordered


@pytest.mark.parametrize("measurements, problem", [
    ({"rider_height": "120"}, "don't fit"),
    ({"rider_height": "tall"}, "don't fit"),
    ({"inseam": "80"}, "has no measurement inseam"),
])
def test_measurements_the_product_cannot_take_are_refused_and_nothing_is_made(bike_order, measurements, problem):
    original = WorkOrder.objects.get(order=bike_order)
    with pytest.raises(IllegalMove, match=problem):
        create_remake(work_order=original, cause="Size or fit", measurements=measurements)
    assert not original.remakes.exists()


def test_a_remake_needs_its_cause(place_order):
    with pytest.raises(IllegalMove, match="needs its cause"):
        create_remake(work_order=WorkOrder.objects.get(order=place_order()), cause=" ")


def test_the_workshop_ships_a_remake_of_an_item_shipped_in_full_once_already(place_order, mailoutbox,
                                                                            django_capture_on_commit_callbacks):
    order = place_order()
    original = WorkOrder.objects.get(order=order)
    steps = ("in_production", "quality_check", "done")
    for status in steps:
        move_work_orders(numbers=[original.number], to_status=status)
    move_work_orders(numbers=[original.number], to_status="shipped", carrier="bpost", tracking_number="323299900012")
    remake = create_remake(work_order=original, cause="Size or fit")
    for status in steps:
        move_work_orders(numbers=[remake.number], to_status=status)
    with django_capture_on_commit_callbacks(execute=True):
        result = move_work_orders(numbers=[remake.number], to_status="shipped", carrier="bpost",
                                  tracking_number="323299900099")
    assert not result.refused and WorkOrder.objects.get(pk=remake.pk).status == "shipped"
    events = {event.event_type.name: [(q.line_id, q.quantity) for q in event.line_quantities.all()]
              for event in order.shipping_events.all()}
    line = order.lines.get()
    assert events == {"Shipped": [(line.pk, 1)], "Remake shipped": [(line.pk, 1)]}
    assert "323299900099" in mailoutbox[-1].body  # the customer gets the remake's tracking link
