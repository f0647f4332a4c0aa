"""Catalogue and product pages cost a fixed number of queries, however many products there are."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from shop.pagecache import forget_shared_pages

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")

CATALOGUE_BUDGET = 15
PRODUCT_PAGE_BUDGET = 20


def add_products(count, start=0):
    product_class = ProductClass.objects.get(slug="accessory")
    partner = Partner.objects.get()
    products = Product.objects.bulk_create(
        Product(title=f"Spare part {n}", upc=f"SPARE-{n:04d}", product_class=product_class, structure="standalone",
                is_public=True, description="A spare part.")
        for n in range(start, start + count)
    )
    StockRecord.objects.bulk_create(
        StockRecord(product=p, partner=partner, partner_sku=p.upc, price=Decimal("5.00"), num_in_stock=10,
                    price_currency="EUR")
        for p in products
    )
    call_command("update_index", verbosity=0)
    forget_shared_pages()  # bulk_create sends no signal: the cached listing would show them only when it expires


def count_queries(client, url):
    client.get(url)  # warm caches (thumbnails, site root paths) as a real server would be
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_catalogue_listing_does_not_grow_with_the_number_of_products(client, isolated_search_index):
    call_command("update_index", verbosity=0)
    few, response = count_queries(client, "/shop/catalogue/")
    assert Product.objects.get(upc="ATL-SNK-001").title.encode() in response.content
    add_products(200)
    many, response = count_queries(client, "/shop/catalogue/")
    assert b"Spare part" in response.content
    assert many <= CATALOGUE_BUDGET
    assert many == few


def test_search_results_do_not_grow_with_the_number_of_products(client, isolated_search_index):
    add_products(30)
    few, _ = count_queries(client, "/shop/search/?q=spare")
    add_products(200, start=30)
    many, response = count_queries(client, "/shop/search/?q=spare")
    assert b"Spare part" in response.content
    assert many <= CATALOGUE_BUDGET
    assert many == few


def test_product_page_has_a_fixed_budget(client, django_assert_max_num_queries, isolated_search_index):
    add_products(200)
    product = Product.objects.get(upc="ATL-SNK-001")
    client.get(product.get_absolute_url())
    with django_assert_max_num_queries(PRODUCT_PAGE_BUDGET):
        response = client.get(product.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/", "/help/", "/help/?q=delivery", "/workshop/", "/terms-of-sale/", "/cookies/"])
def test_content_pages_have_a_budget(client, django_assert_max_num_queries, url):
    client.get(url)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
