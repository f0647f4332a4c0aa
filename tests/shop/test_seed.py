"""The demo store: what `make run` shows a newcomer, seeded idempotently."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from oscar.core.loading import get_model
from wagtail.models import Page

from configurator.production.models import WorkOrder
from shop.cms.models import HelpArticlePage, HomePage
from shop.demo.orders import DEMO_ORDERS, seed_demo_orders
from shop.payments.selectors import payment_summaries

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def snapshot():
    return {
        "products": Product.objects.count(),
        "stock": StockRecord.objects.count(),
        "images": get_model("catalogue", "ProductImage").objects.count(),
        "users": get_user_model().objects.count(),
        "pages": Page.objects.count(),
        "categories": get_model("catalogue", "Category").objects.count(),
    }


def test_seed_is_idempotent_and_keeps_edits(tmp_path):
    before = snapshot()
    home = HomePage.objects.get()
    home.hero_title = "Edited by a merchandiser"
    home.save_revision().publish()
    call_command("seed_demo", stdout=open(tmp_path / "out", "w"))
    assert snapshot() == before
    assert HomePage.objects.get().hero_title == "Edited by a merchandiser"


def test_demo_catalogue_has_three_made_to_order_products_and_accessories():
    made_to_order = Product.objects.filter(product_class__slug="made-to-order")
    assert {p.upc for p in made_to_order} == {"ATL-SNK-001", "ATL-BIK-001", "ATL-DSK-001"}
    assert Product.objects.filter(product_class__slug="accessory").count() >= 3
    for product in Product.objects.all():
        assert product.images.exists(), product.title
        assert len(product.description) > 200, product.title
        assert product.stockrecords.get().price > 0
        assert product.categories.exists()


def test_help_centre_has_useful_articles_on_every_topic():
    articles = HelpArticlePage.objects.live()
    assert articles.count() >= 8
    assert {a.topic for a in articles} == {key for key, _ in HelpArticlePage.TOPICS}


def test_demo_users_have_their_roles():
    users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@atelier.example")}
    assert not users["shopper@atelier.example"].is_staff
    assert users["support@atelier.example"].groups.filter(name="Support agents").exists()
    assert users["merch@atelier.example"].has_perm("catalogue.change_product")
    assert not users["support@atelier.example"].has_perm("catalogue.change_product")
    assert users["production@atelier.example"].has_perm("order.change_line")
    assert users["admin@atelier.example"].is_superuser


def test_the_demo_orders_fill_the_production_queue_once(db):
    assert seed_demo_orders() == len(DEMO_ORDERS)
    statuses = set(WorkOrder.objects.values_list("status", flat=True))
    assert statuses == {"queued", "in_production", "quality_check", "shipped"}
    assert set(WorkOrder.objects.values_list("order__user__email", flat=True)) == {"shopper@atelier.example"}
    assert WorkOrder.objects.filter(estimated_ship_date__isnull=True, status__in=WorkOrder.OPEN_STATUSES).count() == 0
    orders = list(get_model("order", "Order").objects.all())
    summaries = payment_summaries(orders)
    # the customer's order page says each was paid (by bank transfer: no card payment is pretended)
    assert {(summaries[o.pk].state, summaries[o.pk].paid, summaries[o.pk].card, summaries[o.pk].by_stripe)
            for o in orders} == {("Paid", o.total_incl_tax, "a bank transfer", False) for o in orders}
    assert seed_demo_orders() == 0  # once only
