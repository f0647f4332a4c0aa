"""The condition language merchandisers type: parsing, precedence, formatting and the messages for mistakes."""

import pytest

from configurator.conditions import ConditionError, condition_codes, format_condition, parse_condition
from configurator.engine import ModelError, as_condition

BIKE_CODES = {"alu", "carbon", "rim", "disc", "rack", "basket", "lights", "size_s", "size_m", "size_l"}


@pytest.mark.parametrize("text, expected", [
    ("carbon", "carbon"),
    ("carbon and disc", {"all": ["carbon", "disc"]}),
    ("carbon and disc and lights", {"all": ["carbon", "disc", "lights"]}),
    ("rack or basket", {"any": ["rack", "basket"]}),
    ("not rack", {"not": "rack"}),
    ("not not rack", {"not": {"not": "rack"}}),
    ("carbon and not (rack or size_s)", {"all": ["carbon", {"not": {"any": ["rack", "size_s"]}}]}),
    ("(carbon and disc) and lights", {"all": [{"all": ["carbon", "disc"]}, "lights"]}),
    ("carbon or (alu and rim)", {"any": ["carbon", {"all": ["alu", "rim"]}]}),
])
def test_parse_gives_the_engines_json(text, expected):
    assert parse_condition(text, BIKE_CODES) == expected


@pytest.mark.parametrize("text", [
    "carbon",
    "carbon and not (rack or size_s)",
    "rack or basket and lights",
    "(rack or basket) and lights",
    "not (carbon and disc) or alu",
    "carbon and (disc and lights)",
    "(rack or basket) or lights",
    "not not rack",
])
def test_format_and_parse_round_trip(text):
    condition = parse_condition(text, BIKE_CODES)
    assert format_condition(condition) == text
    assert parse_condition(format_condition(condition), BIKE_CODES) == condition


def test_precedence_not_before_and_before_or():
    assert parse_condition("rack or basket and not lights") == {
        "any": ["rack", {"all": ["basket", {"not": "lights"}]}]}
    assert parse_condition("not rack and basket") == {"all": [{"not": "rack"}, "basket"]}
    assert parse_condition("not (rack and basket)") == {"not": {"all": ["rack", "basket"]}}


def test_parsed_conditions_mean_what_they_say_to_the_engine():
    condition = as_condition(parse_condition("carbon and not (rack or size_s)", BIKE_CODES))
    assert condition.holds({"carbon", "disc", "size_m"})
    assert not condition.holds({"carbon", "rack"})
    assert not condition.holds({"carbon", "size_s"})
    assert not condition.holds({"alu"})


def test_keywords_ignore_case_and_spacing():
    assert parse_condition("  carbon AND   Not(rack)  ", BIKE_CODES) == {"all": ["carbon", {"not": "rack"}]}


def test_format_adds_parentheses_only_where_needed_and_simplifies_one_part_lists():
    assert format_condition({"any": [{"all": ["a", "b"]}, "c"]}) == "a and b or c"
    assert format_condition({"all": [{"any": ["a", "b"]}, "c"]}) == "(a or b) and c"
    assert format_condition({"not": {"any": ["a", "b"]}}) == "not (a or b)"
    assert format_condition({"all": [{"all": [{"any": ["a", "b"]}]}, "c"]}) == "(a or b) and c"
    assert format_condition(None) == ""


def test_format_with_labels_reads_like_the_dashboard():
    labels = {"carbon": "Carbon", "rack": "Rear rack"}
    assert format_condition({"all": ["carbon", {"not": "rack"}]}, labels) == "Carbon and not Rear rack"


def test_condition_codes():
    assert condition_codes(parse_condition("carbon and not (rack or size_s)")) == {"carbon", "rack", "size_s"}
    assert condition_codes(None) == set()


def _error(text, known=BIKE_CODES):
    with pytest.raises(ConditionError) as raised:
        parse_condition(text, known)
    return str(raised.value)


def test_unknown_option_suggests_the_closest_known_code():
    assert _error("carbn and disc") == "Unknown option “carbn” (did you mean “carbon”?)"
    assert _error("Disc") == "Unknown option “Disc” (did you mean “disc”?)"


def test_unknown_option_without_anything_close_gets_no_suggestion():
    message = _error("titanium")
    assert message == "Unknown option “titanium”"


def test_every_unknown_option_is_reported_once():
    assert _error("rak or rak or titanium") == "Unknown option “rak” (did you mean “rack”?); Unknown option “titanium”"


def test_unbalanced_parentheses():
    assert _error("carbon and not (rack or size_s") == "The “(” at position 16 is never closed: add a “)”."
    assert _error("carbon and not (rack or size_s))") == "Unexpected “)” at position 32."
    assert _error(")carbon").startswith("Unexpected “)” at position 1")


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_input(text):
    assert _error(text).startswith("The condition is empty")


@pytest.mark.parametrize("text, operator", [("carbon and", "and"), ("carbon or ", "or"), ("carbon and not", "not"),
                                            ("(", "(")])
def test_trailing_operators(text, operator):
    assert _error(text) == f"The condition ends after “{operator}”: an option code should follow."


def test_misplaced_words_and_characters():
    assert _error("and carbon").startswith("Unexpected “and” at position 1")
    assert _error("carbon and or rack").startswith("Unexpected “or” at position 12")
    assert _error("carbon rack") == "Expected “and” or “or” before “rack” at position 8."
    assert _error("(carbon rack)") == "Expected “and”, “or” or “)” before “rack” at position 9."
    assert _error("carbon & rack").startswith("Unexpected “&” at position 8")


def test_without_known_codes_any_code_is_accepted():
    assert parse_condition("whatever and more") == {"all": ["whatever", "more"]}


@pytest.mark.parametrize("text, position", [
    ("(" * 11 + "rack" + ")" * 11, 11),
    ("not " * 11 + "rack", 41),
    ("carbon and " + "not (" * 6 + "rack" + ")" * 6, 37),
    ("(" * 5000 + "rack" + ")" * 5000, 11),
])
def test_conditions_nested_too_deeply_are_refused_saying_how_deep_is_allowed(text, position):
    with pytest.raises(ConditionError) as refused:
        parse_condition(text, BIKE_CODES)
    assert str(refused.value) == (f"The condition is nested too deeply at position {position}: at most 10 levels "
                                  "of parentheses and “not” are allowed.")


def test_ten_levels_of_nesting_are_allowed():
    assert parse_condition("(" * 5 + "not " * 5 + "rack" + ")" * 5, BIKE_CODES) == \
        {"not": {"not": {"not": {"not": {"not": "rack"}}}}}


def test_the_engine_refuses_conditions_nested_without_bound_without_recursing():
    deep = "rack"
    for _ in range(100_000):
        deep = {"not": deep}
    with pytest.raises(ModelError, match="nested more than 64 levels"):
        as_condition(deep)
    with pytest.raises(ModelError, match="nested more than 64 levels"):
        as_condition({"all": ["carbon", {"any": [deep]}]})
