"""An ordered configuration is frozen on the order line: later model or catalogue edits never rewrite it."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from oscar.core.loading import get_model

from configurator.models import OrderLineConfiguration
from configurator.services import publish_model
from tests.orders import configure, place


@pytest.fixture
def placed_order(basket, bike_version):
    quote = configure(basket, bike_version, ["carbon", "lights"], quantity=2, measurements={"height": 185},
                      texts={"monogram": "ADA"})
    return place(basket, number="100042"), quote


def test_placing_an_order_freezes_each_configured_line(placed_order):
    order, quote = placed_order
    line = order.lines.get()
    frozen = line.configuration
    assert frozen.code == quote.code
    assert line.line_price_incl_tax == Decimal("2") * quote.total
    snapshot = frozen.snapshot
    assert snapshot["features"][:2] == [["Frame", "Carbon"], ["Brakes", "Disc brakes"]]
    assert ["Monogram", "ADA"] in snapshot["features"]
    assert {o["code"] for o in snapshot["options"]} == {"carbon", "disc", "lights", "size_l"}
    assert snapshot["price"]["total"] == str(quote.total)
    assert "<svg" in snapshot["preview_svg"]


def test_later_model_edits_never_change_the_snapshot(placed_order, bike_version):
    order, _ = placed_order
    before = order.lines.get().configuration.snapshot
    configurable = bike_version.configurable
    option = configurable.groups.get(code="frame").options.get(code="carbon")
    option.label, option.price_delta = "Carbon fibre (new)", Decimal("999")
    option.save()
    publish_model(configurable=configurable)
    assert OrderLineConfiguration.objects.get(line__order=order).snapshot == before
    frozen = OrderLineConfiguration.objects.get(line__order=order)
    frozen.snapshot = {}
    with pytest.raises(ValueError, match="never changes"):
        frozen.save()


def test_order_pages_and_the_confirmation_email_show_the_configuration(placed_order, client, demo_user, rf):
    order, quote = placed_order
    shopper = demo_user("shopper")
    order.user = shopper
    order.save()
    client.force_login(shopper)
    page = client.get(f"/shop/accounts/orders/{order.number}/").content.decode()
    assert "<dt>Frame</dt> <dd>Carbon</dd>" in page and "<dt>Monogram</dt> <dd>ADA</dd>" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 1

    CommunicationEventType = get_model("communication", "CommunicationEventType")
    messages = CommunicationEventType.objects.get_and_render("ORDER_PLACED",
                                                             {"order": order, "lines": order.lines.all()})
    assert "Frame: Carbon" in messages["body"] and "Rider height: 185 cm (Frame L)" in messages["body"]
    assert "Frame: Carbon" in messages["html"] and "<svg" in messages["html"]

    request = rf.get("/shop/checkout/thank-you/")
    request.user, request.basket = shopper, None
    thank_you = render_to_string("oscar/checkout/thank_you.html", {"order": order}, request=request)
    assert "<dt>Brakes</dt> <dd>Disc brakes</dd>" in thank_you and "<svg" in thank_you
