"""The basket costs the same number of queries with 10 configured lines as with 1: its page, the basket count in
every page's header, and adding one more configuration or stock item."""

import pytest
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from configurator.models import ConfigurableProduct, SavedConfiguration
from tests.conftest import customer_named
from tests.shop.baskets import basket_of_configurations, nth_configuration

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
ProductRecord = get_model("analytics", "ProductRecord")


def queries_of(client, url, method="get", data=None):
    reset_queries()  # a full log (9,000 queries) would count short
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    return len(queries), response


def signed_in_with_lines(client, name, count):
    customer = customer_named(name)
    basket_of_configurations(customer, count)
    client.force_login(customer)
    client.customer = customer
    return client


def demo_versions():
    return {configurable.product.upc: configurable.current_version for configurable in
            ConfigurableProduct.objects.select_related("product")}


@pytest.fixture
def few(client):
    return signed_in_with_lines(client, "Fay", 1)


@pytest.fixture
def many(db):
    return signed_in_with_lines(Client(), "Manny", 10)


def test_the_basket_page_reads_as_much_with_ten_lines_as_with_one(few, many):
    few.get("/shop/basket/")  # warm what a running server keeps (compiled models, drawings, site root)
    many.get("/shop/basket/")
    few_queries, few_page = queries_of(few, "/shop/basket/")
    many_queries, many_page = queries_of(many, "/shop/basket/")

    assert few_page.content.decode().count('class="configuration-features"') == 1
    page = many_page.content.decode()
    assert page.count('class="configuration-features"') == 10
    assert "The Atelier Sneaker" in page and "The Atelier Standing Desk" in page and "Bike" in page
    assert many_queries == few_queries


def test_the_basket_count_in_the_header_reads_as_much_with_ten_lines_as_with_one(few, many):
    few.get("/shop/catalogue/")
    many.get("/shop/catalogue/")
    few_queries, few_page = queries_of(few, "/shop/catalogue/")
    many_queries, many_page = queries_of(many, "/shop/catalogue/")

    assert 'data-basket-count aria-label="1 item">1<' in few_page.content.decode()
    assert 'data-basket-count aria-label="10 items">10<' in many_page.content.decode()
    assert many_queries == few_queries


def add_design(client, versions, n):
    """Add the n-th configuration to the client's basket from My designs: (queries, response)."""
    quote = nth_configuration(versions, n)
    SavedConfiguration.objects.filter(pk=quote.pk).update(owner=client.customer, in_my_designs=True)
    return queries_of(client, f"/shop/accounts/designs/{quote.code}/basket/", "post")


def test_adding_a_configuration_reads_as_much_with_ten_lines_as_with_one(few, many):
    versions = demo_versions()
    added = {}
    for client, name in ((few, "few"), (many, "many")):
        add_design(client, versions, 21)  # warm: the first addition of a run reads what a server keeps
        count, response = add_design(client, versions, 24)  # sneakers in sizes neither basket held
        assert response.status_code == 302
        added[name] = count
    assert many.get("/shop/basket/").context["basket"].num_lines == 12
    assert added["many"] == added["few"]


def test_adding_a_stock_item_reads_as_much_with_ten_lines_as_with_one(few, many):
    laces, light = (Product.objects.get(upc=upc) for upc in ("ATL-ACC-LACE", "ATL-ACC-LIGHT"))
    ProductRecord.objects.get_or_create(product=light)  # Oscar's analytics count additions: a row from the first on
    added = {}
    for client, name in ((few, "few"), (many, "many")):
        client.post(f"/shop/basket/add/{laces.pk}/", {"quantity": 1})  # warm, as for configurations
        count, response = queries_of(client, f"/shop/basket/add/{light.pk}/", "post", {"quantity": 1})
        assert response.status_code == 302
        added[name] = count
    assert many.get("/shop/basket/").context["basket"].num_lines == 12
    assert added["many"] == added["few"]


def test_adding_a_configuration_reads_its_saved_quote_once(client):
    customer = customer_named("Quinn")
    basket = basket_of_configurations(customer, 2)
    quote = nth_configuration(demo_versions(), 0)  # the same configuration as the first line, another quote

    with CaptureQueriesContext(connection) as queries:
        line, created = basket.add_product(quote.version.configurable.product, 1, options=[
            {"option": basket.all_lines()[0].attributes.all()[0].option, "value": quote.code}])

    reads = [query for query in queries.captured_queries
             if query["sql"].startswith("SELECT") and '"configurator_savedconfiguration"' in query["sql"]]
    assert not created and line.quantity == 2
    assert len(reads) == 1
