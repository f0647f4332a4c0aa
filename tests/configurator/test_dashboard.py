"""Merchandisers edit feature models in the staff dashboard: list, model page, forms, publishing, retiring,
permissions and query budgets."""

import html
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags
from oscar.apps.dashboard.nav import default_access_fn
from oscar.core.loading import get_model

from configurator.dashboard.permissions import VIEW_PERMISSIONS
from configurator.definition import build_definition
from configurator.models import (
    ConfigurableProduct,
    FeatureGroup,
    FeatureOption,
    FeatureRule,
    ModelVersion,
    PriceRule,
)

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"dashboard:feature-model-{name}", kwargs=kwargs)


def html_of(response):
    return html.unescape(response.content.decode())


def text_of(response):
    """The page's text as a merchandiser reads it: no tags, entities decoded, white space collapsed."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def bike(bike_version):
    return bike_version.configurable


@pytest.fixture
def merch(client_as):
    return client_as("merch")


def group(bike, code):
    return bike.groups.get(code=code)


def option(bike, code):
    return FeatureOption.objects.get(group__configurable=bike, code=code)


def rule(bike, name):
    return bike.rules.get(name=name)


def snapshot(configurable):
    """Everything the draft holds, plus when it last changed: bad input must leave all of it as it was."""
    configurable.refresh_from_db()
    return build_definition(configurable), configurable.draft_updated_at


GROUP_FORM = {"name": "Bell", "code": "bell", "help_text": "", "position": "9", "kind": "choice", "required": "",
              "min_choices": "0", "max_choices": "1", "visible_when": "", "max_length": "0",
              "allowed_characters": "", "price_per_character": "0", "unit": "", "minimum": "", "maximum": "",
              "step": "", "price_per_unit": "0"}
OPTION_FORM = {"label": "Brass bell", "code": "bell_brass", "position": "5", "price_delta": "19.00",
               "lead_time_days": "1", "is_active": "on", "swatch": "#C8A03D", "layer_svg": "", "layer_order": "0",
               "bom": "BELL-BRASS 1 pc\nBOLT-M5 2 pcs"}
RULE_FORM = {"kind": "requires", "name": "Lights need disc brakes", "when": "lights", "then": "disc",
             "position": "5"}
CONFIRM = {"confirm": "yes"}  # what the confirmation pages' buttons send
PRICE_RULE_FORM = {"label": "Commuter pack", "when": "lights and rack", "amount": "-15.00", "percent": "0",
                   "position": "3"}


# --- List and model page -------------------------------------------------------------------------------------------


def test_list_shows_every_configurable_product_with_counts_and_current_version(merch, bike, bike_version):
    response = merch.get(url("list"))
    assert response.status_code == 200
    page = text_of(response)
    for title in ("The Atelier City Bike", "The Atelier Sneaker", "The Atelier Standing Desk"):
        assert title in page
    row = next(p for p in response.context["products"] if p.pk == bike.pk)
    assert (row.group_count, row.option_count, row.rule_count, row.price_rule_count) == (5, 10, 3, 1)
    assert row.current_number == bike_version.number
    assert row.current_published_at == bike_version.published_at
    assert not row.draft_changed
    assert f"Version {bike_version.number}, published" in page
    assert url("detail", pk=bike.pk) in html_of(response)


def test_list_flags_a_draft_changed_since_publishing(merch, bike):
    assert "Changed since publishing" not in text_of(merch.get(url("list")))
    form = {**GROUP_FORM, "name": "Frame material", "code": "frame", "position": "0", "required": "on",
            "min_choices": "1"}
    assert merch.post(url("group-update", pk=bike.pk, group_pk=group(bike, "frame").pk), form).status_code == 302

    response = merch.get(url("list"))
    assert next(p for p in response.context["products"] if p.pk == bike.pk).draft_changed
    assert "Changed since publishing" in text_of(response)


def test_model_page_shows_steps_options_and_readable_rules(merch, bike):
    response = merch.get(url("detail", pk=bike.pk))
    assert response.status_code == 200
    page = text_of(response)
    steps = [g.name for g, _ in response.context["groups"]]
    assert steps == ["Frame", "Brakes", "Extras", "Rider height", "Monogram"]
    for text in ("Aluminium", "carbon", "400.00", "+7", "When Carbon, then also Disc brakes",
                 "Carbon never together with Rear rack", "Carbon never together with Frame S",
                 "Rear rack and Basket", "The checks found no problems"):
        assert text in page, text
    links = html_of(response)
    assert url("option-update", pk=bike.pk, option_pk=option(bike, "carbon").pk) in links
    assert url("rule-update", pk=bike.pk, rule_pk=rule(bike, "Carbon frames take no rack").pk) in links


def test_labels_used_in_two_steps_are_told_apart_by_the_step(merch):
    sneaker = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001")
    page = text_of(merch.get(url("detail", pk=sneaker.pk)))
    assert "Suede never together with Chalk (Upper colour)" in page
    assert "When Mustard (Upper colour), then also Full-grain leather or Suede" in page


def test_model_page_names_blocking_problems_as_errors_and_forced_steps_as_warnings(merch, bike):
    FeatureRule.objects.create(configurable=bike, name="Aluminium only this season", kind="constraint", when="alu")

    response = merch.get(url("detail", pk=bike.pk))
    errors = [p.message for p in response.context["errors"]]
    warnings = [p.message for p in response.context["warnings"]]
    assert errors == ["Frame: Carbon can never be chosen (Aluminium only this season)."]
    assert warnings == ["Frame is always forced to Aluminium."]
    page = text_of(response)
    assert "The draft can't be published yet: Frame: Carbon can never be chosen (Aluminium only this season)." \
        in page
    assert "these don't stop publishing): Frame is always forced to Aluminium." in page


# --- Steps (groups) ------------------------------------------------------------------------------------------------


def test_merch_creates_edits_and_deletes_a_step(merch, bike):
    response = merch.post(url("group-create", pk=bike.pk), {**GROUP_FORM, "visible_when": "alu and not rack"})
    created = group(bike, "bell")
    assert response.status_code == 302
    assert response["Location"] == url("detail", pk=bike.pk) + f"#step-{created.pk}"
    assert created.visible_when == {"all": ["alu", {"not": "rack"}]}
    page = text_of(merch.get(url("detail", pk=bike.pk)))
    assert "Bell" in page and "Shown only when Aluminium and not Rear rack" in page

    edit_page = html_of(merch.get(url("group-update", pk=bike.pk, group_pk=created.pk)))
    assert 'value="alu and not rack"' in edit_page  # the stored JSON is shown as the text it came from
    response = merch.post(url("group-update", pk=bike.pk, group_pk=created.pk),
                          {**GROUP_FORM, "name": "Bell or horn", "max_choices": "2", "visible_when": ""})
    assert response.status_code == 302
    created.refresh_from_db()
    assert (created.name, created.max_choices, created.visible_when) == ("Bell or horn", 2, None)

    response = merch.post(url("group-delete", pk=bike.pk, group_pk=created.pk), follow=True)
    assert not bike.groups.filter(code="bell").exists()
    assert "Deleted step “Bell or horn”." in messages_of(response)


def test_a_step_whose_options_rules_use_cannot_be_deleted(merch, bike):
    extras = group(bike, "extras")
    before = snapshot(bike)
    page = text_of(merch.get(url("group-delete", pk=bike.pk, group_pk=extras.pk)))
    assert "Step “Extras” has options that are still used by rule “Carbon frames take no rack” and price rule " \
           "“Rack and basket together”" in page

    response = merch.post(url("group-delete", pk=bike.pk, group_pk=extras.pk), follow=True)
    assert any("still used by rule “Carbon frames take no rack”" in m for m in messages_of(response))
    assert snapshot(bike) == before


@pytest.mark.parametrize("changes, message", [
    ({"code": "brakes"}, "Step code “brakes” is already used by step “Brakes”."),
    ({"min_choices": "3", "max_choices": "2"}, "Step “Bell”: at most 2 choices is fewer than at least 3."),
    ({"kind": "measurement", "unit": "cm", "minimum": "200", "maximum": "150"},
     "Step “Bell”: the minimum 200 is more than the maximum 150."),
    ({"visible_when": "carbon and rak"}, "Unknown option “rak” (did you mean “rack”?)"),
    ({"visible_when": "carbon and (rack"}, "The “(” at position 12 is never closed: add a “)”."),
    ({"kind": "text", "allowed_characters": "Z-A"}, "“Z-A” is not a character class"),
])
def test_a_bad_step_shows_the_error_and_changes_nothing(merch, bike, changes, message):
    before, groups = snapshot(bike), FeatureGroup.objects.count()
    response = merch.post(url("group-create", pk=bike.pk), {**GROUP_FORM, **changes})
    assert response.status_code == 200
    assert message in text_of(response)
    assert FeatureGroup.objects.count() == groups
    assert snapshot(bike) == before


def test_a_step_cannot_depend_on_its_own_options(merch, bike):
    frame = group(bike, "frame")
    before = snapshot(bike)
    form = {**GROUP_FORM, "name": "Frame", "code": "frame", "position": "0", "required": "on", "min_choices": "1",
            "visible_when": "carbon or rack"}
    response = merch.post(url("group-update", pk=bike.pk, group_pk=frame.pk), form)
    assert "Step “Frame” can't be shown only when one of its own options is chosen (carbon)." in text_of(response)
    assert snapshot(bike) == before


# --- Options -------------------------------------------------------------------------------------------------------


def test_merch_creates_edits_and_deletes_an_option_with_its_bill_of_materials(merch, bike):
    extras = group(bike, "extras")
    response = merch.post(url("option-create", pk=bike.pk, group_pk=extras.pk), OPTION_FORM)
    assert response.status_code == 302
    bell = option(bike, "bell_brass")
    assert (bell.group, bell.label, bell.price_delta, bell.lead_time_days) == (extras, "Brass bell", Decimal("19"), 1)
    assert [(line.component_code, line.quantity, line.unit) for line in bell.bom_lines.all()] == [
        ("BELL-BRASS", Decimal("1"), "pc"), ("BOLT-M5", Decimal("2"), "pcs")]

    edit_page = html_of(merch.get(url("option-update", pk=bike.pk, option_pk=bell.pk)))
    assert "BELL-BRASS 1 pc\nBOLT-M5 2 pcs" in edit_page
    response = merch.post(url("option-update", pk=bike.pk, option_pk=bell.pk),
                          {**OPTION_FORM, "label": "Brass bell, polished", "bom": "BELL-BRASS-POLISHED 1.5 pc\n\n"})
    assert response.status_code == 302
    bell.refresh_from_db()
    assert bell.label == "Brass bell, polished"
    assert [(line.component_code, line.quantity) for line in bell.bom_lines.all()] == [
        ("BELL-BRASS-POLISHED", Decimal("1.5"))]

    response = merch.post(url("option-delete", pk=bike.pk, option_pk=bell.pk), follow=True)
    assert not FeatureOption.objects.filter(pk=bell.pk).exists()
    assert "Deleted option “Brass bell, polished”." in messages_of(response)


def test_an_option_rules_use_cannot_be_deleted_or_renamed(merch, bike):
    rack = option(bike, "rack")
    before = snapshot(bike)
    response = merch.post(url("option-delete", pk=bike.pk, option_pk=rack.pk), follow=True)
    assert ("Option “Rear rack” (rack) is still used by rule “Carbon frames take no rack” and price rule “Rack and "
            "basket together”: change or delete them first.") in messages_of(response)

    form = {"label": "Rear rack", "code": "rear_rack", "position": "0", "price_delta": "45.00",
            "lead_time_days": "0", "is_active": "on", "swatch": "", "layer_svg": "", "layer_order": "0", "bom": ""}
    response = merch.post(url("option-update", pk=bike.pk, option_pk=rack.pk), form)
    assert "Option code “rack” is used by rule “Carbon frames take no rack”, price rule “Rack and basket " \
           "together”" in text_of(response)
    assert snapshot(bike) == before


@pytest.mark.parametrize("changes, message", [
    ({"code": "rim"}, "Option code “rim” is already used in step “Brakes”."),
    ({"code": "rack"}, "Option code “rack” is already used in step “Extras”."),
    ({"code": "not"}, "“not” is a word of the condition language"),
    ({"swatch": "red"}, "Swatch “red” of “Brass bell” is not a CSS hex colour like #C8553D."),
    ({"swatch": "#C8553"}, "Swatch “#C8553” of “Brass bell” is not a CSS hex colour"),
    ({"layer_svg": '<circle r="4" onclick="steal()"/>'},
     "Preview layer of “Brass bell”: The attribute 'onclick' is not allowed in a preview layer."),
    ({"layer_svg": "<script>steal()</script>"}, "Preview layer of “Brass bell”: <script> is not allowed"),
    ({"bom": "BELL-BRASS 1 pc\nBOLT-M5 two pcs"},
     "Bill of materials line 2 “BOLT-M5 two pcs”: the quantity “two” is not a number."),
    ({"bom": "BELL-BRASS 1"}, "Bill of materials line 1 “BELL-BRASS 1”: write “COMPONENT-CODE quantity unit”"),
    ({"bom": "BELL-BRASS -1 pc"}, "Bill of materials line 1 “BELL-BRASS -1 pc”: the quantity must be more than 0."),
    ({"bom": "BELL-BRASS 1 pc\nBELL-BRASS 2 pc"},
     "Bill of materials line 2 “BELL-BRASS 2 pc”: the component BELL-BRASS is already on line 1"),
    ({"bom": "BELL-BRASS 0.0001 pc"}, "at most 7 digits before and 3 after the decimal point"),
])
def test_a_bad_option_shows_the_error_naming_it_and_changes_nothing(merch, bike, changes, message):
    before, options = snapshot(bike), FeatureOption.objects.count()
    response = merch.post(url("option-create", pk=bike.pk, group_pk=group(bike, "extras").pk),
                          {**OPTION_FORM, **changes})
    assert response.status_code == 200
    assert message in text_of(response)
    assert FeatureOption.objects.count() == options
    assert snapshot(bike) == before


def test_a_measured_range_must_start_below_its_end(merch, bike):
    size_m = option(bike, "size_m")
    before = snapshot(bike)
    form = {"label": "Frame M", "code": "size_m", "position": "1", "price_delta": "0", "lead_time_days": "0",
            "is_active": "on", "swatch": "", "layer_svg": "", "layer_order": "0", "bom": "",
            "range_min": "180", "range_max": "165"}
    response = merch.post(url("option-update", pk=bike.pk, option_pk=size_m.pk), form)
    assert "“Frame M” is measured from 180 up to 165: the range must start below where it ends." in text_of(response)
    assert snapshot(bike) == before


def test_text_steps_take_no_options(merch, bike):
    monogram = group(bike, "monogram")
    response = merch.post(url("option-create", pk=bike.pk, group_pk=monogram.pk), OPTION_FORM, follow=True)
    assert "Step “Monogram” asks for free text: it has no options." in messages_of(response)
    assert not monogram.options.exists()


# --- Rules and price rules -----------------------------------------------------------------------------------------


def test_merch_creates_edits_and_deletes_a_rule(merch, bike):
    response = merch.post(url("rule-create", pk=bike.pk), RULE_FORM)
    assert response.status_code == 302
    created = rule(bike, "Lights need disc brakes")
    assert (created.kind, created.when, created.then) == ("requires", "lights", "disc")
    assert "When Dynamo lights, then also Disc brakes" in text_of(merch.get(url("detail", pk=bike.pk)))

    response = merch.post(url("rule-update", pk=bike.pk, rule_pk=created.pk),
                          {**RULE_FORM, "kind": "excludes", "name": "No lights on small carbon frames",
                           "when": "lights", "then": "carbon and size_s"})
    assert response.status_code == 302
    created.refresh_from_db()
    assert (created.kind, created.then) == ("excludes", {"all": ["carbon", "size_s"]})
    page = text_of(merch.get(url("detail", pk=bike.pk)))
    assert "Dynamo lights never together with Carbon and Frame S" in page

    merch.post(url("rule-delete", pk=bike.pk, rule_pk=created.pk))
    assert not bike.rules.filter(pk=created.pk).exists()


def test_constraint_rules_take_only_a_when_condition(merch, bike):
    response = merch.post(url("rule-create", pk=bike.pk),
                          {**RULE_FORM, "kind": "constraint", "name": "Always lights or a rack",
                           "when": "lights or rack", "then": ""})
    assert response.status_code == 302
    assert rule(bike, "Always lights or a rack").when == {"any": ["lights", "rack"]}
    assert "Always Dynamo lights or Rear rack" in text_of(merch.get(url("detail", pk=bike.pk)))


@pytest.mark.parametrize("changes, message", [
    ({"when": "lihgts"}, "Unknown option “lihgts” (did you mean “lights”?)"),
    ({"then": "disc and"}, "The condition ends after “and”: an option code should follow."),
    ({"when": "lights)"}, "Unexpected “)” at position 7."),
    ({"then": ""}, "A “When … then also …” rule needs a “then” condition."),
    ({"kind": "constraint"}, "rule has only a “when” condition: leave “then” empty."),
    ({"when": ""}, "This field is required."),
    ({"when": "(" * 5000 + "lights" + ")" * 5000}, "at most 10 levels of parentheses and “not” are allowed"),
    ({"then": "not " * 3000 + "disc"}, "at most 10 levels of parentheses and “not” are allowed"),
])
def test_a_bad_rule_shows_the_error_and_changes_nothing(merch, bike, changes, message):
    before, rules = snapshot(bike), FeatureRule.objects.count()
    response = merch.post(url("rule-create", pk=bike.pk), {**RULE_FORM, **changes})
    assert response.status_code == 200
    assert message in text_of(response)
    assert FeatureRule.objects.count() == rules
    assert snapshot(bike) == before


def test_merch_creates_edits_and_deletes_a_price_rule(merch, bike):
    assert merch.post(url("price-rule-create", pk=bike.pk), PRICE_RULE_FORM).status_code == 302
    created = bike.price_rules.get(label="Commuter pack")
    assert (created.when, created.amount) == ({"all": ["lights", "rack"]}, Decimal("-15"))
    assert "Dynamo lights and Rear rack" in text_of(merch.get(url("detail", pk=bike.pk)))

    merch.post(url("price-rule-update", pk=bike.pk, price_rule_pk=created.pk),
               {**PRICE_RULE_FORM, "amount": "0", "percent": "-5"})
    created.refresh_from_db()
    assert (created.amount, created.percent) == (Decimal("0"), Decimal("-5"))
    assert "-5.00%" in text_of(merch.get(url("detail", pk=bike.pk)))

    merch.post(url("price-rule-delete", pk=bike.pk, price_rule_pk=created.pk))
    assert not PriceRule.objects.filter(pk=created.pk).exists()


@pytest.mark.parametrize("changes, message", [
    ({"amount": "-15", "percent": "10"}, "“Commuter pack”: give an amount or a percent, not both."),
    ({"amount": "0", "percent": "0"}, "“Commuter pack”: give an amount or a percent."),
    ({"when": "lights and titanium"}, "Unknown option “titanium”"),
])
def test_a_bad_price_rule_shows_the_error_and_changes_nothing(merch, bike, changes, message):
    before = snapshot(bike)
    response = merch.post(url("price-rule-create", pk=bike.pk), {**PRICE_RULE_FORM, **changes})
    assert message in text_of(response)
    assert snapshot(bike) == before


# --- Publishing and retiring ---------------------------------------------------------------------------------------


def test_publishing_a_sound_draft_makes_the_next_version_current(merch, bike, bike_version):
    merch.post(url("option-create", pk=bike.pk, group_pk=group(bike, "extras").pk), OPTION_FORM)

    response = merch.post(url("publish", pk=bike.pk), CONFIRM, follow=True)
    published = bike.versions.get(number=bike_version.number + 1)
    assert published.is_current and published.published_by.email == "merch@atelier.example"
    assert bike.current_version == published
    bike_version.refresh_from_db()
    assert not bike_version.is_current
    assert "bell_brass" in [o["code"] for g in published.definition["groups"] for o in g["options"]]
    assert f"Published version {published.number} of The Atelier City Bike" in " ".join(messages_of(response))
    assert not next(p for p in merch.get(url("list")).context["products"] if p.pk == bike.pk).draft_changed


def test_publishing_contradicting_rules_is_refused_with_the_problem_named(merch, bike, bike_version):
    assert merch.post(url("rule-create", pk=bike.pk),
                      {**RULE_FORM, "name": "Carbon frames need rim brakes", "when": "carbon", "then": "rim"}
                      ).status_code == 302
    versions = ModelVersion.objects.filter(configurable=bike).count()

    response = merch.post(url("publish", pk=bike.pk), CONFIRM, follow=True)
    problem = ("“Carbon frames need disc brakes” and “Carbon frames need rim brakes” contradict each other: "
               "Frame: Carbon can never be chosen.")
    assert problem in messages_of(response)
    assert any(m.startswith("Not published") for m in messages_of(response))
    assert problem in [p.message for p in response.context["errors"]]
    assert ModelVersion.objects.filter(configurable=bike).count() == versions
    assert bike.current_version == bike_version


def test_retiring_the_current_version_stops_configuring_until_republished(merch, client, bike, bike_version):
    slug = bike.product.slug
    assert client.get(f"/shop/configure/{slug}/").status_code == 200

    response = merch.post(url("version-retire", pk=bike.pk, version_pk=bike_version.pk), CONFIRM, follow=True)
    bike_version.refresh_from_db()
    assert bike_version.retired_at is not None and not bike_version.is_current
    assert (f"Retired version {bike_version.number}. It was the current version: The Atelier City Bike can no "
            "longer be configured until you publish again.") in messages_of(response)
    assert "Not published" in text_of(response)
    assert client.get(f"/shop/configure/{slug}/").status_code == 404

    merch.post(url("publish", pk=bike.pk), CONFIRM)
    assert client.get(f"/shop/configure/{slug}/").status_code == 200


def test_retiring_an_older_version_keeps_the_current_one(merch, bike, bike_version):
    older = bike.versions.exclude(pk=bike_version.pk).get()
    response = merch.post(url("version-retire", pk=bike.pk, version_pk=older.pk), CONFIRM, follow=True)
    assert f"Retired version {older.number}." in messages_of(response)
    older.refresh_from_db()
    assert older.retired_at is not None
    assert bike.current_version == bike_version

    response = merch.post(url("version-retire", pk=bike.pk, version_pk=older.pk), CONFIRM, follow=True)
    assert any(m.startswith(f"Version {older.number} was already retired") for m in messages_of(response))


def test_items_of_another_product_are_not_found_under_this_one(merch, bike):
    sneaker = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001")
    laces = sneaker.groups.get(code="laces")
    assert merch.get(url("group-update", pk=bike.pk, group_pk=laces.pk)).status_code == 404
    assert merch.post(url("group-delete", pk=bike.pk, group_pk=laces.pk)).status_code == 404
    assert sneaker.groups.filter(pk=laces.pk).exists()


# --- Making a product configurable, product settings, restoring a version -------------------------------------------


@pytest.fixture
def lamp(db, isolated_search_index):
    """A public made-to-order product without a feature model."""
    Product, ProductClass = get_model("catalogue", "Product"), get_model("catalogue", "ProductClass")
    return Product.objects.create(upc="ATL-LMP-001", title="The Atelier Lamp", is_public=True,
                                  product_class=ProductClass.objects.get(slug="made-to-order"))


def test_merch_makes_a_made_to_order_product_configurable(merch, lamp):
    Product = get_model("catalogue", "Product")
    hidden = Product.objects.create(upc="ATL-LMP-002", title="The Hidden Lamp", is_public=False,
                                    product_class=lamp.product_class)
    response = merch.get(url("list"))
    offered = dict(response.context["make_form"].fields["product"].choices)
    assert lamp.pk in offered and hidden.pk not in offered
    assert ConfigurableProduct.objects.get(product__upc="ATL-BIK-001").product_id not in offered
    assert url("create") in html_of(response)

    response = merch.post(url("create"), {"product": lamp.pk})
    configurable = ConfigurableProduct.objects.get(product=lamp)
    assert response.status_code == 302 and response["Location"] == url("detail", pk=configurable.pk)
    assert configurable.base_lead_time_days == 10
    assert not configurable.groups.exists() and not configurable.versions.exists()
    response = merch.get(response["Location"])
    assert "“The Atelier Lamp” is configurable now" in " ".join(messages_of(response))
    assert "Never published" in text_of(response)
    assert lamp.pk not in dict(merch.get(url("list")).context["make_form"].fields["product"].choices)


@pytest.mark.parametrize("pick, message", [
    ("unknown", "No product has the id"),
    ("configurable", "“The Atelier City Bike” is already configurable"),
    ("accessory", "is not a made-to-order product"),
    ("not a number", "Pick a product from the list."),
])
def test_making_a_wrong_product_configurable_is_refused_and_creates_nothing(merch, lamp, bike, pick, message):
    Product = get_model("catalogue", "Product")
    product_id = {
        "unknown": Product.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000,
        "configurable": bike.product_id,
        "accessory": Product.objects.exclude(product_class__slug="made-to-order").values_list("pk", flat=True)
        .first(),
        "not a number": "lamp",
    }[pick]
    count = ConfigurableProduct.objects.count()
    response = merch.post(url("create"), {"product": product_id}, follow=True)
    assert response.redirect_chain[-1][0] == url("list")
    assert any(m.startswith("Not made configurable") and message in m for m in messages_of(response)), \
        messages_of(response)
    assert ConfigurableProduct.objects.count() == count


SETTINGS_FORM = {"base_lead_time_days": "15", "preview_viewbox": "0 0 400 300",
                 "preview_base_svg": '<rect x="0" y="0" width="400" height="300" fill="#EEEEEE"/>'}


def test_merch_edits_the_product_settings(merch, bike):
    before = snapshot(bike)[1]
    assert merch.get(url("settings", pk=bike.pk)).status_code == 200
    response = merch.post(url("settings", pk=bike.pk), SETTINGS_FORM, follow=True)
    assert "Saved the settings of The Atelier City Bike." in messages_of(response)
    bike.refresh_from_db()
    assert (bike.base_lead_time_days, bike.preview_viewbox, bike.preview_base_svg) == (
        15, "0 0 400 300", SETTINGS_FORM["preview_base_svg"])
    assert bike.draft_updated_at > before
    assert "Draft changed since publishing" in text_of(response)
    assert url("settings", pk=bike.pk) in html_of(response)


@pytest.mark.parametrize("changes, message", [
    ({"base_lead_time_days": "366"}, "The base lead time is at most 365 working days."),
    ({"base_lead_time_days": "-1"}, "The base lead time can't be negative."),
    ({"preview_viewbox": "0 0 800"}, "“0 0 800” is not a viewBox: give four numbers"),
    ({"preview_viewbox": "0 0 800 wide"}, "is not a viewBox"),
    ({"preview_viewbox": "0 0 0 600"}, "needs a width and a height above 0"),
    ({"preview_base_svg": '<script>alert(1)</script>'}, "Preview base drawing: <script> is not allowed"),
    ({"preview_base_svg": '<rect onclick="x()"/>'}, "Preview base drawing: The attribute 'onclick' is not allowed"),
    ({"preview_base_svg": '<rect'}, "Preview base drawing: The drawing is not well-formed SVG"),
])
def test_bad_product_settings_show_the_error_and_change_nothing(merch, bike, changes, message):
    before = snapshot(bike)
    response = merch.post(url("settings", pk=bike.pk), {**SETTINGS_FORM, **changes})
    assert response.status_code == 200
    assert message in text_of(response)
    assert snapshot(bike) == before


def test_merch_restores_an_older_version_as_the_draft(merch, bike, bike_version):
    older = bike.versions.exclude(pk=bike_version.pk).get()
    response = merch.get(url("detail", pk=bike.pk))
    assert url("version-restore", pk=bike.pk, version_pk=older.pk) in html_of(response)

    response = merch.post(url("version-restore", pk=bike.pk, version_pk=older.pk), follow=True)
    assert (f"The draft is now a copy of version {older.number}: publish it to offer it again."
            in messages_of(response))
    definition = snapshot(bike)[0]
    assert [g["code"] for g in definition["groups"]] == [g["code"] for g in older.definition["groups"]]
    assert definition["rules"] == older.definition["rules"]
    assert bike.current_version == bike_version  # nothing is offered until it is published
    assert "Draft changed since publishing" in text_of(response)


def test_a_version_of_another_product_is_not_restored(merch, bike):
    sneaker = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001")
    before = snapshot(bike)
    response = merch.post(url("version-restore", pk=bike.pk, version_pk=sneaker.versions.first().pk))
    assert response.status_code == 404
    assert snapshot(bike) == before


# --- Access --------------------------------------------------------------------------------------------------------


def every_page(bike):
    """(method, url) of every page, for one step, option, rule, price rule and version of the bike."""
    ids = {"pk": bike.pk}
    step, opt = group(bike, "extras"), option(bike, "rack")
    a_rule, a_price_rule, version = bike.rules.first(), bike.price_rules.first(), bike.versions.first()
    return [
        ("get", url("list")),
        ("get", url("detail", **ids)),
        ("get", url("preview", **ids)),
        ("get", url("publish", **ids)),
        ("post", url("publish", **ids)),
        ("get", url("version-retire", version_pk=version.pk, **ids)),
        ("post", url("version-retire", version_pk=version.pk, **ids)),
        ("post", url("version-restore", version_pk=version.pk, **ids)),
        ("post", url("create")),
        ("get", url("settings", **ids)),
        ("post", url("settings", **ids)),
        *[(method, url(name, **ids)) for name in ("group-create", "rule-create", "price-rule-create")
          for method in ("get", "post")],
        *[(method, url(name, group_pk=step.pk, **ids)) for name in ("group-update", "group-delete", "option-create")
          for method in ("get", "post")],
        *[(method, url(name, option_pk=opt.pk, **ids)) for name in ("option-update", "option-delete")
          for method in ("get", "post")],
        *[(method, url(name, rule_pk=a_rule.pk, **ids)) for name in ("rule-update", "rule-delete")
          for method in ("get", "post")],
        *[(method, url(name, price_rule_pk=a_price_rule.pk, **ids))
          for name in ("price-rule-update", "price-rule-delete") for method in ("get", "post")],
    ]


def test_support_agents_get_403_on_every_page_and_change_nothing(client_as, bike):
    support = client_as("support")
    before, versions = snapshot(bike), ModelVersion.objects.count()
    for method, address in every_page(bike):
        assert getattr(support, method)(address, CONFIRM if method == "post" else {}).status_code == 403, \
            (method, address)
    assert snapshot(bike) == before
    assert ModelVersion.objects.count() == versions


def test_anonymous_visitors_are_sent_to_log_in(client, bike):
    login = reverse("customer:login")
    for method, address in every_page(bike):
        response = getattr(client, method)(address)
        assert response.status_code == 302, (method, address)
        assert response["Location"].startswith(f"{login}?next="), (method, address)


def test_staff_who_may_only_look_cannot_change_anything(client, demo_user, bike):
    viewer = demo_user("support")
    viewer.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="configurator", codename__in=[p.split(".")[1] for p in VIEW_PERMISSIONS]))
    client.force_login(viewer)
    versions = list(bike.versions.values_list("number", "is_current", "retired_at"))
    assert client.get(url("list")).status_code == 200
    assert client.get(url("detail", pk=bike.pk)).status_code == 200
    assert client.get(url("rule-create", pk=bike.pk)).status_code == 403
    assert client.post(url("rule-create", pk=bike.pk), RULE_FORM).status_code == 403
    assert client.get(url("preview", pk=bike.pk)).status_code == 200
    assert client.get(url("publish", pk=bike.pk)).status_code == 403
    assert client.post(url("publish", pk=bike.pk), CONFIRM).status_code == 403
    assert client.post(url("version-retire", pk=bike.pk, version_pk=bike.versions.first().pk), CONFIRM
                       ).status_code == 403
    assert not bike.rules.filter(name=RULE_FORM["name"]).exists()
    assert list(bike.versions.values_list("number", "is_current", "retired_at")) == versions


def test_permissions_without_staff_status_are_not_enough(client, demo_user, bike):
    merch = demo_user("merch")
    merch.is_staff = False
    merch.save()
    client.force_login(merch)
    assert client.get(url("list")).status_code == 403
    assert client.get(url("preview", pk=bike.pk)).status_code == 403
    assert client.post(url("publish", pk=bike.pk), CONFIRM).status_code == 403


def test_the_dashboard_menu_shows_feature_models_to_merchandisers_only(client_as, demo_user):
    assert default_access_fn(demo_user("merch"), "dashboard:feature-model-list")
    assert not default_access_fn(demo_user("support"), "dashboard:feature-model-list")
    page = html_of(client_as("merch").get(reverse("dashboard:index")))
    assert f'href="{url("list")}"' in page
    response = client_as("support").get(reverse("dashboard:index"))
    assert response.status_code == 200
    page = html_of(response)
    assert f'href="{url("list")}"' not in page


# --- Query budgets -------------------------------------------------------------------------------------------------


def grow_draft(configurable, size=4):
    """More steps, options, rules and price rules: the pages' query counts must not follow."""
    for n in range(size):
        step = FeatureGroup.objects.create(configurable=configurable, code=f"extra_step_{n}", name=f"Extra {n}",
                                           position=20 + n, required=False, min_choices=0, max_choices=3)
        for m in range(3):
            FeatureOption.objects.create(group=step, code=f"extra_{n}_{m}", label=f"Extra {n}.{m}", position=m)
        FeatureRule.objects.create(configurable=configurable, name=f"Extra rule {n}", kind="excludes",
                                   when=f"extra_{n}_0", then=f"extra_{n}_1")
        PriceRule.objects.create(configurable=configurable, label=f"Extra price {n}", when=f"extra_{n}_2", amount=1)


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_list_page_query_budget(merch, bike, django_assert_max_num_queries):
    merch.get(url("list"))  # warm the session and permission caches
    before = count_queries(merch, url("list"))
    for configurable in ConfigurableProduct.objects.all():
        grow_draft(configurable)
    assert count_queries(merch, url("list")) == before
    with django_assert_max_num_queries(10):
        merch.get(url("list"))


def test_product_page_query_budget(merch, bike, django_assert_max_num_queries):
    merch.get(url("detail", pk=bike.pk))
    before = count_queries(merch, url("detail", pk=bike.pk))
    grow_draft(bike)
    assert count_queries(merch, url("detail", pk=bike.pk)) == before
    with django_assert_max_num_queries(20):
        merch.get(url("detail", pk=bike.pk))
