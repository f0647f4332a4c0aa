"""The configurator keeps its promises to a shopper (page without JavaScript and JSON state API): typed text is kept
as the step needs it, errors sit beside their field in plain words, Enter never orders, optional steps can be
emptied, a reason names the choice a shopper would change, a percent price is on its card, a saved link is shown."""

import json
import re

import pytest

from configurator.models import SavedConfiguration

pytestmark = pytest.mark.django_db

STATE = "/shop/api/configurator/state/"
SNEAKER, DESK, BIKE = "the-atelier-sneaker", "the-atelier-standing-desk", "the-atelier-city-bike"


def state(client, product, options=(), **body):
    response = client.post(STATE, data=json.dumps({"product": product, "options": list(options), **body}),
                           content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def group(answer, code):
    return next(g for g in answer["groups"] if g["code"] == code)


def option(answer, code):
    return next(o for g in answer["groups"] for o in g.get("options", []) if o["code"] == code)


def tag(page, element_id):
    """The opening tag of the element with this id."""
    return re.search(rf'<[a-z]+ [^>]*id="{element_id}"[^>]*>', page, re.S).group(0)


def test_a_lowercase_monogram_is_kept_in_capitals_by_the_api_and_priced(client):
    answer = state(client, SNEAKER, ["upper_leather"], texts={"monogram": "  jd "})
    assert answer["selection"]["texts"] == {"monogram": "JD"}
    assert group(answer, "monogram")["value"] == "JD"
    assert answer["price"]["total"] == "159.00"  # 149 + two letters at €5


def test_a_lowercase_monogram_is_saved_in_capitals_from_the_plain_form(client):
    response = client.post(f"/shop/configure/{SNEAKER}/",
                           {"upper_material": "upper_leather", "monogram": "jd", "action": "save"})
    assert response.status_code == 302
    assert SavedConfiguration.objects.get().choices["texts"] == {"monogram": "JD"}
    page = client.get(response["Location"]).content.decode()
    assert 'value="JD"' in tag(page, "field-monogram")


def test_a_refused_measurement_is_said_beside_its_field_in_plain_words_and_kept_to_correct(client):
    response = client.post(f"/shop/configure/{DESK}/", {"width": "320", "depth": "70", "action": "basket"})
    assert response.status_code == 400
    page = response.content.decode()
    field = tag(page, "field-width")
    assert 'aria-invalid="true"' in field and 'value="320"' in field
    assert "error-width" in re.search(r'aria-describedby="([^"]*)"', field).group(1).split()
    error = re.search(r'<p class="step__error" id="error-width"[^>]*>([^<]*)</p>', page).group(1)
    assert error.startswith("Width must be at most") and "(width)" not in page
    assert 'aria-disabled="true"' in tag(page, "add-to-basket")
    assert SavedConfiguration.objects.count() == 0


def test_a_refused_monogram_is_beside_its_field_and_the_api_says_which_field(client):
    response = client.post(STATE, data=json.dumps({"product": SNEAKER, "options": [], "texts": {"monogram": "J1"}}),
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]["field"] == "monogram"
    page = client.post(f"/shop/configure/{SNEAKER}/", {"monogram": "J1", "action": "update"}).content.decode()
    assert "Monogram may not contain &#x27;1&#x27;" in page and "(monogram)" not in page
    assert 'value="J1"' in tag(page, "field-monogram")


def test_enter_in_a_field_without_javascript_only_updates_the_price(client):
    page = client.get(f"/shop/configure/{SNEAKER}/").content.decode()
    form = page[page.index("data-configurator-form"):]
    first_button = re.search(r'<button type="submit" name="action" value="([a-z]+)"', form).group(1)
    assert first_button == "update"  # the form's default button: what Enter presses


@pytest.mark.parametrize(("product", "step", "label", "choice"), [
    (DESK, "cable_tray", "No cable tray", "cable_tray_steel"), (DESK, "keypad", "No memory keypad", "keypad_memory"),
    (DESK, "castors", "No castors", "castors_locking"), (BIKE, "basket", "No basket", "basket_willow"),
])
def test_an_optional_step_can_be_emptied_again_without_javascript(client, product, step, label, choice):
    url = f"/shop/configure/{product}/"
    picked = {"rack": "rack_front"} if step == "basket" else {}
    page = client.post(url, {**picked, step: choice, "action": "update"}).content.decode()
    assert "checked" in tag(page, f"option-{choice}") and "checked" not in tag(page, f"option-none-{step}")
    assert f'for="option-none-{step}"><span class="option__label">{label}</span>' in page

    page = client.post(url, {**picked, step: "", "action": "update"}).content.decode()  # "None" checked
    assert "checked" not in tag(page, f"option-{choice}") and "checked" in tag(page, f"option-none-{step}")
    answer = state(client, product, [*picked.values()])
    assert group(answer, step)["none_label"] == label and group(answer, step)["none_chosen"] is True
    assert group(state(client, product, [*picked.values(), choice]), step)["none_chosen"] is False
    assert group(answer, "top" if product == DESK else "brakes")["none_label"] is None  # a required step


def test_a_reason_names_the_most_recent_choice_among_those_that_block(client):
    chosen = ["upper_leather", "toe_contrast_leather"]  # each alone rules out the vegan lining
    assert option(state(client, SNEAKER, chosen), "lining_vegan")["reason"] == (
        "Not available with Contrast toe cap in chalk leather")
    assert option(state(client, SNEAKER, chosen[::-1]), "lining_vegan")["reason"] == (
        "Not available with Full-grain leather")


def test_a_reason_names_two_choices_that_block_together(client):
    answer = state(client, BIKE, ["hub_front_dynamo", "mudguards_none", "rack_none"])
    assert option(answer, "lights_dynamo")["reason"] == "Not available with No mudguards and No rack"  # step order


def test_the_page_names_the_choice_in_the_nearest_step_when_it_cannot_know_the_order(client):
    page = client.post(f"/shop/configure/{SNEAKER}/", {"upper_material": "upper_leather",
                                                       "toe_cap": "toe_contrast_leather", "action": "update"})
    reason = re.search(r'id="reason-lining_vegan" data-status>([^<]*)<', page.content.decode()).group(1)
    assert reason == "Not available with Contrast toe cap in chalk leather"  # step 4, nearer the lining than 2


def test_a_percent_price_rule_is_on_its_option_card_at_the_current_selection(client):
    suede = option(state(client, SNEAKER, ["upper_leather"]), "upper_suede")
    assert (suede["price_percent"], suede["price_percent_amount"]) == ("10", "14.90")  # 10 % of 149
    dearer = option(state(client, SNEAKER, ["upper_leather", "sole_gum"]), "upper_suede")
    assert dearer["price_percent_amount"] == "15.90"  # 10 % of 149 + 10 for the gum sole
    assert option(state(client, SNEAKER), "upper_canvas")["price_percent"] is None
    page = client.get(f"/shop/configure/{SNEAKER}/").content.decode()
    card = page[page.index('for="option-upper_suede"'):]
    assert re.search(r'data-option-price>([^<]*)<', card).group(1) == "+10 % (+€14.90) · +3 days"


def test_a_saved_configuration_shows_its_link_to_copy_and_share(client):
    response = client.post(f"/shop/configure/{SNEAKER}/", {"action": "save"})
    code = SavedConfiguration.objects.get().code
    page = client.get(response["Location"]).content.decode()
    link = tag(page, "share-link")
    assert f'value="http://testserver/shop/configure/{SNEAKER}/{code}/"' in link and "readonly" in link
    assert re.search(r"data-copy-link hidden>Copy link<", page)  # the script shows it where it can copy
    assert "share-link" not in client.get(f"/shop/configure/{SNEAKER}/").content.decode()
