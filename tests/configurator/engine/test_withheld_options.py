"""Options withheld from one shopper (new options in early access for some loyalty tiers), passed to the engine as
data: never available or needed for them, refused with the reason when chosen; one compiled model serves everybody.
No database: the engine knows nothing of tiers or dates."""

from decimal import Decimal

import pytest

from configurator.engine import MEASUREMENT, FeatureModel, Group, Option, Requires, SelectionError, compile_model

WHY = "coming on Monday 1 March 2027; until then only for customers with early access"


@pytest.fixture(scope="module")
def bike():
    return compile_model(FeatureModel(
        groups=[
            Group("frame", "Frame", options=[Option("alu", "Aluminium"), Option("titanium", "Titanium", "900")]),
            Group("brakes", "Brakes", options=[Option("rim", "Rim brakes"), Option("disc", "Disc brakes", "120")]),
            Group("bell", "Bell", options=[Option("brass", "Brass bell"), Option("none", "No bell")]),  # yes/no
            Group("height", "Rider height", kind=MEASUREMENT, unit="cm", minimum=150, maximum=210, options=[
                Option("size_m", "Frame M", range_max=Decimal("190")),
                Option("size_xl", "Frame XL", range_min=Decimal("190"))]),
        ],
        rules=[Requires("titanium", "disc", name="Titanium frames need disc brakes")],
        base_price=Decimal("1000"),
    ))


def test_a_withheld_option_is_never_available_and_nothing_else_changes(bike):
    everybody = bike.evaluate(["brass"])
    assert "titanium" in everybody.available
    withheld = bike.evaluate(["brass"], withheld={"titanium": WHY})
    assert "titanium" not in withheld.available
    assert withheld.available == everybody.available - {"titanium"}
    assert withheld.completable and withheld.price.total == everybody.price.total


def test_choosing_a_withheld_option_is_refused_with_the_reason(bike):
    with pytest.raises(SelectionError) as refused:
        bike.evaluate(["titanium", "disc"], withheld={"titanium": WHY})
    assert refused.value.field == "titanium"
    assert refused.value.message == f"Titanium is not offered to you yet: {WHY}"
    # a selection built earlier (a saved quote) is checked the same way
    with pytest.raises(SelectionError, match="Titanium is not offered to you yet"):
        bike.evaluate(bike.selection(["titanium", "disc"]), withheld={"titanium": WHY})
    assert bike.evaluate(["titanium", "disc"]).completable  # for a shopper who may have it


def test_a_measurement_that_picks_a_withheld_option_is_refused(bike):
    with pytest.raises(SelectionError) as refused:
        bike.selection(["alu"], measurements={"height": 195}, withheld={"size_xl": WHY})
    assert refused.value.field == "height"
    assert refused.value.message == f"195 cm takes Frame XL, which is not offered to you yet: {WHY}"
    assert "size_m" in bike.selection(["alu"], measurements={"height": 180}, withheld={"size_xl": WHY}).options


def test_validation_refuses_a_withheld_option_with_the_reason(bike):
    complete = bike.selection(["titanium", "disc", "brass"], measurements={"height": 180})
    assert bike.validate(complete).valid
    validation = bike.validate(complete, withheld={"titanium": WHY})
    assert not validation.valid and validation.reasons == (f"Titanium is not offered to you yet: {WHY}.",)


def test_withholding_one_of_two_answers_forces_the_other(bike):
    evaluation = bike.evaluate(["alu", "rim"], withheld={"brass": WHY})
    assert "brass" not in evaluation.available and "none" in evaluation.forced


def test_explanations_never_name_or_need_a_withheld_option(bike):
    # with rim brakes titanium is out, whoever asks; the withheld option does not change the answer's choices
    assert bike.explain(["rim"], "titanium") == ["rim"]
    assert bike.explain(["rim"], "titanium", withheld={"brass": WHY}) == ["rim"]
    assert bike.explain(["alu"], "disc", withheld={"titanium": WHY}) == []  # still possible with aluminium


def test_one_compiled_model_answers_each_shopper_as_they_are(bike):
    for _ in range(3):  # the solver keeps no trace of another shopper's assumptions
        assert "titanium" not in bike.evaluate([], withheld={"titanium": WHY}).available
        assert "titanium" in bike.evaluate([]).available
