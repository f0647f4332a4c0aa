"""Baskets of many configured lines, for the basket's query-count tests and benchmarks/pages.py.

Each line is a configuration of its own (a saved quote), cycling through the three demo products: sneakers in
another size, desks another width, bikes for another rider height, so no two lines merge."""

from decimal import Decimal

from oscar.core.loading import get_class, get_model

from configurator.models import ConfigurableProduct
from configurator.services import add_configuration_to_basket, save_configuration
from configurator.views import default_options

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")

SNEAKER, DESK, BIKE = "ATL-SNK-001", "ATL-DSK-001", "ATL-BIK-001"


def nth_configuration(versions, n):
    """The n-th distinct, complete configuration: products in turn, each time a size or a measurement further."""
    upc, step = (SNEAKER, DESK, BIKE)[n % 3], n // 3
    version = versions[upc]
    options = default_options(version.definition)
    measurements = {}
    if upc == SNEAKER:
        options = [code for code in options if not code.startswith("size_")] + [f"size_{36 + step % 12}"]
    elif upc == DESK:
        measurements = {"width": Decimal(120 + 10 * (step % 9)), "depth": Decimal(60 + 10 * (step // 9 % 4))}
    else:
        measurements = {"rider_height": Decimal(160 + step)}
    quote = save_configuration(version=version, options=options, measurements=measurements)
    assert quote.is_complete, (upc, step)
    return quote


def basket_of_configurations(owner, count, request=None):
    """A basket of ``owner``'s with ``count`` configured lines of the three demo products, one of each quantity."""
    versions = {configurable.product.upc: configurable.current_version for configurable in
                ConfigurableProduct.objects.select_related("product")}
    basket = Basket.objects.create(owner=owner)
    basket.strategy = Selector().strategy(request, owner)
    for n in range(count):
        add_configuration_to_basket(basket=basket, configuration=nth_configuration(versions, n))
    assert basket.num_lines == count
    return basket
