"""What is the same for everybody (the catalogue's listing, the home page, help centre and content pages) is rendered
once and kept: a second request costs fewer queries, a change is on the next request, and nothing of one shopper
(basket, signing in, their CSRF token) ever reaches another's page."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from configurator.models import ConfigurableProduct
from configurator.services import publish_model
from shop.cms.models import HelpArticlePage
from shop.pagecache import content_version, csrf_placeholder
from tests.conftest import customer_named
from tests.shop.baskets import basket_of_configurations

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def catalogue_index(isolated_search_index):
    """The catalogue lists what this test's database holds: its own search index, built from it."""
    call_command("update_index", verbosity=0)


def queries_of(client, url):
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries], response.content.decode()


@pytest.mark.parametrize("url, shown, table", [
    ("/shop/catalogue/", "Waxed Cotton Laces", '"catalogue_product"'),
    ("/", "The Atelier Sneaker", '"cms_homefeaturedproduct"'),
    ("/help/", "Changing or cancelling an order", '"cms_helparticlepage"'),
])
def test_a_second_request_shows_the_same_without_reading_it_again(client, url, shown, table):
    first, first_page = queries_of(client, url)
    second, second_page = queries_of(client, url)

    assert shown in first_page and shown in second_page
    assert any(table in sql for sql in first)
    assert not any(table in sql for sql in second)
    assert len(second) < len(first)


@pytest.mark.parametrize("url, table", [("/help/?q=delivery", '"cms_helparticlepage"'),
                                        ("/shop/catalogue/?utm=made-up", '"catalogue_product"')])
def test_searches_and_made_up_addresses_are_rendered_each_time(client, url, table):
    queries_of(client, url)
    second, _ = queries_of(client, url)
    assert any(table in sql for sql in second)  # nothing kept for them: they cannot fill the cache


def test_a_help_article_is_kept_with_its_text(client):
    article = HelpArticlePage.objects.live().first()
    first, _ = queries_of(client, article.url)
    second, page = queries_of(client, article.url)
    assert article.title in page
    assert len(second) < len(first)  # its related articles and the site's menu are not read again


def test_a_new_price_is_on_the_next_request(client):
    laces = StockRecord.objects.get(product__upc="ATL-ACC-LACE")
    assert "€9.00" in queries_of(client, "/shop/catalogue/")[1]

    laces.price = Decimal("11.50")
    laces.save()

    page = queries_of(client, "/shop/catalogue/")[1]
    assert "€11.50" in page and "€9.00" not in page


def test_a_product_withdrawn_from_sale_leaves_the_home_page_and_catalogue(client):
    queries_of(client, "/shop/catalogue/")
    laces = Product.objects.get(upc="ATL-ACC-LACE")
    laces.title = "Waxed Linen Laces"
    laces.save()

    assert "Waxed Linen Laces" in queries_of(client, "/shop/catalogue/")[1]


def test_a_published_help_article_is_on_the_next_request(client):
    article = HelpArticlePage.objects.live().first()
    assert article.title in queries_of(client, article.url)[1]

    article.title = "Where is my order, really?"
    article.save_revision().publish()

    assert "Where is my order, really?" in queries_of(client, article.url)[1]


def test_publishing_a_feature_model_renders_pages_afresh():
    before = content_version()
    publish_model(configurable=ConfigurableProduct.objects.get(product__upc="ATL-SNK-001"))
    assert content_version() != before


def test_nothing_of_one_shopper_reaches_anothers_page():
    customer = customer_named("Rosa")
    basket_of_configurations(customer, 3)
    rosa = Client(enforce_csrf_checks=True)
    rosa.force_login(customer)
    visitor = Client(enforce_csrf_checks=True)

    rosas_page = rosa.get("/shop/catalogue/").content.decode()  # renders and keeps the listing
    visitors_page = visitor.get("/shop/catalogue/").content.decode()  # served from the cache

    assert 'data-basket-count aria-label="3 items">3<' in rosas_page
    assert 'data-basket-count aria-label="0 items">0<' in visitors_page
    assert "Sign in" in visitors_page and "Sign in" not in rosas_page
    assert csrf_placeholder() not in rosas_page + visitors_page
    for client, page in ((visitor, visitors_page), (rosa, rosa.get("/shop/catalogue/").content.decode())):
        tokens = set(TOKEN.findall(page))
        assert tokens, "the listing's Add to basket forms carry a token"
        laces = Product.objects.get(upc="ATL-ACC-LACE")
        response = client.post(f"/shop/basket/add/{laces.pk}/", {"quantity": 1,
                                                                  "csrfmiddlewaretoken": tokens.pop()})
        assert response.status_code == 302  # the token in the kept listing is this shopper's own
    assert set(TOKEN.findall(visitors_page)).isdisjoint(TOKEN.findall(rosas_page))


def test_a_wagtail_preview_is_never_kept(client_as):
    editor = client_as("admin")
    article = HelpArticlePage.objects.live().first()
    queries_of(editor, article.url)
    article.title = "A draft nobody else may see"
    revision = article.save_revision()
    preview = editor.get(f"/cms/pages/{article.pk}/revisions/{revision.pk}/view/")
    assert preview.status_code == 200 and "A draft nobody else may see" in preview.content.decode()

    assert "A draft nobody else may see" not in queries_of(Client(), article.url)[1]
