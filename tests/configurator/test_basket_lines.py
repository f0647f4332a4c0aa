"""One basket line per configuration, a cap per line, and "Change these choices" editing the line it came from."""

from django.contrib.messages import get_messages
from oscar.core.loading import get_model

from configurator.models import SavedConfiguration
from configurator.services import add_configuration_to_basket, save_configuration
from tests.configurator.test_page_and_basket import COMPLETE, configure_url
from tests.conftest import DEMO_PASSWORDS

Line = get_model("basket", "Line")
SIMPLE = {"frame": "alu", "brakes": "rim", "height": "170"}


def basket_lines(client):
    """[(quantity, chosen options)] of the client's basket lines."""
    basket = client.get("/shop/basket/").context["basket"]
    return [(line.quantity, tuple(sorted(basket.configuration_quotes[line.pk][1].choices["options"])))
            for line in basket.all_lines()]


def quantities(client):
    return [line.quantity for line in client.get("/shop/basket/").context["basket"].all_lines()]


def update_quantity(client, line, quantity):
    return client.post("/shop/basket/", {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0",
                                         "form-MAX_NUM_FORMS": "1000", "form-0-id": str(line.pk),
                                         "form-0-quantity": str(quantity)})


def last_note(response):
    """The message the response's request left last (the ones before are still queued: redirects aren't followed)."""
    return [str(message) for message in get_messages(response.wsgi_request)][-1]


def test_the_same_configuration_added_twice_is_one_line_of_two(client, bike_version, bike_product):
    client.post(configure_url(bike_product), {**COMPLETE, "action": "basket"})
    client.post(configure_url(bike_product), {**COMPLETE, "action": "basket"})
    assert SavedConfiguration.objects.count() == 2  # two quotes, with different codes
    basket = client.get("/shop/basket/").context["basket"]
    [line] = basket.all_lines()
    assert line.quantity == 2
    assert basket.configuration_quotes[line.pk][0] == SavedConfiguration.objects.latest("pk").code  # the newer quote
    page = client.get("/shop/basket/").content.decode()
    assert "€3,828.00" in page  # 2 × 1,914.00


def test_a_different_text_or_measurement_is_a_line_of_its_own(bike_version, bike_product, basket):
    first = save_configuration(version=bike_version, options=["alu", "rim"], measurements={"height": 170},
                               texts={"monogram": "ADA"})
    other_text = save_configuration(version=bike_version, options=["alu", "rim"], measurements={"height": 170},
                                    texts={"monogram": "BOB"})
    other_height = save_configuration(version=bike_version, options=["alu", "rim"], measurements={"height": 171},
                                      texts={"monogram": "ADA"})
    same = save_configuration(version=bike_version, options=["rim", "alu"], measurements={"height": "170.0"},
                              texts={"monogram": "ADA"})
    for quote in (first, other_text, other_height, same):
        add_configuration_to_basket(basket=basket, configuration=quote)
    assert [line.quantity for line in basket.all_lines()] == [2, 1, 1]


def test_a_line_holds_at_most_the_cap_and_bad_quantities_change_nothing(client, bike_version, bike_product, settings):
    settings.ATELIER_MAX_LINE_QUANTITY = 3
    for _ in range(3):
        client.post(configure_url(bike_product), {**SIMPLE, "action": "basket"})
    response = client.post(configure_url(bike_product), {**SIMPLE, "action": "basket"})
    assert response["Location"] == "/shop/basket/"
    assert last_note(response) == ("You can have at most 3 of the same item in your basket (this would make 4); "
                               "nothing was changed.")
    assert quantities(client) == [3]

    line = Line.objects.get()
    response = update_quantity(client, line, 4)
    assert "You can have at most 3 of the same item in your basket (this would make 4)" in response.content.decode()
    assert quantities(client) == [3]
    for bad in ("-1", "two", ""):
        update_quantity(client, line, bad)
        assert quantities(client) == [3]
    update_quantity(client, line, 2)
    assert quantities(client) == [2]


def test_change_these_choices_replaces_the_line_it_came_from(client, bike_version, bike_product):
    client.post(configure_url(bike_product), {**SIMPLE, "action": "basket"})
    line = Line.objects.get()
    update_quantity(client, line, 2)
    page = client.get("/shop/basket/").content.decode()
    code = SavedConfiguration.objects.get().code
    change_url = f"/shop/configure/{bike_product.slug}/{code}/?basket_line={line.pk}"
    assert f'href="{change_url}"' in page

    page = client.get(change_url).content.decode()
    assert f'<input type="hidden" name="basket_line" value="{line.pk}">' in page
    assert "You are changing an item in your basket" in page
    # without JavaScript the form is re-evaluated first (the field goes along), then added
    page = client.post(configure_url(bike_product), {**SIMPLE, "brakes": "disc", "basket_line": line.pk,
                                                     "action": "update"}).content.decode()
    assert f'<input type="hidden" name="basket_line" value="{line.pk}">' in page
    response = client.post(configure_url(bike_product), {**SIMPLE, "brakes": "disc", "basket_line": line.pk,
                                                         "action": "basket"})
    assert last_note(response) == "The Atelier City Bike in your basket now has these choices."
    assert basket_lines(client) == [(2, ("alu", "disc"))]


def test_a_changed_line_equal_to_another_line_merges_with_it(client, bike_version, bike_product):
    client.post(configure_url(bike_product), {**SIMPLE, "action": "basket"})
    client.post(configure_url(bike_product), {**SIMPLE, "brakes": "disc", "action": "basket"})
    first, second = Line.objects.order_by("pk")
    update_quantity(client, second, 2)
    client.post(configure_url(bike_product), {**SIMPLE, "brakes": "disc", "basket_line": first.pk, "action": "basket"})
    assert basket_lines(client) == [(3, ("alu", "disc"))]


def test_a_change_past_the_cap_is_refused_and_keeps_both_lines(client, bike_version, bike_product, settings):
    settings.ATELIER_MAX_LINE_QUANTITY = 3
    client.post(configure_url(bike_product), {**SIMPLE, "action": "basket"})
    client.post(configure_url(bike_product), {**SIMPLE, "brakes": "disc", "action": "basket"})
    first, second = Line.objects.order_by("pk")
    update_quantity(client, first, 2)
    update_quantity(client, second, 2)
    response = client.post(configure_url(bike_product), {**SIMPLE, "brakes": "disc", "basket_line": first.pk,
                                                         "action": "basket"})
    assert "at most 3 of the same item" in last_note(response)
    assert basket_lines(client) == [(2, ("alu", "rim")), (2, ("alu", "disc"))]


def test_a_line_of_somebody_elses_basket_cannot_be_changed(client, bike_version, bike_product, basket):
    theirs = add_configuration_to_basket(basket=basket, configuration=save_configuration(
        version=bike_version, options=["alu", "rim"], measurements={"height": 170}))
    code = basket.configuration_quotes[theirs.pk][0]
    assert client.get(f"/shop/configure/{bike_product.slug}/{code}/?basket_line={theirs.pk}").status_code == 404
    response = client.post(configure_url(bike_product), {**SIMPLE, "brakes": "disc", "basket_line": theirs.pk,
                                                         "action": "basket"})
    assert last_note(response) == "The basket line you were changing is no longer in your basket: nothing was changed."
    assert Line.objects.get().pk == theirs.pk and quantities(client) == []
    assert basket.configuration_quotes[theirs.pk][0] == code


def test_signing_in_merges_the_visitors_line_into_the_customers_within_the_cap(client, bike_version, bike_product,
                                                                               demo_user, settings):
    settings.ATELIER_MAX_LINE_QUANTITY = 3
    shopper = demo_user("shopper")
    client.force_login(shopper)
    client.post(configure_url(bike_product), {**SIMPLE, "action": "basket"})
    update_quantity(client, Line.objects.get(), 2)
    client.logout()
    client.post(configure_url(bike_product), {**SIMPLE, "action": "basket"})  # a visitor, the same bike
    update_quantity(client, Line.objects.get(basket__owner=None), 3)
    client.post("/shop/accounts/login/", {"login-username": "shopper@atelier.example",
                                          "login-password": DEMO_PASSWORDS["shopper"][1], "login_submit": "1"})
    assert basket_lines(client) == [(3, ("alu", "rim"))]  # 2 + 3, held at the cap
