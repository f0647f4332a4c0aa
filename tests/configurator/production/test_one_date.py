"""One ship date: the product page, the configurator and the basket give the scheduler's date for the same choices."""

import importlib
import re
from datetime import date

from django.apps import apps as django_apps
from freezegun import freeze_time
from oscar.core.loading import get_model

from configurator.production.models import Workstation
from configurator.services import add_configuration_to_basket, save_configuration
from configurator.views import default_options

Product = get_model("catalogue", "Product")


def time_datetime(page, marker):
    return date.fromisoformat(re.search(marker + r'.*?<time[^>]* datetime="([0-9-]+)"', page, re.S).group(1))


def test_the_product_page_gives_the_date_the_configurator_opens_with(client, place_order, sneaker_version, basket):
    sewing = Workstation.objects.get(code="sewing")
    sewing.daily_capacity_minutes = 105  # one sneaker's sewing a day
    sewing.save()
    with freeze_time("2027-02-01 10:00"):  # a Monday morning
        for _ in range(2):
            place_order(quantity=3)  # six sneakers ahead: six working days of sewing
    product = Product.objects.get(upc="ATL-SNK-001")
    with freeze_time("2027-02-01 16:55"):
        product_page = client.get(product.get_absolute_url()).content.decode()
        configurator = client.get(f"/shop/configure/{product.slug}/").content.decode()
        quote = save_configuration(version=sneaker_version, options=default_options(sneaker_version.definition))
        add_configuration_to_basket(basket=basket, configuration=quote)
        in_basket = basket.estimated_ship_date()
    on_product_page = time_datetime(product_page, "data-product-ship-date")
    assert on_product_page == time_datetime(configurator, "data-dates") == in_basket
    assert on_product_page >= date(2027, 2, 10)  # behind the six, not "made in 10 working days" from a text
    assert not re.search(r"[Mm]ade to order in \d+ working days", product_page)


def test_a_store_seeded_before_loses_the_fixed_lead_times_of_its_descriptions(db):
    migration = importlib.import_module(
        "configurator.production.migrations.0005_product_pages_without_fixed_lead_times")
    sneaker, desk = Product.objects.get(upc="ATL-SNK-001"), Product.objects.get(upc="ATL-DSK-001")
    seeded = sneaker.description
    old, new = migration.REPLACED[0]
    Product.objects.filter(pk=sneaker.pk).update(description=seeded.replace(new, old))  # as seeded before
    Product.objects.filter(pk=desk.pk).update(description="<p>Made to order in 12 working days, our own words.</p>")
    migration.without_fixed_lead_times(django_apps, None)
    sneaker.refresh_from_db()
    desk.refresh_from_db()
    assert sneaker.description == seeded and "10 working days" not in seeded
    assert desk.description == "<p>Made to order in 12 working days, our own words.</p>"  # edited since: kept
