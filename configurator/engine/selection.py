"""A shopper's selection: chosen option codes, measured values and free texts, checked against the model."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .model import MEASUREMENT, TEXT, offered_only


class SelectionError(ValueError):
    """Bad input: names the field (an option code, group code or 'options') and says what is wrong."""

    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Selection:
    options: frozenset  # option codes, including the ones picked by measurements
    measurements: tuple = ()  # ((group code, Decimal value), ...) sorted
    texts: tuple = ()  # ((group code, text), ...) sorted, empty texts left out

    @property
    def measurement_values(self):
        return dict(self.measurements)

    @property
    def text_values(self):
        return dict(self.texts)


@dataclass(frozen=True)
class Removal:
    """Input dropped because its step is hidden by the other choices (see ``drop_hidden_inputs``)."""

    group: str  # the step's code
    label: str  # the step's label
    value: str  # what was dropped, as the shopper chose or typed it
    reason: str  # "only offered with Full-grain leather"

    def __str__(self):
        return f"{self.label} removed: {self.reason}"

    def as_dict(self):
        return {"group": self.group, "label": self.label, "value": self.value, "reason": self.reason,
                "message": str(self)}


def drop_hidden_inputs(model, selection):
    """The selection without the choices, texts and measurements of steps that its remaining choices hide.

    The one rule for hidden steps: a step whose ``visible_when`` does not hold keeps no input, so nothing
    hidden is priced, quoted, stored or built. Removing a step's input may hide another step, so this
    repeats until nothing more is hidden. Returns (selection, removals in step order).
    """
    options = set(selection.options)
    values, words = dict(selection.measurements), dict(selection.texts)
    removals = []
    while True:
        hidden = [group for group in model.groups
                  if group.visible_when is not None and not group.visible_when.holds(options)
                  and _has_input(group, options, values, words)]
        if not hidden:
            break
        removals += [Removal(group.code, group.label, _shown_value(group, options, values, words),
                             offered_only(group.visible_when, lambda code: model.option(code).label))
                     for group in hidden]
        for group in hidden:
            options -= {option.code for option in group.options}
            values.pop(group.code, None)
            words.pop(group.code, None)
    if not removals:
        return selection, ()
    order = {group.code: index for index, group in enumerate(model.groups)}
    removals.sort(key=lambda removal: order[removal.group])
    return (Selection(frozenset(options), tuple(sorted(values.items())), tuple(sorted(words.items()))),
            tuple(removals))


def _has_input(group, options, values, words):
    return group.code in values or group.code in words or any(o.code in options for o in group.options)


def _shown_value(group, options, values, words):
    if group.kind == TEXT:
        return words.get(group.code, "")
    if group.kind == MEASUREMENT and group.code in values:
        return f"{plain(values[group.code])} {group.unit}".strip()
    return ", ".join(option.label for option in group.options if option.code in options)


def not_offered_yet(option, why):
    """The refusal of an option withheld from this shopper (``why``: "coming on …", from whoever withholds it)."""
    return f"{option.label} is not offered to you yet: {why}"


def check_offered(model, selection, withheld=None):
    """Refuse a selection holding an option withheld from this shopper (SelectionError naming it and why)."""
    for code in sorted(set(selection.options) & set(withheld or ())):
        raise SelectionError(code, not_offered_yet(model.option(code), withheld[code]))
    return selection


def make_selection(model, chosen=(), measurements=None, texts=None, withheld=None):
    """Check the input against the model and return a Selection, or raise SelectionError naming the field.

    ``withheld`` ({option code: why, in the shopper's words}): options this shopper may not see or choose yet
    (e.g. new options in early access for some loyalty tiers); choosing one, or a measurement that picks one, is
    refused with the reason."""
    withheld = withheld or {}
    if isinstance(chosen, str) or not _iterable(chosen):
        raise SelectionError("options", "must be a list of option codes")
    codes = set()
    for code in chosen:
        if not isinstance(code, str):
            raise SelectionError("options", f"{code!r} is not an option code")
        if code not in model.option_codes:
            raise SelectionError(code, "is not an option of this product")
        option = model.option(code)
        if not option.active:
            raise SelectionError(code, f"{option.label} is no longer offered")
        if model.group_of(code).measured:
            raise SelectionError(code, f"is picked from the {model.group_of(code).label.lower()} you enter")
        if code in withheld:
            raise SelectionError(code, not_offered_yet(option, withheld[code]))
        codes.add(code)

    values = {}
    for group_code, raw in _items(measurements, "measurements"):
        group = _group(model, group_code, MEASUREMENT)
        value = _decimal(group_code, raw)
        if group.minimum is not None and value < group.minimum:
            raise SelectionError(group_code, f"must be at least {plain(group.minimum)} {group.unit}".strip())
        if group.maximum is not None and value > group.maximum:
            raise SelectionError(group_code, f"must be at most {plain(group.maximum)} {group.unit}".strip())
        if group.step and (value - (group.minimum or 0)) % group.step:
            raise SelectionError(group_code, f"must be in steps of {plain(group.step)} {group.unit}".strip())
        if group.options:
            matching = [o for o in group.active_options if o.in_range(value)]
            if not matching:
                raise SelectionError(group_code,
                                     f"{plain(value)} {group.unit} is outside every range we build".strip())
            if matching[0].code in withheld:
                raise SelectionError(group_code, f"{plain(value)} {group.unit} takes {matching[0].label}, which is "
                                     f"not offered to you yet: {withheld[matching[0].code]}".replace("  ", " "))
            codes.add(matching[0].code)
        values[group_code] = value

    words = {}
    for group_code, raw in _items(texts, "texts"):
        group = _group(model, group_code, TEXT)
        if not isinstance(raw, str):
            raise SelectionError(group_code, "must be text")
        text = normalise_text(group, raw)
        if group.max_length and len(text) > group.max_length:
            raise SelectionError(group_code, f"may have at most {group.max_length} characters")
        pattern = group.text_pattern()
        if pattern and not pattern.fullmatch(text):
            bad = sorted({ch for ch in text if not pattern.fullmatch(ch)})
            raise SelectionError(group_code, f"may not contain {' '.join(repr(ch) for ch in bad)}")
        if text:
            words[group_code] = text

    return Selection(frozenset(codes), tuple(sorted(values.items())), tuple(sorted(words.items())))


SPACES = re.compile(r"\s+")


def normalise_text(group, raw):
    """A shopper's free text as the step keeps it: Unicode NFC, spaces trimmed and runs of them made one, and
    in the case the step's characters allow when only the other case is refused ("jd" is "JD" for A-Z)."""
    text = SPACES.sub(" ", unicodedata.normalize("NFC", raw)).strip()
    pattern = group.text_pattern()
    if pattern and not pattern.fullmatch(text):
        for cased in (text.upper(), text.lower()):
            if pattern.fullmatch(cased):
                return cased
    return text


def plain(number):
    """A Decimal as people write it: 200, 2.5 (not 200.00 or 2E+2)."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _iterable(value):
    try:
        iter(value)
    except TypeError:
        return False
    return not isinstance(value, dict | bytes)


def _items(mapping, name):
    if mapping is None:
        return []
    if not isinstance(mapping, dict):
        raise SelectionError(name, "must be an object mapping group codes to values")
    return sorted(mapping.items())


def _group(model, group_code, kind):
    try:
        group = model.group(group_code)
    except KeyError:
        raise SelectionError(group_code, "is not a feature of this product") from None
    if group.kind != kind:
        raise SelectionError(group_code, f"is not a {kind} feature")
    return group


def _decimal(field, raw):
    if isinstance(raw, bool) or not isinstance(raw, int | str | Decimal | float):
        raise SelectionError(field, "must be a number")
    if isinstance(raw, str):  # " 72,5 " as typed on a keyboard with a decimal comma
        raw = raw.strip().replace(",", ".") if raw.count(",") == 1 and "." not in raw else raw.strip()
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise SelectionError(field, "must be a number") from None
    if not value.is_finite():
        raise SelectionError(field, "must be a number")
    return value
