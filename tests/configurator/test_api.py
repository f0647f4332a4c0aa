"""The configurator's JSON API: state, save, fetch; every kind of bad input answers 400 and saves nothing."""

import json
import random
from decimal import Decimal

import pytest
from django.test import Client

from configurator.models import SavedConfiguration

STATE, QUOTES = "/shop/api/configurator/state/", "/shop/api/configurator/quotes/"


def post(client, url, body):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json")


def option(state, code):
    return next(o for g in state["groups"] for o in g.get("options", []) if o["code"] == code)


def test_state_reports_availability_reasons_price_dates_and_preview(client, bike_version, bike_product):
    response = post(client, STATE, {"product": bike_product.slug, "options": ["carbon", "basket"],
                                    "measurements": {"height": 172}, "texts": {"monogram": "AB"}})
    assert response.status_code == 200
    state = response.json()
    assert option(state, "carbon")["status"] == "chosen"
    assert option(state, "disc")["status"] == "included"
    assert option(state, "rim") == option(state, "rim") | {"status": "unavailable",
                                                          "reason": "Not available with Carbon"}
    assert option(state, "rack")["reason"] == "Not available with Carbon"
    assert option(state, "alu")["status"] == "available"  # switching the frame is always possible
    assert option(state, "size_m")["status"] == "chosen"
    assert state["price"]["total"] == str(Decimal("1290.00") + 400 + 120 + 35 + 10)
    assert state["lead_time_days"] == 17
    assert state["complete"] is True and state["missing"] == []
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in state["preview_svg"] and "#222222" in state["preview_svg"]


def test_the_rider_height_explains_why_a_carbon_frame_is_not_offered(client, bike_version, bike_product):
    state = post(client, STATE, {"product": bike_product.slug, "options": ["disc"],
                                 "measurements": {"height": "160"}}).json()
    assert option(state, "carbon")["reason"] == "Not available with Frame S (from your rider height)"


def test_a_partial_selection_says_what_is_missing(client, bike_version, bike_product):
    state = post(client, STATE, {"product": bike_product.slug, "options": ["alu"]}).json()
    assert state["completable"] is True and state["complete"] is False
    assert state["missing"] == ["Choose a brakes.", "Enter rider height."]


def test_saving_a_quote_returns_a_share_code_that_reopens_it(client, bike_version, bike_product):
    response = post(client, QUOTES, {"product": bike_product.slug, "options": ["alu", "rim", "rack", "basket"],
                                     "measurements": {"height": 181}})
    assert response.status_code == 201
    quote = response.json()
    assert len(quote["code"]) == 10 and quote["complete"] is True
    assert quote["total"] == "1360.00" and quote["version"] == bike_version.number
    assert quote["choices"] == {"options": ["alu", "basket", "rack", "rim"], "measurements": {"height": "181"},
                                "texts": {}}
    fetched = client.get(f"{QUOTES}{quote['code']}/")
    assert fetched.status_code == 200 and fetched.json() == quote
    assert client.get(quote["url"]).status_code == 200


@pytest.mark.parametrize(("body", "field", "error"), [
    ("{not json", "body", "invalid_json"),
    ("[1, 2]", "body", "invalid_json"),
    ("", "body", "invalid_json"),
    ({"options": ["alu"]}, "product", "invalid_request"),
    ({"product": "no-such-product"}, "product", "unknown_product"),
    ({"product": "{slug}", "options": ["titanium"]}, "titanium", "invalid_selection"),
    ({"product": 12}, "product", "invalid_request"),
    ({"product": "{slug}", "options": "alu"}, "options", "invalid_request"),
    ({"product": "{slug}", "options": [1]}, "options", "invalid_request"),
    ({"product": "{slug}", "options": ["size_m"]}, "size_m", "invalid_selection"),
    ({"product": "{slug}", "measurements": {"height": 260}}, "height", "invalid_selection"),
    ({"product": "{slug}", "measurements": {"height": "tall"}}, "height", "invalid_selection"),
    ({"product": "{slug}", "measurements": ["height"]}, "measurements", "invalid_request"),
    ({"product": "{slug}", "texts": "AB"}, "texts", "invalid_request"),
    ({"product": "{slug}", "texts": {"monogram": "ABCD"}}, "monogram", "invalid_selection"),
    ({"product": "{slug}", "texts": {"monogram": "a1"}}, "monogram", "invalid_selection"),
    ({"product": "{slug}", "options": ["alu"], "price": "1.00"}, "price", "invalid_request"),
    ({"product": "{slug}", "options": ["laces_red"]}, "laces_red", "invalid_selection"),
])
def test_bad_input_answers_400_naming_the_field_and_saves_nothing(client, bike_version, bike_product, body, field,
                                                                   error):
    if isinstance(body, dict) and body.get("product") == "{slug}":
        body = {**body, "product": bike_product.slug}
    before = SavedConfiguration.objects.count()
    for url in (STATE, QUOTES):
        response = post(client, url, body)
        assert response.status_code == 400, response.content
        assert response.json()["error"] == error
        assert response.json()["detail"]["field"] == field
        assert response.json()["detail"]["message"]
        assert set(response.json()) == {"error", "detail"}
        assert set(response.json()["detail"]) == {"message", "field", "fields"}
        assert response.json()["detail"]["fields"][field] == [response.json()["detail"]["message"]]
    assert SavedConfiguration.objects.count() == before


def test_every_problem_of_a_body_is_named_by_its_place(client, bike_version, bike_product):
    response = post(client, STATE, {"options": "alu", "texts": [], "price": "1.00", "total": 0})
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_request", "detail": {
        "message": "must be the product's slug", "field": "product", "fields": {
            "product": ["must be the product's slug"],
            "options": ["must be a list of option codes"],
            "texts": ["must be an object mapping step codes to texts"],
            "price": ["is not a field of this request"],
            "total": ["is not a field of this request"],
        }}}


@pytest.mark.parametrize(("body", "message"), [
    ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ('{"product": "{slug}", "options": ' + "[" * 40 + "]" * 40 + "}", "nested too deeply"),
    ('{"product": "{slug}", "texts": {"monogram": "A\\ud800"}}', "half of a surrogate pair"),
    ('{"product": "{slug}", "texts": {"\\udfff": "AB"}}', "half of a surrogate pair"),
    ('{"product": "{slug}", "texts": {"monogram": "A\\u0000"}}', "NUL character"),
])
def test_bodies_json_cannot_carry_safely_answer_400_invalid_json(client, bike_version, bike_product, body, message):
    body = body.replace("{slug}", bike_product.slug)
    before = SavedConfiguration.objects.count()
    for url in (STATE, QUOTES):
        response = post(client, url, body)
        assert response.status_code == 400, response.content
        assert response.json()["error"] == "invalid_json"
        assert response.json()["detail"]["field"] == "body"
        assert message in response.json()["detail"]["message"]
    assert SavedConfiguration.objects.count() == before


def test_unknown_quote_codes_answer_404_json(client, bike_version):
    response = client.get(f"{QUOTES}nosuchcode/")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_the_api_refuses_other_methods(client, bike_version):
    assert client.get(STATE).status_code == 405
    assert client.put(QUOTES).status_code == 405


def test_state_and_quote_have_query_budgets(client, bike_version, bike_product, member,
                                           django_assert_max_num_queries):
    body = {"product": bike_product.slug, "options": ["carbon"], "measurements": {"height": 185}}
    post(client, STATE, body)  # the compiled model is cached per version after the first call
    with django_assert_max_num_queries(3):
        assert post(client, STATE, body).status_code == 200
    with django_assert_max_num_queries(6):
        assert post(client, QUOTES, body).status_code == 201
    client.force_login(member)
    # signed in: + the session and the user (Django's), + the customer's loyalty tier (one query, signed-in only:
    # it decides their ship date, with or without a free express slot, and what they see of options in early access)
    with django_assert_max_num_queries(3 + 2 + 1):
        assert post(client, STATE, body).status_code == 200


def test_random_bodies_never_cause_a_server_error(client, bike_version, bike_product):
    rng = random.Random(7)
    values = [None, True, 0, -1, 3.5, "", "alu", "size_m", "carbon", "185", "NaN", "1e400", [], {}, ["alu", "alu"],
              {"height": None}, {"height": "1e400"}, {"monogram": ["A"]}, {"frame": "alu"}, [["alu"]], "A" * 500]
    keys = ["product", "options", "measurements", "texts"]
    for _ in range(150):
        body = {key: rng.choice(values + [bike_product.slug]) for key in rng.sample(keys, rng.randint(0, 4))}
        for url in (STATE, QUOTES):
            response = post(client, url, body)
            assert response.status_code in (200, 201, 400), (body, response.content)
            if response.status_code == 400:
                assert set(response.json()) == {"error", "detail"}


def test_a_request_without_the_csrf_token_is_refused_in_json(bike_version, bike_product):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(STATE, data=json.dumps({"product": bike_product.slug}), content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"] == "csrf_failed"
    assert strict.post("/shop/configure/" + bike_product.slug + "/", {"action": "save"}).status_code == 403
