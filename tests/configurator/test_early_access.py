"""Early access to new options: before its day, an option in early access is offered only to customers whose loyalty
tier gives early access (Gold); everybody else sees it as coming on that day and cannot choose, save or order it.
From that day it is everybody's. The merchandiser sets the day in the feature model editor."""

import copy
import re

import pytest
from django.urls import reverse
from freezegun import freeze_time

from configurator.engine import SelectionError
from configurator.models import ConfigurableProduct, FeatureOption, SavedConfiguration
from configurator.services import add_configuration_to_basket, publish_model, replace_draft, save_configuration
from tests.configurator.conftest import BIKE
from tests.configurator.test_api import QUOTES, STATE, option, post
from tests.configurator.test_dashboard import OPTION_FORM, text_of, url

pytestmark = pytest.mark.django_db
BEFORE, OPENING_DAY = "2027-02-15 12:00:00", "2027-03-01 09:00:00"
COMING = "Coming on Monday 1 March 2027; until then only for customers with early access"
REFUSED = ("Titanium is not offered to you yet: coming on Monday 1 March 2027; until then only for customers with "
           "early access")
TITANIUM = {"product": None, "options": ["titanium", "rim"], "measurements": {"height": 175}}


@pytest.fixture
def early_bike(bike_product):
    """The test bike with a new titanium frame, in early access until 1 March 2027."""
    definition = copy.deepcopy(BIKE)
    definition["groups"][0]["options"].append({"code": "titanium", "label": "Titanium", "price_delta": "900.00",
                                               "early_access_until": "2027-03-01"})
    configurable, _ = ConfigurableProduct.objects.get_or_create(product=bike_product)
    replace_draft(configurable=configurable, definition=definition)
    return publish_model(configurable=configurable)


def body(product):
    return {**TITANIUM, "product": product.slug}


@freeze_time(BEFORE)
def test_before_its_day_only_early_access_sees_the_option_everybody_else_sees_it_coming(
        client, early_bike, bike_product, member, gold_customer):
    state = {"product": bike_product.slug, "options": ["alu"]}
    anonymous = option(post(client, STATE, state).json(), "titanium")
    assert anonymous == anonymous | {"status": "unavailable", "reason": COMING, "early_access_until": "2027-03-01",
                                     "note": ""}
    client.force_login(member)
    assert option(post(client, STATE, state).json(), "titanium")["reason"] == COMING
    client.force_login(gold_customer)
    gold = option(post(client, STATE, state).json(), "titanium")
    assert gold == gold | {"status": "available", "reason": "", "early_access_until": "2027-03-01",
                           "note": "Early access for you: everybody else from Monday 1 March 2027"}


@freeze_time(OPENING_DAY)
def test_from_its_day_the_option_is_everybodys(client, early_bike, bike_product):
    titanium = option(post(client, STATE, {"product": bike_product.slug, "options": ["alu"]}).json(), "titanium")
    assert titanium == titanium | {"status": "available", "reason": "", "early_access_until": None, "note": ""}
    assert post(client, STATE, body(bike_product)).status_code == 200
    assert post(client, QUOTES, body(bike_product)).status_code == 201


@freeze_time(BEFORE)
def test_the_api_refuses_it_to_a_shopper_without_early_access_and_saves_nothing(client, early_bike, bike_product,
                                                                               member, gold_customer):
    for who in (None, member):
        if who:
            client.force_login(who)
        for api in (STATE, QUOTES):
            response = post(client, api, body(bike_product))
            assert response.status_code == 400
            assert response.json()["error"] == "invalid_selection"
            assert response.json()["detail"]["field"] == "titanium"
            assert response.json()["detail"]["message"] == REFUSED
    assert SavedConfiguration.objects.count() == 0
    client.force_login(gold_customer)
    state = post(client, STATE, body(bike_product)).json()
    assert option(state, "titanium")["status"] == "chosen" and state["complete"]
    assert state["price"]["total"] == "2190.00"  # 1290 + 900
    quote = post(client, QUOTES, body(bike_product))
    assert quote.status_code == 201 and quote.json()["choices"]["options"] == ["rim", "titanium"]


@freeze_time(BEFORE)
def test_the_page_shows_it_coming_and_refuses_to_save_or_order_it(client, early_bike, bike_product):
    url = reverse("configurator:configure", kwargs={"slug": bike_product.slug})
    page = client.get(url).content.decode()
    assert re.search(r'id="option-titanium"\s+aria-disabled="true"', page)
    assert f'id="reason-titanium" data-status>{COMING}</span>' in page
    form = {"frame": "titanium", "brakes": "rim", "height": "175"}
    for action in ("save", "basket"):
        response = client.post(url, {**form, "action": action})
        assert response.status_code == 400
        assert f"{REFUSED}." in text_of(response)  # in plain words: no option code
    assert SavedConfiguration.objects.count() == 0
    assert client.get("/shop/basket/").context["basket"].num_items == 0


@freeze_time(BEFORE)
def test_a_gold_customer_sees_the_note_and_orders_it_from_the_page(client, early_bike, bike_product, gold_customer):
    client.force_login(gold_customer)
    url = reverse("configurator:configure", kwargs={"slug": bike_product.slug})
    page = client.get(url).content.decode()
    assert not re.search(r'id="option-titanium"\s+aria-disabled="true"', page)
    assert "Early access for you: everybody else from Monday 1 March 2027" in page
    response = client.post(url, {"frame": "titanium", "brakes": "rim", "height": "175", "action": "basket"})
    assert response.status_code == 302 and response["Location"] == "/shop/basket/"
    basket = client.get("/shop/basket/").context["basket"]
    assert basket.num_items == 1 and SavedConfiguration.objects.get().choices["options"] == ["rim", "titanium"]


@freeze_time(BEFORE)
def test_saving_it_is_refused_without_early_access(early_bike, member, gold_customer):
    choices = {"version": early_bike, "options": ["titanium", "rim"], "measurements": {"height": 175}}
    for owner in (None, member):
        with pytest.raises(SelectionError, match="Titanium is not offered to you yet"):
            save_configuration(**choices, owner=owner)
    assert SavedConfiguration.objects.count() == 0
    assert save_configuration(**choices, owner=gold_customer).is_complete


@freeze_time(BEFORE)
def test_a_shared_early_access_configuration_goes_into_no_other_basket_before_its_day(
        client, early_bike, bike_product, basket, gold_customer):
    quote = save_configuration(version=early_bike, options=["titanium", "rim"], measurements={"height": 175},
                               owner=gold_customer)
    with pytest.raises(SelectionError, match="Titanium is not offered to you yet"):
        add_configuration_to_basket(basket=basket, configuration=quote)
    assert basket.num_lines == 0
    # opened from the shared link, the page says why and shows the rest of the configuration
    response = client.get(reverse("configurator:reopen", kwargs={"slug": bike_product.slug, "code": quote.code}))
    assert response.status_code == 400 and f"{REFUSED}." in text_of(response)  # in plain words: no option code
    with freeze_time(OPENING_DAY):
        add_configuration_to_basket(basket=basket, configuration=quote)
    assert basket.num_lines == 1


@freeze_time(BEFORE)
def test_an_option_in_early_access_is_never_chosen_by_default(client, early_bike, bike_product, gold_customer):
    FeatureOption.objects.filter(code__in=["alu", "titanium"]).update(is_default=False)
    FeatureOption.objects.filter(code="titanium").update(is_default=True)
    version = publish_model(configurable=early_bike.configurable)
    assert [o for g in version.definition["groups"] for o in g["options"] if o["code"] == "titanium"][0]["default"]
    url = reverse("configurator:configure", kwargs={"slug": bike_product.slug})
    for who in (None, gold_customer):
        if who:
            client.force_login(who)
        response = client.get(url)
        assert response.status_code == 200 and not re.search(r'id="option-titanium"[^>]*checked', response.content
                                                             .decode())


@freeze_time(BEFORE)
def test_the_merchandiser_sets_the_day_in_the_feature_model_editor_and_publishing_carries_it(client_as, early_bike):
    merch, bike = client_as("merch"), early_bike.configurable
    carbon = FeatureOption.objects.get(group__configurable=bike, code="carbon")
    form = {**OPTION_FORM, "label": "Carbon", "code": "carbon", "price_delta": "400.00", "lead_time_days": "7",
            "swatch": "#222222", "bom": ""}
    edit = url("option-update", pk=bike.pk, option_pk=carbon.pk)
    assert 'type="date" name="early_access_until"' in merch.get(edit).content.decode()
    response = merch.post(edit, {**form, "early_access_until": "2027-02-15"})  # today: nobody would have it first
    assert response.status_code == 200
    assert ("Early access of “Carbon” would end on 15 February 2027, which is not after today: give a later day, or "
            "leave it empty to offer the option to everybody.") in text_of(response)
    assert merch.post(edit, {**form, "early_access_until": "2027-04-01"}).status_code == 302
    page = merch.get(url("detail", pk=bike.pk)).content.decode()
    assert re.search(r'data-early-access="carbon">early access until 1 Apr 2027', page)
    assert 'data-early-access="titanium">early access until 1 Mar 2027' in page
    merch.post(url("publish", pk=bike.pk), {"confirm": "yes"})  # the confirmation page's button
    published = bike.versions.get(is_current=True)
    opens = {o["code"]: o["early_access_until"] for g in published.definition["groups"] for o in g["options"]}
    assert (opens["carbon"], opens["titanium"], opens["alu"]) == ("2027-04-01", "2027-03-01", None)
    with freeze_time("2027-04-02"):  # a day long past stays when the option is edited again for something else
        assert merch.post(edit, {**form, "early_access_until": "2027-04-01", "label": "Carbon fibre"}
                          ).status_code == 302
