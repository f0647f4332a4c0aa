"""The diff between a published definition and the draft's, on small hand-written definitions (no database)."""

import copy
from decimal import Decimal

from configurator.model_diff import (
    ADDED,
    CHANGED,
    REMOVED,
    FieldChange,
    definition_fingerprint,
    diff_definitions,
    price_change_text,
)

LAMP = {
    "name": "Lamp",
    "base_price": "120.00",
    "base_lead_time_days": 5,
    "preview": {"viewbox": "0 0 100 100", "base": "<circle r='4'/>"},
    "groups": [
        {"code": "shade", "label": "Shade", "kind": "choice", "required": True, "min_choices": 1, "max_choices": 1,
         "visible_when": None, "options": [
             {"code": "linen", "label": "Linen", "price_delta": "0.00", "lead_time_days": 0, "default": True,
              "active": True, "bom": [{"component": "SHADE-LINEN", "quantity": "1.000", "unit": "pc"}]},
             {"code": "paper", "label": "Paper", "price_delta": "15.00", "lead_time_days": 2, "active": True},
         ]},
        {"code": "base", "label": "Base", "kind": "choice", "options": [
            {"code": "oak", "label": "Oak", "price_delta": "40.00"},
            {"code": "brass", "label": "Brass", "price_delta": "90.00", "lead_time_days": 5},
        ]},
        {"code": "cable", "label": "Cable", "kind": "measurement", "unit": "cm", "minimum": "100",
         "maximum": "300", "step": "10", "price_per_unit": "0.10", "options": []},
    ],
    "rules": [
        {"kind": "excludes", "name": "Paper shades are not made on brass", "conditions": ["paper", "brass"]},
        {"kind": "requires", "name": "Brass needs linen", "if": "brass", "then": "linen"},
    ],
    "price_rules": [{"label": "Oak and linen", "when": {"all": ["oak", "linen"]}, "amount": "-10.00",
                     "percent": "0"}],
}


def draft(edit):
    definition = copy.deepcopy(LAMP)
    edit(definition)
    return definition


def options(definition):
    return {o["code"]: o for g in definition["groups"] for o in g["options"]}


def test_equal_definitions_have_no_differences_even_when_amounts_are_written_differently():
    same = draft(lambda d: options(d)["paper"].update(price_delta="15"))
    same["groups"][0]["options"][0]["bom"][0]["quantity"] = "1"
    diff = diff_definitions(LAMP, same)
    assert not diff
    assert diff.sections == []


def test_a_price_change_is_reported_old_to_new_as_decimals():
    diff = diff_definitions(LAMP, draft(lambda d: options(d)["brass"].update(price_delta="95.50")))
    change = diff.option("brass")
    assert change.status == CHANGED and change.step == "Base"
    assert change.fields == (FieldChange("price", Decimal("90.00"), Decimal("95.50")),)
    assert str(change.fields[0]) == "price: 90.00 → 95.50"
    assert isinstance(change.field("price").new, Decimal)
    assert [change.key for change in diff.options] == ["brass"]
    assert not (diff.steps or diff.rules or diff.price_rules or diff.product)


def test_options_added_removed_relabelled_offered_and_slower():
    def edit(d):
        shade = d["groups"][0]["options"]
        shade.append({"code": "silk", "label": "Silk", "price_delta": "35.00", "lead_time_days": 4})
        options(d)["linen"].update(label="Natural linen", lead_time_days=1)
        options(d)["paper"].update(active=False)
        d["groups"][1]["options"] = [o for o in d["groups"][1]["options"] if o["code"] != "oak"]

    diff = diff_definitions(LAMP, draft(edit))
    silk, oak = diff.option("silk"), diff.option("oak")
    assert (silk.status, silk.label, silk.step, silk.summary) == (ADDED, "Silk", "Shade",
                                                                   "price +35.00, +4 working days")
    assert (oak.status, oak.label, oak.step) == (REMOVED, "Oak", "Base")
    assert diff.option("linen").fields == (FieldChange("label", "Linen", "Natural linen"),
                                           FieldChange("extra working days", 0, 1))
    assert diff.option("paper").fields == (FieldChange("offered", True, False),)
    assert str(diff.option("paper").fields[0]) == "offered: yes → no"
    # added and changed in the draft's order, removed last
    assert [(c.key, c.status) for c in diff.options] == [
        ("linen", CHANGED), ("paper", CHANGED), ("silk", ADDED), ("oak", REMOVED)]


def test_an_option_moved_to_another_step_is_one_change_and_renaming_a_step_moves_nothing():
    def edit(d):
        d["groups"][0]["label"] = "Lampshade"
        moved = d["groups"][1]["options"].pop(0)
        d["groups"][0]["options"].append(moved)

    diff = diff_definitions(LAMP, draft(edit))
    assert diff.option("oak").fields == (FieldChange("step", "Base", "Lampshade"),)
    assert diff.option("linen") is None  # its step's new name is not a change of the option
    assert diff.step("shade").fields == (FieldChange("label", "Shade", "Lampshade"),)


def test_steps_added_removed_and_changed_with_readable_conditions():
    def edit(d):
        d["groups"][2].update(maximum="350", price_per_unit="0.20")
        d["groups"][1].update(required=False, min_choices=0, visible_when={"not": "paper"})
        d["groups"].append({"code": "engraving", "label": "Engraving", "kind": "text", "max_length": 12,
                            "options": []})
        del d["groups"][0]
        d["rules"] = []
        d["price_rules"] = []

    diff = diff_definitions(LAMP, draft(edit))
    assert [(c.key, c.status) for c in diff.steps] == [
        ("base", CHANGED), ("cable", CHANGED), ("engraving", ADDED), ("shade", REMOVED)]
    assert [str(f) for f in diff.step("base").fields] == [
        "required: yes → no", "at least: 1 → 0", "shown when: always → not Paper"]
    assert diff.step("cable").fields == (FieldChange("maximum", Decimal("300"), Decimal("350")),
                                         FieldChange("price per unit", Decimal("0.10"), Decimal("0.20")))
    assert diff.step("engraving").summary == "free text, up to 12 characters"
    assert diff.step("shade").summary == "a choice of 2 options"
    assert {c.key for c in diff.options if c.status == REMOVED} == {"linen", "paper"}


def test_rules_are_matched_by_name_and_told_in_words():
    def edit(d):
        d["rules"][0]["conditions"] = ["paper", {"any": ["brass", "oak"]}]
        d["rules"][1]["name"] = "Brass bases need a linen shade"
        d["rules"].append({"kind": "constraint", "name": "Always a shade", "condition": {"any": ["linen", "paper"]}})

    diff = diff_definitions(LAMP, draft(edit))
    changed = diff.rule("Paper shades are not made on brass")
    assert changed.fields == (FieldChange("meaning", "Paper never together with Brass",
                                          "Paper never together with Brass or Oak"),)
    assert diff.rule("Brass needs linen").status == REMOVED
    added = diff.rule("Brass bases need a linen shade")
    assert (added.status, added.summary) == (ADDED, "When Brass, then also Linen")
    assert diff.rule("Always a shade").summary == "Always Linen or Paper"


def test_a_rule_reads_with_the_new_label_of_its_option_but_is_not_changed_by_it():
    diff = diff_definitions(LAMP, draft(lambda d: options(d)["brass"].update(label="Polished brass")))
    assert diff.rules == ()
    removed = diff_definitions(draft(lambda d: options(d)["brass"].update(label="Polished brass")),
                               draft(lambda d: d.update(rules=[]))).rule("Brass needs linen")
    assert removed.summary == "When Brass, then also Linen"  # a removed rule reads with the labels it had


def test_price_rules_added_removed_and_changed():
    def edit(d):
        d["price_rules"][0].update(when={"all": ["oak", "paper"]}, amount="-12.50")
        d["price_rules"].append({"label": "Brass week", "when": "brass", "amount": "0", "percent": "-5"})

    diff = diff_definitions(LAMP, draft(edit))
    assert [str(f) for f in diff.price_rule("Oak and linen").fields] == [
        "when: Oak and Linen → Oak and Paper", "amount: -10.00 → -12.50"]
    assert diff.price_rule("Oak and linen").field("amount").new == Decimal("-12.50")
    assert diff.price_rule("Brass week").summary == "-5.00% when Brass"
    assert diff_definitions(LAMP, draft(lambda d: d.update(price_rules=[]))).price_rule("Oak and linen").summary \
        == "-10.00 when Oak and Linen"


def test_the_product_base_price_lead_time_drawing_and_order_of_steps():
    def edit(d):
        d.update(base_price="129.00", base_lead_time_days=7)
        d["preview"]["base"] = "<circle r='5'/>"
        d["groups"].insert(0, d["groups"].pop(1))

    diff = diff_definitions(LAMP, draft(edit))
    assert [str(f) for f in diff.product] == [
        "base price: 120.00 → 129.00", "base lead time (working days): 5 → 7", "preview base drawing changed",
        "order of steps: Shade, Base, Cable → Base, Shade, Cable"]
    assert diff.steps == () and diff.options == ()


def test_repeated_labels_are_told_apart_by_their_step():
    def edit(d):
        d["groups"][1]["options"].append({"code": "base_linen", "label": "Linen", "price_delta": "20.00"})
        d["rules"].append({"kind": "requires", "name": "Linen base, linen shade", "if": "base_linen",
                           "then": "linen"})

    diff = diff_definitions(LAMP, draft(edit))
    assert diff.rule("Linen base, linen shade").summary == "When Linen (Base), then also Linen (Shade)"


def test_two_rules_of_one_name_are_matched_in_order():
    twice = draft(lambda d: d["rules"].append({"kind": "requires", "name": "Brass needs linen", "if": "brass",
                                               "then": {"not": "paper"}}))
    diff = diff_definitions(twice, LAMP)
    assert [(c.key, c.status) for c in diff.rules] == [("Brass needs linen (2)", REMOVED)]


def test_odd_conditions_and_missing_keys_do_not_break_the_diff():
    old = {"groups": [{"code": "shade", "label": "Shade", "options": [{"code": "linen", "label": "Linen"}]}]}
    new = draft(lambda d: d["rules"].append({"kind": "constraint", "name": "Odd", "condition": {"xor": [1]}}))
    diff = diff_definitions(old, new)
    assert diff.rule("Odd").summary.startswith("Always (unreadable condition:")
    assert diff.option("linen").field("price") is None  # "0.00" and no price are the same


def test_price_change_text_and_fingerprints():
    assert price_change_text("-10", "0") == "-10.00"
    assert price_change_text(Decimal("0"), Decimal("-5")) == "-5.00%"
    assert definition_fingerprint(LAMP) == definition_fingerprint(copy.deepcopy(LAMP))
    assert definition_fingerprint(LAMP) != definition_fingerprint(draft(lambda d: d.update(base_lead_time_days=6)))
