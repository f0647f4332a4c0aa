"""My account → My designs: the configurations a signed-in customer saved, to reopen, buy (again) or delete."""

from decimal import Decimal

from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.core.loading import get_model

from configurator.models import SavedConfiguration
from configurator.services import add_configuration_to_basket, save_configuration
from tests.configurator.test_page_and_basket import COMPLETE, configure_url

DESIGNS = "/shop/accounts/designs/"
Line = get_model("basket", "Line")


def save_design(version, owner, **choices):
    return save_configuration(version=version, owner=owner, keep=True,
                              **(choices or {"options": ["alu", "rim"], "measurements": {"height": 170}}))


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_save_and_share_while_signed_in_lists_the_design_with_its_preview_price_and_actions(
        client, bike_version, bike_product, demo_user):
    shopper = demo_user("shopper")
    client.force_login(shopper)
    client.post(configure_url(bike_product), {**COMPLETE, "action": "save"})
    client.post(configure_url(bike_product), {**COMPLETE, "monogram": "BOB", "action": "basket"})  # not "saved"
    design = SavedConfiguration.objects.get(in_my_designs=True)
    assert design.owner == shopper
    page = client.get(DESIGNS).content.decode()
    assert page.count("data-design=") == 1
    assert '<a href="/shop/accounts/designs/" class="nav-link active">My designs</a>' in page
    assert "<dt>Frame</dt> <dd>Carbon</dd>" in page and "<dt>Monogram</dt> <dd>ADA</dd>" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "€1,914.00" in page and "This price holds until" in page
    assert f'href="/shop/configure/{bike_product.slug}/{design.code}/" data-design-reopen' in page
    assert f'action="/shop/accounts/designs/{design.code}/basket/"' in page
    assert f'href="/shop/accounts/designs/{design.code}/delete/"' in page


def test_add_to_basket_from_my_designs_at_its_quote(client, bike_version, demo_user):
    shopper = demo_user("shopper")
    design = save_design(bike_version, shopper)
    client.force_login(shopper)
    response = client.post(f"/shop/accounts/designs/{design.code}/basket/")
    assert response["Location"] == "/shop/basket/"
    assert said(response)[0].startswith("The Atelier City Bike is in your basket. If you pay today it ships by ")
    [line] = client.get("/shop/basket/").context["basket"].all_lines()
    assert line.basket.configuration_quotes[line.pk][0] == design.code and line.unit_price_incl_tax == Decimal("1290")


def test_an_expired_design_is_bought_again_at_todays_price(client, bike_version, demo_user):
    shopper = demo_user("shopper")
    design = save_design(bike_version, shopper)
    SavedConfiguration.objects.filter(pk=design.pk).update(expires_at=timezone.now())
    client.force_login(shopper)
    page = client.get(DESIGNS).content.decode()
    assert "buying it prices it again with today's model" in page and "Buy again at today's price" in page
    response = client.post(f"/shop/accounts/designs/{design.code}/basket/")
    assert "The price is €1,290.00, as it was." in said(response)[0]
    [line] = client.get("/shop/basket/").context["basket"].all_lines()
    new_code = line.basket.configuration_quotes[line.pk][0]
    assert new_code != design.code and line.purchase_info.availability.is_available_to_buy


def test_delete_asks_first_then_deletes_and_the_link_stops_working(client, bike_version, bike_product, demo_user):
    shopper = demo_user("shopper")
    design = save_design(bike_version, shopper)
    client.force_login(shopper)
    page = client.get(f"/shop/accounts/designs/{design.code}/delete/").content.decode()
    assert "Delete your The Atelier City Bike design" in page and 'data-design-delete-confirm' in page
    assert SavedConfiguration.objects.filter(pk=design.pk).exists()  # asking changes nothing
    response = client.post(f"/shop/accounts/designs/{design.code}/delete/")
    assert response["Location"] == DESIGNS
    assert not SavedConfiguration.objects.filter(pk=design.pk).exists()
    assert client.get(f"/shop/configure/{bike_product.slug}/{design.code}/").status_code == 404
    assert "You have no saved designs yet." in client.get(DESIGNS).content.decode()


def test_a_deleted_design_in_a_basket_leaves_my_designs_but_keeps_the_basket_line(client, bike_version, demo_user,
                                                                                  basket):
    shopper = demo_user("shopper")
    design = save_design(bike_version, shopper)
    add_configuration_to_basket(basket=basket, configuration=design)
    client.force_login(shopper)
    response = client.post(f"/shop/accounts/designs/{design.code}/delete/")
    assert "It is in a basket or an order, so its link still opens it there." in said(response)[0]
    assert client.get(DESIGNS).content.decode().count("data-design=") == 0
    basket.forget_configuration_quotes()
    assert basket.all_lines()[0].purchase_info.availability.is_available_to_buy


def test_another_customers_designs_are_neither_listed_nor_reachable(client, bike_version, demo_user, member):
    design = save_design(bike_version, demo_user("shopper"))
    client.force_login(member)
    assert "data-design=" not in client.get(DESIGNS).content.decode()
    assert client.get(f"/shop/accounts/designs/{design.code}/delete/").status_code == 404
    assert client.post(f"/shop/accounts/designs/{design.code}/delete/").status_code == 404
    assert client.post(f"/shop/accounts/designs/{design.code}/basket/").status_code == 404
    assert SavedConfiguration.objects.filter(pk=design.pk).exists() and not Line.objects.exists()
    client.logout()
    assert client.get(DESIGNS)["Location"].startswith("/shop/accounts/login/")


def test_my_designs_reads_a_constant_number_of_queries(client, bike_version, demo_user,
                                                       django_assert_max_num_queries):
    shopper = demo_user("shopper")
    client.force_login(shopper)
    save_design(bike_version, shopper)
    client.get(DESIGNS)
    with CaptureQueriesContext(connection) as one:
        client.get(DESIGNS)
    assert len(one) <= 20
    for height in range(171, 177):
        save_design(bike_version, shopper, options=["carbon"], measurements={"height": height})
    with django_assert_max_num_queries(len(one)):
        page = client.get(DESIGNS).content.decode()
    assert page.count("data-design=") == 7
