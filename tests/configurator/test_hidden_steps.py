"""A step hidden by another choice keeps no input: not in the state, the price, the quote or the basket.

The demo sneaker's monogram (€5 a letter) is offered only with the leather upper; suede adds 10% to the
subtotal. A shopper types "JD" on leather (€159.00), then picks suede: the monogram is dropped and named.
"""

import json
from decimal import Decimal
from urllib.parse import urlsplit

from django.utils import timezone

from configurator.models import SavedConfiguration
from configurator.selectors import current_version_for_slug
from configurator.services import publish_model

STATE, QUOTES = "/shop/api/configurator/state/", "/shop/api/configurator/quotes/"
SNEAKER = "the-atelier-sneaker"
PAGE = f"/shop/configure/{SNEAKER}/"
DEFAULTS = {"size": "size_42", "upper_material": "upper_leather", "upper_colour": "colour_terracotta",
            "toe_cap": "toe_same", "sole": "sole_white", "laces": "laces_chalk", "lining": "lining_calf"}
SUEDE = {**DEFAULTS, "upper_material": "upper_suede"}
REMOVED = {"group": "monogram", "label": "Monogram", "value": "JD", "reason": "only offered with Full-grain leather",
           "message": "Monogram removed: only offered with Full-grain leather"}


def body(fields, texts=None):
    return {"product": SNEAKER, "options": list(fields.values()), "texts": texts or {}}


def post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def group(state, code):
    return next(g for g in state["groups"] if g["code"] == code)


def test_the_state_and_the_quote_drop_a_monogram_hidden_by_suede(client, db):
    leather = post(client, STATE, body(DEFAULTS, {"monogram": "JD"})).json()
    assert leather["price"]["total"] == "159.00" and leather["removed"] == []

    response = post(client, STATE, body(SUEDE, {"monogram": "JD"}))
    assert response.status_code == 200
    state = response.json()
    assert state["removed"] == [REMOVED]
    assert state["selection"]["texts"] == {}
    assert group(state, "monogram") | {"visible": False, "value": ""} == group(state, "monogram")
    assert [line["label"] for line in state["price"]["lines"]] == ["Base price", "Suede premium (+10%)"]
    assert state["price"]["total"] == "163.90"  # 149 + 10%, not (149 + 10) + 10%
    assert state["complete"] is True and state["missing"] == []

    response = post(client, QUOTES, body(SUEDE, {"monogram": "JD"}))
    assert response.status_code == 201
    quote = response.json()
    assert quote["total"] == "163.90" and quote["complete"] is True
    assert quote["choices"]["texts"] == {} and "upper_suede" in quote["choices"]["options"]
    saved = SavedConfiguration.objects.get(code=quote["code"])
    assert saved.total == Decimal("163.90") and saved.choices["texts"] == {}


def test_add_to_basket_with_a_stale_monogram_puts_in_the_shown_price_and_says_what_was_dropped(client, db):
    shown = post(client, STATE, body(SUEDE, {"monogram": "JD"})).json()["price"]["total"]
    # The plain form sends every field, also the hidden step's (as a page without JavaScript does).
    response = client.post(PAGE, {**SUEDE, "monogram": "JD", "action": "basket"})
    assert response.status_code == 302 and response["Location"] == "/shop/basket/"
    basket_page = client.get("/shop/basket/")
    line = basket_page.context["basket"].all_lines()[0]
    assert line.line_price_incl_tax == Decimal(shown) == Decimal("163.90")
    page = basket_page.content.decode()
    assert "Monogram removed: only offered with Full-grain leather." in page
    assert SavedConfiguration.objects.get().choices["texts"] == {}  # the workshop will not emboss it either


def test_the_page_without_javascript_shows_the_removal_and_undoes_it(client, db):
    before = client.get(PAGE, {**DEFAULTS, "monogram": "JD"}).content.decode()
    assert "€159.00" in before and 'value="JD"' in before
    previous = before.split('name="previous" value="')[1].split('"')[0].replace("&amp;", "&")

    response = client.post(PAGE, {**SUEDE, "monogram": "JD", "previous": previous, "action": "update"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Monogram removed: only offered with Full-grain leather" in page
    assert "€163.90" in page and 'value="JD"' not in page
    undo = page.split('data-undo-removed')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    assert urlsplit(undo).path == PAGE

    undone = client.get(undo).content.decode()
    assert 'id="option-upper_leather" checked' in undone and 'value="JD"' in undone and "€159.00" in undone
    assert "Monogram removed" not in undone


def test_checking_a_quote_again_drops_input_the_new_model_hides_and_says_so(client, db):
    client.post(PAGE, {**DEFAULTS, "monogram": "JD", "action": "basket"})
    quote = SavedConfiguration.objects.get()
    assert quote.total == Decimal("159.00")
    SavedConfiguration.objects.filter(pk=quote.pk).update(expires_at=timezone.now())
    configurable = current_version_for_slug(SNEAKER).configurable
    configurable.groups.filter(code="monogram").update(visible_when="upper_suede")  # now a suede-only step
    publish_model(configurable=configurable)

    response = client.post(f"/shop/configure/requote/{quote.code}/", follow=True)
    page = response.content.decode()
    assert "Monogram removed: only offered with Suede, so we left it out." in page
    assert "The price changed from €159.00 to €149.00." in page
    assert response.context["basket"].all_lines()[0].line_price_incl_tax == Decimal("149.00")


def test_a_choice_that_hides_a_step_is_offered_and_drops_that_steps_choice(client, db):
    bike = {"product": "the-atelier-city-bike", "measurements": {"rider_height": 172},
            "options": ["frame_sage", "hub_3speed", "hub_front_standard", "brakes_rim", "mudguards_steel",
                        "lights_battery", "bell_brass"]}
    front = post(client, STATE, {**bike, "options": bike["options"] + ["rack_front", "basket_willow"]}).json()
    rear = next(o for o in group(front, "rack")["options"] if o["code"] == "rack_rear")
    assert rear["status"] == "available"  # picking it is allowed: it takes the basket away, visibly
    state = post(client, STATE, {**bike, "options": bike["options"] + ["rack_rear", "basket_willow"]}).json()
    assert [r["message"] for r in state["removed"]] == ["Basket removed: only offered with Front platform rack"]
    assert state["removed"][0]["value"] == "Woven willow basket"
    assert state["complete"] is True and "basket_willow" not in state["selection"]["options"]
    assert state["price"]["total"] == "1335.00"  # 1290 + rear rack 45, no basket
