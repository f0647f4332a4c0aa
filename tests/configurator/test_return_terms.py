"""The return terms a shopper reads before buying: in the configurator (its JSON state and its page), in the
basket and on the review-and-pay page, per line, always the sentences of the one policy function."""

import json
from html.parser import HTMLParser

import pytest
from oscar.core.loading import get_model

from configurator.return_terms import configuration_terms, stock_terms
from configurator.selectors import current_version_for_slug
from configurator.services import save_configuration
from configurator.templatetags.configurator_tags import line_return_terms
from configurator.views import selection_query
from tests.shop.payments.conftest import SNEAKER_OPTIONS, fill_basket, go_to_payment

pytestmark = pytest.mark.django_db

PRESET = ["Return it within 30 days of delivery for any reason.", "Faults and damage in transit are always covered."]
NOT_FOR_A_CHANGE_OF_MIND = ("Made to your personal specification ({}): it can't be returned because you changed "
                            "your mind.")
REMADE = "If it doesn't fit or isn't as expected, we remake it (within 30 days of delivery)."
FAULTS = "Faults and damage in transit are always covered."
SNEAKER = "the-atelier-sneaker"
DESK_OPTIONS = ["top_oak", "frame_black", "motor_dual", "height_standard"]


def personal(details):
    return [NOT_FOR_A_CHANGE_OF_MIND.format(details), REMADE, FAULTS]


def state(client, product, options=(), measurements=None, texts=None):
    body = {"product": product, "options": list(options), "measurements": measurements or {}, "texts": texts or {}}
    response = client.post("/shop/api/configurator/state/", json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


class _ReturnTerms(HTMLParser):
    """The sentences of every return-terms list of a page (``<ul data-return-terms>``), in page order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lists, self._list, self._item = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "ul" and "data-return-terms" in dict(attrs):
            self._list = []
            self.lists.append(self._list)
        elif tag == "li" and self._list is not None:
            self._item = ""

    def handle_data(self, data):
        if self._item is not None:
            self._item += data

    def handle_endtag(self, tag):
        if tag == "li" and self._item is not None:
            self._list.append(self._item.strip())
            self._item = None
        elif tag == "ul":
            self._list = self._item = None


def return_terms_of(page):
    parser = _ReturnTerms()
    parser.feed(page)
    return parser.lists


def test_the_state_gives_the_terms_and_a_typed_monogram_changes_them(client):
    plain = state(client, SNEAKER, SNEAKER_OPTIONS)
    monogrammed = state(client, SNEAKER, SNEAKER_OPTIONS, texts={"monogram": "JD"})
    assert plain["return_terms"] == PRESET
    assert monogrammed["return_terms"] == personal("your monogram")
    assert state(client, SNEAKER, SNEAKER_OPTIONS, texts={"monogram": "  "})["return_terms"] == PRESET


def test_a_monogram_the_other_choices_removed_does_not_make_the_sneaker_personal(client):
    suede = [option for option in SNEAKER_OPTIONS if option not in ("upper_leather", "colour_terracotta")]
    answer = state(client, SNEAKER, [*suede, "upper_suede", "colour_navy"], texts={"monogram": "JD"})
    assert [removal["group"] for removal in answer["removed"]] == ["monogram"]
    assert answer["return_terms"] == PRESET


def test_measurements_make_a_bike_or_a_desk_personal(client):
    assert state(client, "the-atelier-city-bike")["return_terms"] == PRESET  # nothing measured yet
    bike = state(client, "the-atelier-city-bike", measurements={"rider_height": "178"})
    assert bike["return_terms"] == personal("your height")
    desk = state(client, "the-atelier-standing-desk", DESK_OPTIONS, measurements={"width": "140", "depth": "70"})
    assert desk["return_terms"] == personal("your width and depth")


def test_the_terms_follow_the_store_s_return_window(client, settings):
    settings.RETURN_WINDOW_DAYS = 45
    assert state(client, SNEAKER, SNEAKER_OPTIONS)["return_terms"][0] == ("Return it within 45 days of delivery "
                                                                          "for any reason.")


def test_the_page_without_javascript_shows_the_terms_of_what_was_posted(client):
    version = current_version_for_slug(SNEAKER)
    query = selection_query(version.definition, SNEAKER_OPTIONS, texts={"monogram": "JD"})
    page = client.get(f"/shop/configure/{SNEAKER}/?{query}").content.decode()
    assert return_terms_of(page) == [personal("your monogram")]
    assert return_terms_of(client.get(f"/shop/configure/{SNEAKER}/").content.decode()) == [PRESET]


@pytest.fixture
def shoppers_basket(client_as, demo_user):
    """The demo shopper's basket: a monogrammed sneaker, a plain one, a measured desk and a pair of stock laces,
    with the terms the configurator page showed for each configuration."""
    client, shopper = client_as("shopper"), demo_user("shopper")
    sneaker, desk = current_version_for_slug(SNEAKER), current_version_for_slug("the-atelier-standing-desk")
    quotes = [save_configuration(version=sneaker, options=SNEAKER_OPTIONS, texts={"monogram": "JD"}),
              save_configuration(version=sneaker, options=SNEAKER_OPTIONS),
              save_configuration(version=desk, options=DESK_OPTIONS, measurements={"width": "140", "depth": "70"})]
    for quote in quotes[:-1]:
        fill_basket(shopper, quote)
    laces = get_model("catalogue", "Product").objects.get(upc="ATL-ACC-LACE")
    fill_basket(shopper, quotes[-1]).add_product(laces, 1)
    shown = [state(client, quote.version.configurable.product.slug, quote.choices["options"],
                   quote.choices["measurements"], quote.choices["texts"])["return_terms"] for quote in quotes]
    expected = [configuration_terms(quote.version.definition, quote.choices) for quote in quotes] + [stock_terms()]
    assert expected[:3] == shown  # the basket promises what the configurator page showed
    assert expected == [personal("your monogram"), PRESET, personal("your width and depth"), PRESET]
    return client, shopper, quotes, expected


def test_the_basket_shows_each_line_s_terms(shoppers_basket):
    client, _, _, expected = shoppers_basket
    assert return_terms_of(client.get("/shop/basket/").content.decode()) == expected


def test_the_review_and_pay_page_shows_each_line_s_terms(shoppers_basket):
    client, shopper, quotes, expected = shoppers_basket
    go_to_payment(client, shopper, quotes[-1])  # one desk more: the same configuration, in the same line
    response = client.get("/shop/checkout/payment-details/")
    assert response.status_code == 200
    assert return_terms_of(response.content.decode()) == expected


def test_the_terms_of_every_line_cost_no_query_once_the_basket_is_loaded(shoppers_basket, django_assert_num_queries):
    _, shopper, _, expected = shoppers_basket
    basket = get_model("basket", "Basket").open.get(owner=shopper)
    lines = list(basket.all_lines())
    assert len(basket.configuration_quotes) == 3  # loaded once for the page, whatever the number of lines
    with django_assert_num_queries(0):
        assert [line_return_terms(line) for line in lines] == expected
