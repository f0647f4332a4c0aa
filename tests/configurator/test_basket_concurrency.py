"""Adding one configuration from two tabs at once, against the served store (SQLite in make run, PostgreSQL in
production): the additions make one line, and together they never pass the cap per line."""

from django.db import connection
from oscar.core.loading import get_model

from tests.served import Visitor, in_parallel

Basket = get_model("basket", "Basket")
CARBON = {"frame": "carbon", "brakes": "disc", "height": "185", "action": "basket"}
ALUMINIUM = {"frame": "alu", "brakes": "rim", "height": "170", "action": "basket"}


def test_two_tabs_adding_one_configuration_at_once_make_one_line_within_the_cap(seeded_store, live_server,
                                                                              bike_version, settings):
    settings.ATELIER_MAX_LINE_QUANTITY = 3
    page = f"/shop/configure/{bike_version.configurable.product.slug}/"
    shopper = Visitor(live_server)
    shopper.csrf_token(page=page)
    assert shopper.post(page, data=ALUMINIUM).status_code == 302  # the basket exists, with another line

    def add():
        return shopper.post(page, data=CARBON)

    assert [answer.status_code for answer in in_parallel(add, add)] == [302, 302]
    basket = Basket.objects.get()
    assert sorted(basket.lines.values_list("quantity", flat=True)) == [1, 2]

    answers = in_parallel(add, add)  # only one more fits: the other is refused (its message: test_basket_lines.py)
    assert [answer.headers["Location"] for answer in answers] == ["/shop/basket/"] * 2
    assert sorted(basket.lines.values_list("quantity", flat=True)) == [1, 3]
    assert connection.vendor in ("sqlite", "postgresql")
