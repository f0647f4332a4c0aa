"""What a shopper types is kept as the step needs it, a percent price rule is said on its option's card, and a
reason names the choice the shopper would change first (the engine alone, no database)."""

from decimal import Decimal

import pytest

from configurator.engine import (
    MEASUREMENT,
    TEXT,
    Excludes,
    FeatureModel,
    Group,
    Option,
    PriceRule,
    Requires,
    SelectionError,
    compile_model,
    option_percent,
)


def sneaker():
    return compile_model(FeatureModel(
        groups=[
            Group("upper", "Upper", options=[Option("leather", "Leather"), Option("suede", "Suede"),
                                             Option("canvas", "Canvas", "-10")]),
            Group("toe", "Toe cap", options=[Option("toe_same", "Same"), Option("toe_contrast", "Contrast", "12")]),
            Group("lining", "Lining", options=[Option("calf", "Calf"), Option("vegan", "Vegan microfibre")]),
            Group("extras", "Extras", required=False, min_choices=0, max_choices=2,
                  options=[Option("laces", "Spare laces", "6"), Option("tab", "Reflective tab", "8")]),
            Group("monogram", "Monogram", kind=TEXT, required=False, max_length=3, allowed_characters="A-Z",
                  price_per_character="5"),
            Group("name", "Name", kind=TEXT, required=False, max_length=20, allowed_characters="a-z ",
                  price_per_character="0"),
            Group("note", "Note", kind=TEXT, required=False, max_length=20),
        ],
        rules=[Requires("vegan", "canvas", name="Vegan needs canvas"),
               Excludes("vegan", "toe_contrast", name="The vegan build has no leather toe cap")],
        price_rules=[PriceRule("suede", percent="10", label="Suede premium"),
                     PriceRule("tab", amount="-2", label="Tab offer")],
        base_price=Decimal("149"),
    ))


@pytest.mark.parametrize(("typed", "kept"), [("jd", "JD"), ("  j d ", None), (" JD ", "JD"), ("aBc", "ABC")])
def test_a_monogram_is_kept_in_the_case_its_step_takes(typed, kept):
    model = sneaker()
    if kept is None:  # a space is still not a letter: refused, with what is wrong
        with pytest.raises(SelectionError, match="may not contain ' '"):
            model.selection([], texts={"monogram": typed})
        return
    state = model.evaluate(["leather"], texts={"monogram": typed})
    assert state.selection.text_values == {"monogram": kept}
    assert state.price.total == Decimal("149") + 5 * len(kept)


def test_free_text_is_trimmed_spaces_collapsed_and_unicode_composed():
    model = sneaker()
    decomposed = "Jose\u0301   Ma"  # "José" written as e + combining acute accent, three spaces
    assert model.selection([], texts={"note": f"  {decomposed}\t"}).text_values == {"note": "Jos\u00e9 Ma"}
    assert model.selection([], texts={"name": "  ADA  LOVELACE "}).text_values == {"name": "ada lovelace"}
    assert model.selection([], texts={"note": "   "}).text_values == {}  # only spaces: nothing typed


def test_a_measurement_typed_with_spaces_or_a_decimal_comma_is_read():
    model = compile_model(FeatureModel(groups=[Group("width", "Width", kind=MEASUREMENT, unit="cm", minimum=60,
                                                     maximum=200, step=Decimal("0.5"))]))
    assert model.selection([], measurements={"width": " 72,5 "}).measurement_values == {"width": Decimal("72.5")}
    with pytest.raises(SelectionError, match="must be a number"):
        model.selection([], measurements={"width": "1,000.5,"})


def test_a_percent_rule_of_one_option_is_said_with_what_it_adds_today():
    model = sneaker()
    at_leather = model.evaluate(["leather", "toe_contrast"]).effective
    assert option_percent(model.model, at_leather, "suede") == (Decimal("10"), Decimal("16.10"))  # of 149 + 12
    assert option_percent(model.model, at_leather, "leather") is None  # no percent rule of its own
    assert option_percent(model.model, at_leather, "tab") is None  # an amount rule, said in the breakdown


def test_a_reason_names_the_choice_the_shopper_would_change_first():
    model = sneaker()
    chosen = ["leather", "toe_contrast"]  # each one alone rules the vegan lining out
    assert model.explain(chosen, "vegan", prefer=["toe_contrast", "leather"]) == ["toe_contrast"]
    assert model.explain(chosen, "vegan", prefer=["leather", "toe_contrast"]) == ["leather"]
    assert model.explain(["canvas", "toe_same"], "vegan") == []  # available: nothing to explain
