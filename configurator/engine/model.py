"""The feature model: groups of options, rules between them and price rules. Plain data, no Django.

A model is a tuple of groups and a tuple of rules. Conditions (``Opt``, ``All``, ``Any``, ``Not``)
combine options with and/or/not; rules use them:

- ``Requires(if_, then)``: whenever ``if_`` holds, ``then`` must hold (A → B, A → one of B1..Bn);
- ``Excludes(a, b, ...)``: these conditions never hold all at once;
- ``Constraint(condition)``: the condition always holds (a DIMACS clause is one of these);
- a group's ``visible_when``: the group is shown, and may have choices, only when it holds;
- ``PriceRule(when, amount=..., percent=...)``: adjusts the price when the condition holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

CHOICE, TEXT, MEASUREMENT = "choice", "text", "measurement"
ZERO = Decimal("0")
MAX_CONDITION_DEPTH = 64  # levels of all/any/not; conditions typed in the dashboard stay far below


class ModelError(ValueError):
    """The model itself is malformed (duplicate codes, a rule naming an unknown option, ...)."""


# --- Conditions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opt:
    code: str

    def holds(self, chosen):
        return self.code in chosen

    def codes(self):
        return {self.code}

    def __str__(self):
        return self.code

    def describe(self, label):
        return label(self.code)


@dataclass(frozen=True)
class All:
    parts: tuple

    def __init__(self, *parts):
        object.__setattr__(self, "parts", tuple(as_condition(p) for p in parts))

    def holds(self, chosen):
        return all(p.holds(chosen) for p in self.parts)

    def codes(self):
        return _codes(self.parts)

    def __str__(self):
        return "(" + " and ".join(map(str, self.parts)) + ")"

    def describe(self, label):
        return " and ".join(_nested(p, label) for p in self.parts)


@dataclass(frozen=True)
class Any:
    parts: tuple

    def __init__(self, *parts):
        object.__setattr__(self, "parts", tuple(as_condition(p) for p in parts))

    def holds(self, chosen):
        return any(p.holds(chosen) for p in self.parts)

    def codes(self):
        return _codes(self.parts)

    def __str__(self):
        return "(" + " or ".join(map(str, self.parts)) + ")"

    def describe(self, label):
        return " or ".join(_nested(p, label) for p in self.parts)


@dataclass(frozen=True)
class Not:
    part: object

    def __init__(self, part):
        object.__setattr__(self, "part", as_condition(part))

    def holds(self, chosen):
        return not self.part.holds(chosen)

    def codes(self):
        return self.part.codes()

    def __str__(self):
        return f"not {self.part}"

    def describe(self, label):
        return f"not {_nested(self.part, label)}"


def _codes(parts):
    """The option codes named by these conditions (options read directly: a DIMACS clause is thousands of them)."""
    found = set()
    for part in parts:
        if type(part) is Opt:
            found.add(part.code)
        else:
            found |= part.codes()
    return found


def _nested(condition, label):
    text = condition.describe(label)
    return f"({text})" if isinstance(condition, All | Any) and len(condition.parts) > 1 else text


def offered_only(condition, label):
    """Why a step is hidden, in the shopper's words: "only offered with Full-grain leather".

    ``label`` gives an option's label from its code; the wording follows the step's visibility condition.
    """
    if isinstance(condition, Not):
        return f"only offered without {_nested(condition.part, label)}"
    return f"only offered with {condition.describe(label)}"


def as_condition(value):
    """A condition from a condition, an option code, or its JSON form.

    JSON form: ``"code"``, ``{"all": [...]}``, ``{"any": [...]}``, ``{"not": ...}``.
    """
    if type(value) in CONDITION_TYPES or isinstance(value, Opt | All | Any | Not):  # exact types first: cheaper
        return value
    if isinstance(value, str):
        return Opt(value)
    if isinstance(value, dict) and len(value) == 1:
        if condition_depth(value) > MAX_CONDITION_DEPTH:
            raise ModelError(f"A condition is nested more than {MAX_CONDITION_DEPTH} levels deep.")
        (key, inner), = value.items()
        if key == "all" and isinstance(inner, list):
            return All(*inner)
        if key == "any" and isinstance(inner, list):
            return Any(*inner)
        if key == "not":
            return Not(inner)
    raise ModelError(f"Not a condition: {value!r}")


CONDITION_TYPES = frozenset((Opt, All, Any, Not))


def condition_depth(value):
    """How deeply the JSON form of a condition nests (a code is 0); counted without recursion."""
    deepest, pending = 0, [(value, 0)]
    while pending:
        item, depth = pending.pop()
        deepest = max(deepest, depth)
        if depth > MAX_CONDITION_DEPTH:
            break  # deep enough to refuse: no need to walk the rest
        if isinstance(item, dict):
            pending.extend((inner, depth + 1) for inner in item.values())
        elif isinstance(item, list):
            pending.extend((part, depth) for part in item)
    return deepest


def condition_to_json(condition):
    if isinstance(condition, Opt):
        return condition.code
    if isinstance(condition, All):
        return {"all": [condition_to_json(p) for p in condition.parts]}
    if isinstance(condition, Any):
        return {"any": [condition_to_json(p) for p in condition.parts]}
    return {"not": condition_to_json(condition.part)}


# --- Rules ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Requires:
    if_: object
    then: object
    name: str = ""

    def __post_init__(self):
        object.__setattr__(self, "if_", as_condition(self.if_))
        object.__setattr__(self, "then", as_condition(self.then))
        object.__setattr__(self, "name", self.name or f"{self.if_} requires {self.then}")

    def holds(self, chosen):
        return not self.if_.holds(chosen) or self.then.holds(chosen)

    def codes(self):
        return self.if_.codes() | self.then.codes()


@dataclass(frozen=True)
class Excludes:
    parts: tuple
    name: str = ""

    def __init__(self, *parts, name=""):
        if len(parts) < 2:
            raise ModelError("An exclusion needs at least two conditions.")
        object.__setattr__(self, "parts", tuple(as_condition(p) for p in parts))
        object.__setattr__(self, "name", name or " excludes ".join(map(str, self.parts)))

    def holds(self, chosen):
        return not all(p.holds(chosen) for p in self.parts)

    def codes(self):
        return set().union(*(p.codes() for p in self.parts))


@dataclass(frozen=True)
class Constraint:
    condition: object
    name: str = ""

    def __post_init__(self):
        object.__setattr__(self, "condition", as_condition(self.condition))
        object.__setattr__(self, "name", self.name or f"always {self.condition}")

    def holds(self, chosen):
        return self.condition.holds(chosen)

    def codes(self):
        return self.condition.codes()


@dataclass(frozen=True)
class PriceRule:
    when: object
    amount: Decimal = ZERO
    percent: Decimal = ZERO
    label: str = ""

    def __post_init__(self):
        object.__setattr__(self, "when", as_condition(self.when))
        object.__setattr__(self, "amount", Decimal(self.amount))
        object.__setattr__(self, "percent", Decimal(self.percent))
        if self.amount and self.percent:
            raise ModelError(f"Price rule {self.label or self.when}: give an amount or a percent, not both.")


# --- Groups and options --------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    code: str
    label: str = ""
    price_delta: Decimal = ZERO
    lead_time_days: int = 0
    default: bool = False
    active: bool = True
    # For options picked by a measurement: the value range [range_min, range_max) that selects them.
    range_min: Decimal | None = None
    range_max: Decimal | None = None

    def __post_init__(self):
        object.__setattr__(self, "price_delta", Decimal(self.price_delta))
        object.__setattr__(self, "label", self.label or self.code)

    def in_range(self, value):
        above = self.range_min is None or value >= self.range_min
        return above and (self.range_max is None or value < self.range_max)


@dataclass(frozen=True)
class Group:
    code: str
    label: str = ""
    kind: str = CHOICE
    required: bool = True
    min_choices: int = 1
    max_choices: int = 1
    options: tuple = ()
    visible_when: object | None = None
    help_text: str = ""
    # text groups
    max_length: int = 0
    allowed_characters: str = ""  # a regular-expression character class body, e.g. "A-Z"
    price_per_character: Decimal = ZERO
    # measurement groups
    unit: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    step: Decimal | None = None
    price_per_unit: Decimal = ZERO  # per unit above the minimum

    def __post_init__(self):
        object.__setattr__(self, "options", tuple(self.options))
        object.__setattr__(self, "label", self.label or self.code)
        object.__setattr__(self, "price_per_character", Decimal(self.price_per_character))
        object.__setattr__(self, "price_per_unit", Decimal(self.price_per_unit))
        for name in ("minimum", "maximum", "step"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, Decimal(getattr(self, name)))
        if self.visible_when is not None:
            object.__setattr__(self, "visible_when", as_condition(self.visible_when))
        if self.kind not in (CHOICE, TEXT, MEASUREMENT):
            raise ModelError(f"Group {self.code}: unknown kind {self.kind!r}.")
        if self.kind == CHOICE and not 0 <= self.min_choices <= self.max_choices:
            raise ModelError(f"Group {self.code}: needs 0 <= min choices <= max choices.")

    @property
    def active_options(self):
        return tuple(o for o in self.options if o.active)

    @property
    def measured(self):
        """Options of a measurement group are picked by the measured value, never by hand."""
        return self.kind == MEASUREMENT

    def text_pattern(self):
        return re.compile(f"[{self.allowed_characters}]*") if self.allowed_characters else None


@dataclass(frozen=True)
class FeatureModel:
    groups: tuple
    rules: tuple = ()
    price_rules: tuple = ()
    base_price: Decimal = ZERO
    base_lead_time_days: int = 0
    name: str = ""
    _options: dict = field(init=False, repr=False, compare=False)
    _group_of: dict = field(init=False, repr=False, compare=False)
    _groups: dict = field(init=False, repr=False, compare=False)
    _percent_of: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "groups", tuple(self.groups))
        object.__setattr__(self, "rules", tuple(self.rules))
        object.__setattr__(self, "price_rules", tuple(self.price_rules))
        object.__setattr__(self, "base_price", Decimal(self.base_price))
        options, group_of, group_codes = {}, {}, set()
        for group in self.groups:
            if group.code in group_codes:
                raise ModelError(f"Two groups have the code {group.code!r}.")
            group_codes.add(group.code)
            for option in group.options:
                if option.code in options:
                    raise ModelError(f"Two options have the code {option.code!r}.")
                options[option.code] = option
                group_of[option.code] = group
        object.__setattr__(self, "_options", options)
        object.__setattr__(self, "_group_of", group_of)
        object.__setattr__(self, "_groups", {group.code: group for group in self.groups})
        percent_of = {}  # option code -> the percent its own price rules add (rules whose condition is that option)
        for rule in self.price_rules:
            codes = rule.when.codes()
            if rule.percent and len(codes) == 1 and rule.when.holds(codes):
                (code,) = codes
                percent_of[code] = percent_of.get(code, ZERO) + rule.percent
        object.__setattr__(self, "_percent_of", percent_of)
        conditions = [(r.name, r.codes()) for r in self.rules]
        conditions += [(f"price rule {p.label or p.when}", p.when.codes()) for p in self.price_rules]
        conditions += [(f"visibility of {g.code}", g.visible_when.codes()) for g in self.groups if g.visible_when]
        for name, codes in conditions:  # each named code looked up once: linear in the size of the rules
            unknown = sorted(code for code in codes if code not in options)
            if unknown:
                raise ModelError(f"Rule {name!r} names unknown options: {', '.join(unknown)}.")

    def option(self, code):
        return self._options[code]

    def group_of(self, code):
        return self._group_of[code]

    def own_percent(self, code):
        """The sum of the percent price rules whose condition is just this option (0 when there is none)."""
        return self._percent_of.get(code, ZERO)

    def group(self, code):
        return self._groups[code]

    @property
    def option_codes(self):
        return self._options.keys()
