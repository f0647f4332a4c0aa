"""The feature-model definition: a JSON Schema documents it and checks every definition that enters the store."""

import copy

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator

from configurator.definition import SCHEMA, DefinitionError, build_definition, check_definition
from configurator.models import ConfigurableProduct, ModelVersion
from configurator.services import replace_draft
from shop.demo.feature_models import FEATURE_MODELS
from tests.configurator.conftest import BIKE


def subschemas(schema, path="#"):
    """Every (path, schema) the schema holds, itself included."""
    yield path, schema
    for keyword in ("properties", "$defs"):
        for name, inner in schema.get(keyword, {}).items():
            yield from subschemas(inner, f"{path}/{keyword}/{name}")
    for keyword in ("items", "not"):
        if isinstance(schema.get(keyword), dict):
            yield from subschemas(schema[keyword], f"{path}/{keyword}")
    for keyword in ("anyOf", "oneOf", "allOf"):
        for index, inner in enumerate(schema.get(keyword, [])):
            yield from subschemas(inner, f"{path}/{keyword}/{index}")


def test_the_schema_is_draft_2020_12_and_describes_every_property():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    undescribed = [f"{path}/{keyword}/{name}" for path, schema in subschemas(SCHEMA)
                   for keyword in ("properties", "$defs") for name, inner in schema.get(keyword, {}).items()
                   if isinstance(inner, dict) and inner and "description" not in inner]
    assert undescribed == []


@pytest.mark.parametrize("definition", [*FEATURE_MODELS.values(), BIKE], ids=[*FEATURE_MODELS, "test-bike"])
def test_the_demo_and_test_definitions_are_valid(definition):
    check_definition(definition)


def test_what_publishing_stores_is_valid(db):
    for configurable in ConfigurableProduct.objects.all():
        check_definition(build_definition(configurable))
    for version in ModelVersion.objects.all():
        check_definition(version.definition)


def changed(change):
    definition = copy.deepcopy(BIKE)
    change(definition)
    return definition


def assign(path, value):
    def change(definition):
        *parents, last = path
        target = definition
        for key in parents:
            target = target[key]
        target[last] = value
    return change


@pytest.mark.parametrize(("change", "problem"), [
    (assign(["groups"], "frame"), "groups: 'frame' is not of type 'array'"),
    (assign(["price_rule"], []), "(the definition): Additional properties are not allowed ('price_rule' was "
                                 "unexpected)"),
    (assign(["groups", 1, "kind"], "choise"), "groups[1].kind: 'choise' is not one of ['choice', 'text', "
                                              "'measurement']"),
    (assign(["groups", 0, "options", 1, "price_delta"], 400), "groups[0].options[1].price_delta: 400 is not an amount "
                                                              "written as a string"),
    (assign(["groups", 0, "options", 1, "price_delta"], "1,50"), 'groups[0].options[1].price_delta: "1,50" is not an '
                                                                 "amount written as a string"),
    (assign(["groups", 2, "code"], "extra options"), 'groups[2].code: "extra options" is not a code'),
    (assign(["groups", 2, "options", 0, "code"], "not"), 'groups[2].options[0].code: "not" is not a code'),
    (lambda d: d["groups"][0]["options"][0].pop("code"), "groups[0].options[0]: 'code' is a required property"),
    (assign(["groups", 0, "options", 0, "swatch"], "silver"), 'groups[0].options[0].swatch: "silver" is not a CSS '
                                                              'hex colour like "#C8553D"'),
    (assign(["groups", 0, "options", 0, "bom", 0, "quantity"], "-1"), 'groups[0].options[0].bom[0].quantity: "-1" '
                                                                      "is not a quantity written as a string"),
    (assign(["groups", 3, "maximum"], 200), "groups[3].maximum: 200 is not a number written as a string (up to 8 "
                                            'digits before the point and 2 after, e.g. "172.5") or null'),
    (assign(["rules", 0, "then"], {"all": ["disc", {"nor": "rack"}]}), 'rules[0].then.all[1]: {"nor": "rack"} is not '
                                                                       "a condition"),
    (assign(["rules", 1, "conditions"], ["carbon"]), "rules[1].conditions: ['carbon'] is too short"),
    (assign(["rules", 1, "if"], "carbon"), "rules[1]: Additional properties are not allowed ('if' was unexpected)"),
    (assign(["price_rules", 0, "when"], {"all": []}), "price_rules[0].when.all: [] should be non-empty"),
    (assign(["preview"], "circle"), 'preview: "circle" is not null or an object'),
    # what the engine refuses, beyond the schema
    (assign(["rules", 0, "then"], "titanium"), "Rule 'Carbon frames need disc brakes' names unknown options: "
                                               "titanium."),
    (assign(["groups", 1, "options", 1, "code"], "rim"), "Two options have the code 'rim'."),
    (assign(["groups", 2, "min_choices"], 3), "Group extras: needs 0 <= min choices <= max choices."),
    (assign(["groups", 4, "allowed_characters"], "Z-A"), "groups[4].allowed_characters: 'Z-A' is not a character "
                                                         "class"),
    (assign(["groups", 0, "options", 1, "early_access_until"], "1 March"),
     'groups[0].options[1].early_access_until: "1 March" is not a date like "2027-03-01"'),
    (assign(["groups", 0, "options", 1, "early_access_until"], "2027-02-30"),
     "groups[0].options[1].early_access_until: '2027-02-30' is not a day of the calendar"),
])
def test_a_wrong_definition_is_refused_naming_the_place(change, problem):
    with pytest.raises(DefinitionError) as refused:
        check_definition(changed(change))
    assert any(found.startswith(problem) for found in refused.value.problems), refused.value.problems
    assert str(refused.value).startswith("The feature-model definition is not valid: ")


def test_every_problem_is_listed_in_order():
    definition = changed(assign(["groups", 0, "options", 1, "price_delta"], 400))
    definition["groups"][1]["kind"] = "choise"
    definition["groups"][0]["code"] = ""
    with pytest.raises(DefinitionError) as refused:
        check_definition(definition)
    assert [problem.split(":")[0] for problem in refused.value.problems] == [
        "groups[0].code", "groups[0].options[1].price_delta", "groups[1].kind"]


def test_a_wrong_definition_changes_no_draft(bike_version):
    configurable = bike_version.configurable
    before = build_definition(configurable)
    with pytest.raises(DefinitionError, match=r"groups\[0\]\.options\[1\]\.price_delta"):
        replace_draft(configurable=configurable,
                      definition=changed(assign(["groups", 0, "options", 1, "price_delta"], 400)))
    configurable.refresh_from_db()
    assert build_definition(configurable) == before


def test_a_version_the_store_no_longer_accepts_is_not_restored(client_as, bike_version):
    configurable = bike_version.configurable
    definition = copy.deepcopy(bike_version.definition)
    definition["groups"][0]["options"][0]["swatch"] = "silver"
    older = ModelVersion.objects.create(configurable=configurable, number=bike_version.number + 1,
                                        definition=definition)
    before = build_definition(configurable)
    response = client_as("merch").post(reverse("dashboard:feature-model-version-restore", kwargs={
        "pk": configurable.pk, "version_pk": older.pk}), follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [f"Version {older.number} cannot be restored, the draft is unchanged. The feature-model "
                     'definition is not valid: groups[0].options[0].swatch: "silver" is not a CSS hex colour like '
                     '"#C8553D"']
    configurable.refresh_from_db()
    assert build_definition(configurable) == before
