"""The engine on hand-made models: rules, availability, reasons, prices, bad input, publish checks."""

from decimal import Decimal

import pytest

from configurator.engine import (
    CONTRADICTION,
    DEAD_OPTION,
    FORCED_GROUP,
    MEASUREMENT,
    TEXT,
    UNSATISFIABLE,
    All,
    Excludes,
    FeatureModel,
    Group,
    ModelError,
    Not,
    Option,
    PriceRule,
    Requires,
    SelectionError,
    check_model,
    compile_model,
    from_dimacs,
)


def bike(**changes):
    spec = dict(
        groups=[
            Group("frame", "Frame", options=[Option("alu", "Aluminium"), Option("steel", "Steel", "50"),
                                             Option("carbon", "Carbon", "400", lead_time_days=7)]),
            Group("brakes", "Brakes", options=[Option("rim", "Rim brakes"), Option("disc", "Disc brakes", "120")]),
            Group("gears", "Gears", options=[Option("single", "Single speed"), Option("hub3", "3-speed hub", "90"),
                                             Option("hub8", "8-speed hub", "240", lead_time_days=3)]),
            Group("extras", "Extras", required=False, min_choices=0, max_choices=2,
                  options=[Option("rack", "Rear rack", "45"), Option("basket", "Basket", "35"),
                           Option("lights", "Dynamo lights", "89")]),
            Group("height", "Rider height", kind=MEASUREMENT, unit="cm", minimum=150, maximum=200, step=1,
                  options=[Option("size_s", "Frame S", range_max=Decimal(165)),
                           Option("size_m", "Frame M", range_min=Decimal(165), range_max=Decimal(180)),
                           Option("size_l", "Frame L", range_min=Decimal(180))]),
            Group("monogram", "Monogram", kind=TEXT, required=False, max_length=3, allowed_characters="A-Z",
                  price_per_character="5"),
            Group("bell", "Bell", required=False, visible_when="rack", options=[Option("brass_bell", "Brass bell")]),
        ],
        rules=[
            Requires("carbon", "disc", name="Carbon frames need disc brakes"),
            Excludes("carbon", "rack", name="Carbon frames take no rack"),
            Requires("hub8", All("disc", Not("size_s")), name="8-speed hub needs disc brakes and frame M or L"),
        ],
        price_rules=[PriceRule(All("rack", "basket"), amount="-10", label="Rack and basket together"),
                     PriceRule("carbon", percent="5", label="Carbon finishing")],
        base_price="990", base_lead_time_days=10,
    )
    spec.update(changes)
    return compile_model(FeatureModel(**spec))


def test_choices_narrow_what_is_available_and_force_what_must_follow():
    model = bike()
    state = model.evaluate(["carbon"])
    assert state.completable
    assert "rack" not in state.available and "rim" not in state.available
    assert {"disc", "basket", "lights", "hub8"} <= state.available
    assert state.forced == {"disc"}


def test_an_available_option_never_leads_to_a_dead_end():
    model = bike()
    chosen = set()
    for code in ["carbon", "hub8", "basket", "lights"]:
        state = model.evaluate(chosen)
        assert code in state.available
        chosen.add(code)
        assert model.evaluate(chosen).completable


def test_why_not_names_the_choices_that_rule_an_option_out():
    model = bike()
    assert model.explain(["carbon", "lights"], "rack") == ["carbon"]
    assert model.explain(["carbon", "lights"], "rim") == ["carbon"]
    assert model.explain(["rim", "basket"], "hub8") == ["rim"]
    assert model.explain(["alu"], "rack") == []  # available: nothing to explain


def test_a_measurement_picks_an_option_and_takes_part_in_the_rules():
    model = bike()
    state = model.evaluate(["disc"], measurements={"height": 160})
    assert "size_s" in state.selection.options
    assert "hub8" not in state.available
    assert model.explain(["disc"], "hub8", measurements={"height": 160}) == ["size_s"]
    assert "hub8" in model.evaluate(["disc"], measurements={"height": "172"}).available


def test_a_group_shown_only_under_a_condition():
    model = bike()
    assert "brass_bell" not in model.evaluate([]).available or model.evaluate(["rack"]).available
    assert "brass_bell" not in model.evaluate(["basket", "lights"]).available
    assert "brass_bell" in model.evaluate(["rack"]).available
    assert model.validate(["alu", "rim", "single", "brass_bell"], measurements={"height": 170}).reasons == (
        "Bell is only offered with Rear rack.",
    )


def test_a_hidden_step_keeps_no_choice_and_costs_nothing():
    model = bike(groups=[*bike().model.groups[:-1],
                         Group("bell", "Bell", required=False, visible_when="rack",
                               options=[Option("brass_bell", "Brass bell", "12")])])
    state = model.evaluate(["alu", "rim", "single", "lights", "brass_bell"], measurements={"height": 170})
    assert state.selection.options == {"alu", "rim", "single", "lights", "size_m"}
    assert [str(removal) for removal in state.removed] == ["Bell removed: only offered with Rear rack"]
    assert (state.removed[0].group, state.removed[0].value) == ("bell", "Brass bell")
    assert state.completable and model.validate(state.effective).valid
    assert state.price.total == Decimal("1079.00")  # 990 + lights 89, no bell
    kept = model.evaluate(["alu", "rim", "single", "rack", "brass_bell"], measurements={"height": 170})
    assert kept.removed == () and kept.price.total == Decimal("1047.00")


def test_hidden_text_and_measurement_are_dropped_with_their_price_and_what_they_picked():
    groups = [g for g in bike().model.groups if g.code not in ("monogram", "height")] + [
        Group("monogram", "Monogram", kind=TEXT, required=False, max_length=3, allowed_characters="A-Z",
              price_per_character="5", visible_when="steel"),
        Group("height", "Rider height", kind=MEASUREMENT, unit="cm", minimum=150, maximum=200, step=1,
              visible_when=Not("carbon"), price_per_unit="1",
              options=[Option("size_s", "Frame S", range_max=Decimal(165)),
                       Option("size_m", "Frame M", range_min=Decimal(165))]),
    ]
    model = bike(groups=groups, price_rules=[PriceRule("carbon", percent="10", label="Carbon finishing")])
    state = model.evaluate(["carbon", "disc", "hub8"], texts={"monogram": "JD"}, measurements={"height": 172})
    assert state.selection.texts == () and state.selection.measurements == ()
    assert "size_m" not in state.selection.options
    assert [(r.group, r.value, r.reason) for r in state.removed] == [
        ("monogram", "JD", "only offered with Steel"),
        ("height", "172 cm", "only offered without Carbon"),
    ]
    # 990 + carbon 400 + disc 120 + hub8 240, and 10% of that: nothing for the monogram, nothing on top of it
    assert state.price.total == Decimal("1925.00")
    steel = model.evaluate(["steel", "disc", "hub8"], texts={"monogram": "JD"}, measurements={"height": 172})
    assert steel.removed == () and steel.selection.texts == (("monogram", "JD"),)
    assert steel.price.total == Decimal("990") + 50 + 120 + 240 + 10 + 22


def test_removing_one_hidden_step_may_hide_the_next_until_nothing_changes():
    groups = [*bike().model.groups[:-1],
              Group("bell", "Bell", required=False, visible_when="rack", options=[Option("brass_bell", "Brass bell")]),
              Group("engraving", "Bell engraving", kind=TEXT, required=False, visible_when=All("brass_bell", "alu"),
                    price_per_character="2")]
    model = bike(groups=groups)
    state = model.evaluate(["alu", "lights", "brass_bell"], texts={"engraving": "HI"})
    assert state.selection.options == {"alu", "lights"} and state.selection.texts == ()
    assert [str(r) for r in state.removed] == ["Bell removed: only offered with Rear rack",
                                               "Bell engraving removed: only offered with Brass bell and Aluminium"]
    assert state.price.total == Decimal("1079.00")


def test_price_breakdown_lists_base_options_texts_measurements_and_rules():
    model = bike(groups=[*bike().model.groups,
                         Group("width", "Width", kind=MEASUREMENT, unit="cm", minimum=100, maximum=200,
                               price_per_unit="2.5")])
    state = model.evaluate(["carbon", "disc", "hub8", "basket"], texts={"monogram": "ADA"},
                           measurements={"width": 140, "height": 185})
    lines = [(line.kind, line.label, line.amount) for line in state.price.lines]
    assert lines == [
        ("base", "Base price", Decimal("990.00")),
        ("option", "Frame: Carbon", Decimal("400.00")),
        ("option", "Brakes: Disc brakes", Decimal("120.00")),
        ("option", "Gears: 8-speed hub", Decimal("240.00")),
        ("option", "Extras: Basket", Decimal("35.00")),
        ("text", "Monogram (3 characters)", Decimal("15.00")),
        ("measurement", "Width: 140 cm", Decimal("100.00")),
        ("rule", "Carbon finishing", Decimal("95.00")),
    ]
    assert state.price.total == Decimal("1995.00")
    assert state.price.lead_time_days == 17  # base 10 + longest option lead time (carbon, 7)


def test_an_amount_price_rule_applies_only_when_its_condition_holds():
    model = bike()
    assert model.evaluate(["rack", "basket"]).price.total == Decimal("1060.00")
    assert model.evaluate(["rack"]).price.total == Decimal("1035.00")


def test_complete_selections_are_validated_with_reasons():
    model = bike()
    ok = model.validate(["alu", "rim", "single"], measurements={"height": 170})
    assert ok.valid and ok.reasons == ()
    bad = model.validate(["carbon", "rim", "rack", "basket", "lights"])
    assert not bad.valid
    assert bad.reasons == (
        "Choose a gears.",
        "Choose at most 2 extras.",
        "Enter rider height.",
        "Rule broken: Carbon frames need disc brakes.",
        "Rule broken: Carbon frames take no rack.",
    )


def test_the_answer_depends_on_the_set_of_choices_not_their_order():
    model = bike()
    first = model.evaluate(["basket", "carbon", "hub8"])
    second = model.evaluate(["hub8", "basket", "carbon"])
    assert (first.available, first.forced, first.price) == (second.available, second.forced, second.price)
    assert model.explain(["lights", "carbon", "hub8"], "rim") == model.explain(["hub8", "carbon", "lights"], "rim")


def test_contradictory_choices_are_not_completable():
    state = bike().evaluate(["carbon", "rack"])
    assert not state.completable
    assert state.available == frozenset() and state.forced == frozenset()


@pytest.mark.parametrize(("chosen", "measurements", "texts", "field", "message"), [
    (["titanium"], None, None, "titanium", "is not an option of this product"),
    ("alu", None, None, "options", "must be a list of option codes"),
    ([42], None, None, "options", "42 is not an option code"),
    (["size_m"], None, None, "size_m", "is picked from the rider height you enter"),
    ([], {"height": 230}, None, "height", "must be at most 200 cm"),
    ([], {"height": 140}, None, "height", "must be at least 150 cm"),
    ([], {"height": "170.5"}, None, "height", "must be in steps of 1 cm"),
    ([], {"height": "tall"}, None, "height", "must be a number"),
    ([], {"height": True}, None, "height", "must be a number"),
    ([], {"frame": 3}, None, "frame", "is not a measurement feature"),
    ([], {"wheels": 3}, None, "wheels", "is not a feature of this product"),
    ([], [170], None, "measurements", "must be an object mapping group codes to values"),
    ([], None, {"monogram": "ABCD"}, "monogram", "may have at most 3 characters"),
    ([], None, {"monogram": "a<b"}, "monogram", "may not contain '<' 'a' 'b'"),
    ([], None, {"monogram": 12}, "monogram", "must be text"),
])
def test_bad_input_names_the_field(chosen, measurements, texts, field, message):
    with pytest.raises(SelectionError) as error:
        bike().evaluate(chosen, measurements=measurements, texts=texts)
    assert (error.value.field, error.value.message) == (field, message)


def test_inactive_options_are_neither_available_nor_accepted():
    groups = list(bike().model.groups)
    groups[0] = Group("frame", "Frame", options=[Option("alu", "Aluminium"), Option("carbon", "Carbon", active=False)])
    model = bike(groups=groups)
    assert "carbon" not in model.evaluate([]).available
    with pytest.raises(SelectionError, match="no longer offered"):
        model.evaluate(["carbon"])


def test_rules_naming_unknown_options_are_refused():
    with pytest.raises(ModelError, match="names unknown options: titanium"):
        bike(rules=[Requires("titanium", "disc")])


def test_publish_checks_name_contradicting_rules_dead_options_and_forced_groups():
    model = bike(rules=[
        Requires("carbon", "disc", name="Carbon needs disc"),
        Requires("carbon", "rim", name="Carbon needs rim"),
        Excludes("steel", "single", name="No single speed on steel"),
        Requires("steel", "single", name="Steel is single speed only"),
        Requires("alu", "hub3", name="Aluminium comes with a 3-speed hub"),
    ])
    problems = {(p.kind, p.codes): p for p in check_model(model)}
    carbon = problems[(CONTRADICTION, ("carbon",))]
    assert carbon.message == (
        "“Carbon needs disc” and “Carbon needs rim” contradict each other: Frame: Carbon can never be chosen."
    )
    steel = problems[(CONTRADICTION, ("steel",))]
    assert set(steel.rules) == {"No single speed on steel", "Steel is single speed only"}
    assert problems[(FORCED_GROUP, ("frame",))].message == "Frame is always forced to Aluminium."
    # with every frame but aluminium ruled out, "aluminium comes with a 3-speed hub" kills the other hubs
    for code in ("single", "hub8"):
        (problem,) = [p for (kind, codes), p in problems.items() if codes == (code,)]
        assert problem.kind in (DEAD_OPTION, CONTRADICTION)
        assert "Aluminium comes with a 3-speed hub" in problem.rules
    assert all(p.blocks_publishing for p in problems.values() if p.kind != FORCED_GROUP)


def test_publish_checks_report_a_model_without_any_valid_configuration():
    model = bike(rules=[Requires("alu", "disc", name="A"), Requires("steel", "disc", name="B"),
                        Requires("carbon", "disc", name="C"), Excludes("disc", "disc", name="never disc")])
    (problem,) = check_model(model)
    assert problem.kind == UNSATISFIABLE
    assert "contradict each other" in problem.message
    assert "never disc" in problem.rules


def test_a_sound_model_passes_the_publish_checks():
    assert [p for p in check_model(bike()) if p.blocks_publishing] == []


DIMACS = """c a small published-style model: 1 needs 2, 3 excludes 2, one of 3 or 4
c 1 root
p cnf 4 3
-1 2 0
-3 -2 0
3 4
0
"""


def test_dimacs_models_answer_evaluate_and_explain():
    model = from_dimacs(DIMACS)
    state = model.evaluate({"x1=1"})
    assert state.completable
    assert state.forced == {"x2=1", "x3=0", "x4=1"}
    assert state.available == {"x1=1", "x2=1", "x3=0", "x4=1"}
    assert model.explain({"x1=1"}, "x3=1") == ["x1=1"]
    assert model.explain({"x1=1", "x4=1"}, "x3=1") == ["x1=1"]
    assert not model.evaluate({"x1=1", "x3=1"}).completable


@pytest.mark.parametrize(("text", "message"), [
    ("1 2 0\n", "No 'p cnf' header."),
    ("p cnf 2 1\n1 x 0\n", "Line 2: 'x' is not a literal."),
    ("p cnf 2 1\n1 3 0\n", "Literal 3 names a variable beyond 2."),
    ("p dnf 2 1\n", "Line 1: expected 'p cnf <variables> <clauses>'."),
])
def test_malformed_dimacs_is_refused_with_a_clear_message(text, message):
    with pytest.raises(ModelError) as error:
        from_dimacs(text)
    assert str(error.value) == message
