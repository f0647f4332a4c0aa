"""Re-order from the order page: each configuration is quoted again at today's model and price, and the shopper is
told what changed; only the customer's own orders can be re-ordered."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from oscar.core.loading import get_model

from configurator.models import SavedConfiguration
from configurator.services import publish_model
from tests.orders import configure, place

Basket = get_model("basket", "Basket")
CARBON = {"options": ["carbon", "lights"], "measurements": {"height": 185}, "texts": {"monogram": "ADA"}}
ALUMINIUM = {"options": ["alu", "rim"], "measurements": {"height": 170}}


@pytest.fixture
def order(basket, bike_version, demo_user):
    """The shopper's past order: 2 carbon bikes with lights and a monogram (€1,914.00 each), 1 aluminium one."""
    for choices, quantity in ((CARBON, 2), (ALUMINIUM, 1)):
        configure(basket, bike_version, quantity=quantity, **choices)
    return place(basket, user=demo_user("shopper"), number="100077")


def reorder(client, order, line=None):
    path = f"/shop/accounts/reorder/{order.number}/" + (f"{line.pk}/" if line else "")
    return client.post(path)


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def in_basket(client):
    """[(quantity, options, price of one)] of the signed-in customer's basket."""
    basket = client.get("/shop/basket/").context["basket"]
    return [(line.quantity, tuple(basket.configuration_quotes[line.pk][1].choices["options"]), line.unit_price_incl_tax)
            for line in basket.all_lines()]


def test_the_order_page_re_orders_a_configured_line_at_todays_price(client, order, demo_user):
    client.force_login(demo_user("shopper"))
    carbon = order.lines.order_by("pk").first()
    page = client.get(f"/shop/accounts/orders/{order.number}/").content.decode()
    assert f'action="/shop/accounts/reorder/{order.number}/{carbon.pk}/"' in page
    assert f'action="/shop/accounts/reorder/{order.number}/"' in page  # "Re-order all items"
    response = reorder(client, order, carbon)
    assert response["Location"] == "/shop/basket/"
    [told] = said(response)
    assert told.startswith("2 × The Atelier City Bike is in your basket. The price is €1,914.00, as it was. "
                           "If you pay today it ships by ")
    assert in_basket(client) == [(2, ("carbon", "disc", "lights"), Decimal("1914.00"))]
    assert SavedConfiguration.objects.latest("pk").owner == demo_user("shopper")


def test_a_re_order_after_the_model_changed_says_what_changed(client, order, bike_version, demo_user):
    configurable = bike_version.configurable
    configurable.groups.get(code="frame").options.filter(code="carbon").update(price_delta=Decimal("450.00"))
    configurable.groups.get(code="extras").options.filter(code="lights").update(is_active=False)
    publish_model(configurable=configurable)
    client.force_login(demo_user("shopper"))
    response = reorder(client, order, order.lines.order_by("pk").first())
    [told] = said(response)
    assert "“Dynamo lights” is no longer offered, so we left it out." in told
    assert "The price changed from €1,914.00 to €1,875.00." in told and "ships by" in told
    assert in_basket(client) == [(2, ("carbon", "disc"), Decimal("1875.00"))]


def test_a_line_that_can_no_longer_be_made_says_why_and_adds_nothing(client, order, bike_version, demo_user):
    configurable = bike_version.configurable
    configurable.groups.filter(code="height").update(maximum=Decimal("180"))  # the ordered bike was for 185 cm
    publish_model(configurable=configurable)
    client.force_login(demo_user("shopper"))
    response = reorder(client, order, order.lines.order_by("pk").first())
    assert response["Location"] == f"/shop/accounts/orders/{order.number}/"
    assert said(response) == ["The Atelier City Bike cannot be bought again: Rider height must be at most 180 cm."]
    assert in_basket(client) == []


def test_re_order_all_items_adds_every_line_and_uses_the_orders_snapshot(client, order, demo_user):
    # the saved quotes change after the order (they must not matter: the order line's snapshot does)
    SavedConfiguration.objects.update(choices={"options": ["alu", "disc", "rack"], "measurements": {"height": "160"},
                                               "texts": {}})
    client.force_login(demo_user("shopper"))
    response = reorder(client, order)
    assert response["Location"] == "/shop/basket/" and len(said(response)) == 2
    assert in_basket(client) == [(2, ("carbon", "disc", "lights"), Decimal("1914.00")),
                                 (1, ("alu", "rim"), Decimal("1290.00"))]


def test_only_the_customers_own_order_can_be_re_ordered(client, order, member):
    assert reorder(client, order)["Location"].startswith("/shop/accounts/login/")
    client.force_login(member)
    assert reorder(client, order).status_code == 404
    assert reorder(client, order, order.lines.first()).status_code == 404
    assert client.post(f"/shop/accounts/reorder/{order.number}/999999/").status_code == 404
    assert client.get(f"/shop/accounts/reorder/{order.number}/").status_code == 405
    assert not Basket.objects.filter(owner=member, lines__isnull=False).exists()


def test_oscars_own_re_order_form_quotes_configured_lines_again_too(client, order, demo_user):
    """The form Oscar's templates send (POST action=reorder to the order page or a line's page) is answered the same
    way, so no old page or bookmark meets "none of its lines are available"."""
    client.force_login(demo_user("shopper"))
    carbon = order.lines.order_by("pk").first()
    response = client.post(f"/shop/accounts/orders/{order.number}/{carbon.pk}/", {"action": "reorder"})
    assert response["Location"] == "/shop/basket/"
    assert said(response)[0].startswith("2 × The Atelier City Bike is in your basket.")
    response = client.post(f"/shop/accounts/orders/{order.number}/", {"action": "reorder"})
    assert response["Location"] == "/shop/basket/"
    assert [quantity for quantity, _options, _price in in_basket(client)] == [4, 1]  # the carbon ones merged
    assert client.get(f"/shop/accounts/orders/{order.number}/").status_code == 200  # the page itself is Oscar's


def test_oscars_re_order_form_is_only_for_the_customers_own_orders(client, order, member):
    client.force_login(member)
    assert client.post(f"/shop/accounts/orders/{order.number}/", {"action": "reorder"}).status_code == 404
