"""The configurator page (works without JavaScript) and configured lines in Oscar's basket."""

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from oscar.core.loading import get_model

from configurator.models import SavedConfiguration
from configurator.services import add_configuration_to_basket, publish_model, save_configuration

COMPLETE = {"frame": "carbon", "brakes": "disc", "extras": ["lights"], "height": "185", "monogram": "ADA"}


def configure_url(product):
    return f"/shop/configure/{product.slug}/"


def test_the_page_opens_on_the_default_configuration(client, bike_version, bike_product):
    response = client.get(configure_url(bike_product))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="option-alu" checked' in page and 'id="option-rim" checked' in page
    assert "Made to order: ships by" in page
    assert "Enter rider height." in page  # what is still missing, before the shopper can order


def test_a_plain_form_post_re_evaluates_and_shows_reasons(client, bike_version, bike_product):
    response = client.post(configure_url(bike_product), {"frame": "carbon", "height": "172", "action": "update"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="option option--unavailable" data-option="rack"' in page
    assert "Not available with Carbon" in page
    assert "€1,810.00" in page  # 1290 + carbon 400 + disc 120 (forced, included)


def test_bad_form_input_shows_a_message_and_keeps_the_page(client, bike_version, bike_product):
    response = client.post(configure_url(bike_product), {"frame": "alu", "height": "320", "action": "save"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rider height must be at most 200 cm" in page and "(height)" not in page  # beside the field
    assert 'value="320"' in page  # kept as typed, to correct
    assert SavedConfiguration.objects.count() == 0


def test_save_gives_a_link_that_reopens_the_configuration(client, bike_version, bike_product):
    response = client.post(configure_url(bike_product), {**COMPLETE, "action": "save"})
    quote = SavedConfiguration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/shop/configure/{bike_product.slug}/{quote.code}/"
    page = client.get(response["Location"]).content.decode()
    assert 'id="option-carbon" checked' in page and 'value="ADA"' in page and 'value="185"' in page


def test_a_saved_code_opens_only_under_its_own_product(client, bike_version, bike_product):
    quote = save_configuration(version=bike_version, options=["alu", "rim"], measurements={"height": 170})
    assert client.get(f"/shop/configure/the-atelier-sneaker/{quote.code}/").status_code == 404
    guessed = quote.code[:-1] + ("y" if quote.code.endswith("x") else "x")  # one character off
    assert client.get(f"/shop/configure/{bike_product.slug}/{guessed}/").status_code == 404


def test_add_to_basket_puts_the_configuration_in_at_the_quoted_price(client, bike_version, bike_product):
    response = client.post(configure_url(bike_product), {**COMPLETE, "action": "basket"})
    assert response.status_code == 302 and response["Location"] == "/shop/basket/"
    quote = SavedConfiguration.objects.get()
    assert quote.total == Decimal("1290") + 400 + 120 + 89 + 15
    basket_page = client.get("/shop/basket/").content.decode()
    assert "€1,914.00" in basket_page
    line = client.get("/shop/basket/").context["basket"].all_lines()[0]
    assert line.price_incl_tax == quote.total  # the price stored when added agrees with the strategy
    assert line.line_price_incl_tax == quote.total
    assert line.price_excl_tax == Decimal("1581.82")  # 1914.00 / 1.21, to the cent: the rest is VAT


def test_two_configurations_are_two_basket_lines(rf, bike_version, bike_product, basket):
    first = save_configuration(version=bike_version, options=["alu", "rim"], measurements={"height": 170})
    second = save_configuration(version=bike_version, options=["alu", "disc"], measurements={"height": 170})
    add_configuration_to_basket(basket=basket, configuration=first)
    add_configuration_to_basket(basket=basket, configuration=second)
    add_configuration_to_basket(basket=basket, configuration=first)
    lines = list(basket.all_lines())
    assert [(line.quantity, line.line_price_incl_tax) for line in lines] == [
        (2, Decimal("2580.00")), (1, Decimal("1410.00"))]
    assert basket.total_incl_tax == Decimal("3990.00")


def test_an_incomplete_configuration_is_not_added(client, bike_version, bike_product):
    response = client.post(configure_url(bike_product), {"frame": "alu", "action": "basket"})
    assert response.status_code == 302 and "/shop/configure/" in response["Location"]
    assert client.get("/shop/basket/").context["basket"].num_items == 0


def test_made_to_order_products_cannot_be_bought_unconfigured(client, bike_version, bike_product):
    page = client.get(bike_product.get_absolute_url()).content.decode()
    assert f'href="/shop/configure/{bike_product.slug}/"' in page and "Configure yours" in page
    client.post(f"/shop/basket/add/{bike_product.pk}/", {"quantity": 1})
    assert client.get("/shop/basket/").context["basket"].num_items == 0


def test_a_tampered_or_stale_quote_is_never_charged_silently(bike_version, bike_product, basket):
    quote = save_configuration(version=bike_version, options=["alu", "rim"], measurements={"height": 170})
    line = add_configuration_to_basket(basket=basket, configuration=quote)
    assert line.price_incl_tax == Decimal("1290.00")
    SavedConfiguration.objects.filter(pk=quote.pk).update(expires_at=timezone.now())
    basket.forget_configuration_quotes()
    line = basket.all_lines()[0]
    assert not line.purchase_info.availability.is_available_to_buy
    assert "expired" in line.purchase_info.availability.message
    bike_version.retired_at = timezone.now()
    bike_version.save()
    basket.forget_configuration_quotes()
    assert "updated this product" in basket.all_lines()[0].purchase_info.availability.message


def test_the_configurator_page_has_a_query_budget(client, bike_version, bike_product, django_assert_max_num_queries):
    client.get(configure_url(bike_product))
    with django_assert_max_num_queries(12):
        assert client.get(configure_url(bike_product)).status_code == 200


def test_the_basket_shows_each_configuration_with_its_features_and_preview(client, bike_version, bike_product):
    client.post(configure_url(bike_product), {**COMPLETE, "action": "basket"})
    client.post(configure_url(bike_product), {"frame": "alu", "brakes": "rim", "height": "170", "action": "basket"})
    page = client.get("/shop/basket/").content.decode()  # its queries: tests/shop/test_basket_queries.py
    assert page.count('class="configuration-features"') == 2
    assert "<dt>Frame</dt> <dd>Carbon</dd>" in page and "<dt>Frame</dt> <dd>Aluminium</dd>" in page
    assert "<dt>Rider height</dt> <dd>185 cm (Frame L)</dd>" in page
    assert "<dt>Monogram</dt> <dd>ADA</dd>" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2


def test_an_expired_quote_is_checked_again_and_the_shopper_told_what_changed(client, bike_version, bike_product):
    client.post(configure_url(bike_product), {**COMPLETE, "action": "basket"})
    get_model("basket", "Line").objects.update(quantity=2)
    quote = SavedConfiguration.objects.get()
    SavedConfiguration.objects.filter(pk=quote.pk).update(expires_at=timezone.now())
    page = client.get("/shop/basket/").content.decode()
    assert "has expired" in page and "Check it again with today's price" in page

    configurable = bike_version.configurable
    carbon = configurable.groups.get(code="frame").options.get(code="carbon")
    carbon.price_delta = Decimal("450.00")
    carbon.save()
    configurable.groups.get(code="extras").options.filter(code="lights").update(is_active=False)
    publish_model(configurable=configurable)

    response = client.post(f"/shop/configure/requote/{quote.code}/", follow=True)
    page = response.content.decode()
    assert "“Dynamo lights” is no longer offered, so we left it out." in page
    assert "The price changed from €1,914.00 to €1,875.00." in page
    line = response.context["basket"].all_lines()[0]
    assert line.quantity == 2 and line.purchase_info.availability.is_available_to_buy
    assert line.line_price_incl_tax == Decimal("3750.00")


def test_requote_only_touches_configurations_in_the_shoppers_own_basket(client, bike_version):
    other = save_configuration(version=bike_version, options=["alu", "rim"], measurements={"height": 170})
    assert client.post(f"/shop/configure/requote/{other.code}/").status_code == 404


def test_checkout_pages_list_each_configuration_with_its_features(rf, bike_version, basket, demo_user):
    quote = save_configuration(version=bike_version, options=["carbon"], measurements={"height": 190})
    add_configuration_to_basket(basket=basket, configuration=quote)
    request = rf.get("/shop/checkout/preview/")
    request.user, request.basket, request.strategy = demo_user("shopper"), basket, basket.strategy
    page = render_to_string("oscar/checkout/preview.html", {"basket": basket, "order_total": None}, request=request)
    assert "<dt>Frame</dt> <dd>Carbon</dd>" in page and "<dt>Brakes</dt> <dd>Disc brakes</dd>" in page
    assert '<div class="basket-preview"><svg' in page
