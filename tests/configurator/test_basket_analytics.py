"""Oscar's analytics count a configuration a shopper adds to the basket, as they count any product added through
Oscar's own basket page (the basket_addition signal)."""

import pytest
from oscar.core.loading import get_model

pytestmark = pytest.mark.django_db

COMPLETE = {"frame": "carbon", "brakes": "disc", "extras": ["lights"], "height": "185"}


def configure_url(product):
    return f"/shop/configure/{product.slug}/"


def basket_additions(product, user=None):
    """(additions of the product, additions by the user) as Oscar's analytics recorded them."""
    ProductRecord, UserRecord = get_model("analytics", "ProductRecord"), get_model("analytics", "UserRecord")
    by_product = ProductRecord.objects.filter(product=product).values_list("num_basket_additions", flat=True).first()
    by_user = (UserRecord.objects.filter(user=user).values_list("num_basket_additions", flat=True).first()
               if user is not None else None)
    return by_product or 0, by_user or 0


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """post(url, data): the request, then what runs once its transaction commits (where the count is taken)."""
    def committed(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)
    return committed


def test_a_shopper_adding_a_configuration_counts_one_basket_addition(client, post, demo_user, bike_version,
                                                                    bike_product):
    shopper = demo_user("shopper")
    client.force_login(shopper)
    product_before, user_before = basket_additions(bike_product, shopper)

    response = post(configure_url(bike_product), {**COMPLETE, "action": "basket"})
    assert response.status_code == 302 and response["Location"] == "/shop/basket/"
    assert basket_additions(bike_product, shopper) == (product_before + 1, user_before + 1)

    post(configure_url(bike_product), {**COMPLETE, "extras": ["rack"], "frame": "alu", "action": "basket"})
    assert basket_additions(bike_product, shopper) == (product_before + 2, user_before + 2)


def test_an_anonymous_shopper_counts_for_the_product(post, bike_version, bike_product):
    before = basket_additions(bike_product)[0]
    post(configure_url(bike_product), {**COMPLETE, "action": "basket"})
    assert basket_additions(bike_product)[0] == before + 1


def test_saving_or_an_incomplete_configuration_counts_no_basket_addition(client, post, bike_version, bike_product):
    before = basket_additions(bike_product)[0]
    post(configure_url(bike_product), {**COMPLETE, "action": "save"})
    post(configure_url(bike_product), {"frame": "alu", "action": "basket"})  # refused: not finished
    post(configure_url(bike_product), {**COMPLETE, "action": "update"})
    assert basket_additions(bike_product)[0] == before
    assert client.get("/shop/basket/").context["basket"].num_items == 0
