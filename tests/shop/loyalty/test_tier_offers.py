"""Tier offers through Oscar's offers: a merchandiser builds "10% off for Gold" in Oscar's offer wizard with the
custom condition "Customer is Gold or better"; it discounts a Gold customer's basket, not a Silver's, nor an
anonymous one, and reads the customer's tier once per pricing of the basket."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_class, get_model

from configurator.services import add_configuration_to_basket
from shop.loyalty.models import Tier
from shop.payments.placement import priced_basket
from tests.shop.payments.conftest import SNEAKER_TOTAL, fill_basket

Basket = get_model("basket", "Basket")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Range = get_model("offer", "Range")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db
WIZARD = "/shop/dashboard/offers/new/"
TENTH_OFF = SNEAKER_TOTAL - Decimal("15.50")
# The basket page of a signed-in customer with a configured sneaker reads 25 queries without offers; a tier offer
# that applies adds one for the customer's tier and six of Oscar's own for the incentive's range (read at each of the
# two applications Oscar tries); the ship date with the customer's perks (their express slot) reads the tier once more.
# Without an offer the basket page reads as much with 10 lines as with 1 (tests/shop/test_basket_queries.py); an
# offer adds Oscar's own range check (Range.contains_product) per line and application, which a fixed budget bounds.
BASKET_PAGE_WITH_TIER_OFFER_BUDGET = 33


@pytest.fixture
def merchandiser(client_as):
    return client_as("merch")


@pytest.fixture
def everything():
    return Range.objects.create(name="Everything", includes_all_products=True)


def post_step(client, step, data):
    response = client.post(WIZARD + step, data)
    assert response.status_code == 302, (step, response.context and response.context["form"].errors)


def start_offer(client, *, name, percent, product_range):
    """The wizard's first two steps: the offer's name, and its incentive (``percent`` off the range)."""
    post_step(client, "metadata/", {"name": name, "description": "", "offer_type": "Site"})
    post_step(client, "incentive/", {"range": product_range.pk, "type": "Percentage", "value": percent})


def wizard_conditions(client):
    """{label: id} of the custom conditions the wizard's condition step offers."""
    page = client.get(WIZARD + "condition/")
    assert page.status_code == 200
    return {label: value for value, label in page.context["form"].fields["custom_condition"].choices if value}


@pytest.fixture
def create_tier_offer(merchandiser, everything):
    """Build "10% off for <tier>" as a merchandiser does, through Oscar's offer wizard; returns the offer."""

    def create(tier, percent="10", priority="0"):
        name = f"{percent}% off for {tier}"
        start_offer(merchandiser, name=name, percent=percent, product_range=everything)
        choices = wizard_conditions(merchandiser)
        post_step(merchandiser, "condition/", {"custom_condition": choices[f"Customer is {tier} or better"]})
        post_step(merchandiser, "restrictions/", {"priority": priority, "exclusive": "on"})
        return ConditionalOffer.objects.get(name=name)

    return create


def applied(basket):
    return [offer.name for offer in basket.offer_applications.offers.values()]


def priced_basket_of(user, quote):
    """The basket of ``user`` (None: an anonymous visitor) with the sneaker in it, priced as checkout prices it."""
    if user is None:
        basket = Basket.objects.create()
        basket.strategy = Selector().strategy()
        add_configuration_to_basket(basket=basket, configuration=quote)
        return priced_basket(basket.pk, AnonymousUser())
    return priced_basket(fill_basket(user, quote).pk, user)


def test_the_wizard_offers_a_condition_for_each_tier_above_everybodys(merchandiser, everything):
    start_offer(merchandiser, name="For our best", percent="5", product_range=everything)

    labels = set(wizard_conditions(merchandiser))

    assert {"Customer is Silver or better", "Customer is Gold or better"} <= labels
    assert not any("Member" in label for label in labels)  # everybody's tier: not a condition


def test_a_tier_added_later_is_offered_too_by_its_current_name(merchandiser, everything):
    Tier.objects.create(name="Platinum", rank=3, min_spend=Decimal("5000.00"))
    Tier.objects.filter(name="Silver").update(name="Argent")
    start_offer(merchandiser, name="For our very best", percent="15", product_range=everything)

    labels = set(wizard_conditions(merchandiser))

    assert {"Customer is Argent or better", "Customer is Gold or better", "Customer is Platinum or better"} <= labels


def test_ten_percent_for_gold_discounts_a_gold_basket_not_a_silver_nor_an_anonymous_one(
        create_tier_offer, customer_of_tier, sneaker_quote):
    offer = create_tier_offer("Gold")
    assert offer.condition.name == "Customer is Gold or better"

    gold = priced_basket_of(customer_of_tier("Gold"), sneaker_quote)
    silver = priced_basket_of(customer_of_tier("Silver"), sneaker_quote)
    anonymous = priced_basket_of(None, sneaker_quote)

    assert (gold.total_incl_tax, applied(gold)) == (TENTH_OFF, ["10% off for Gold"])
    assert (silver.total_incl_tax, applied(silver)) == (SNEAKER_TOTAL, [])
    assert (anonymous.total_incl_tax, applied(anonymous)) == (SNEAKER_TOTAL, [])


@pytest.mark.parametrize("customer, discounted", [("Gold", True), ("Silver", True), ("Member", False)])
def test_silver_or_better_includes_gold(create_tier_offer, customer_of_tier, sneaker_quote, customer, discounted):
    create_tier_offer("Silver")

    basket = priced_basket_of(customer_of_tier(customer), sneaker_quote)

    assert basket.total_incl_tax == (TENTH_OFF if discounted else SNEAKER_TOTAL)


def standing_reads(queries):
    return sum('"loyalty_standing"' in query["sql"] for query in queries.captured_queries)


def test_the_customers_tier_is_read_once_per_pricing_however_many_tier_offers(
        create_tier_offer, customer_of_tier, sneaker_quote):
    create_tier_offer("Silver", percent="5")
    create_tier_offer("Gold", priority="1")  # tried first; the Silver one is still asked
    gold = customer_of_tier("Gold")
    basket = fill_basket(gold, sneaker_quote)

    with CaptureQueriesContext(connection) as queries:
        priced = priced_basket(basket.pk, gold)

    assert applied(priced) == ["10% off for Gold"]  # exclusive offers: the one tried first
    assert standing_reads(queries) == 1


def test_a_gold_customer_sees_the_discount_in_the_basket_within_its_budget(
        create_tier_offer, customer_of_tier, sneaker_quote, client, django_assert_max_num_queries):
    create_tier_offer("Gold")
    gold = customer_of_tier("Gold")
    fill_basket(gold, sneaker_quote)
    client.force_login(gold)
    client.get("/shop/basket/")

    with django_assert_max_num_queries(BASKET_PAGE_WITH_TIER_OFFER_BUDGET) as queries:
        page = client.get("/shop/basket/").content.decode()

    assert "10% off for Gold" in page and "139.50" in page
    assert standing_reads(queries) == 2  # once for the offers (however many), once for the ship date's perks
