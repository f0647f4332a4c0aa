"""The draft feature model of a product as the engine's JSON definition (what a published version stores), and the
check of a definition that enters the store.

The format is documented, and checked, by the JSON Schema ``configurator/schema/feature-model.schema.json``.
``check_definition`` applies it, then the engine's checks a schema cannot express (codes used twice, rules naming
unknown options, ...), and raises ``DefinitionError`` listing every problem by place.
"""

import json
import re
from datetime import date
from pathlib import Path

from jsonschema import Draft202012Validator

from configurator.engine import ModelError, model_from_definition
from configurator.models import GroupKind, RuleKind

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "feature-model.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
MAX_PROBLEMS = 20  # a definition of the wrong shape altogether would list hundreds


class DefinitionError(ModelError):
    """A definition the store does not accept; ``problems`` says where and why, one sentence each."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("The feature-model definition is not valid: " + "; ".join(self.problems))


def check_definition(definition):
    """Refuse a definition that does not follow the schema or that the engine cannot read (DefinitionError)."""
    try:
        errors = sorted(VALIDATOR.iter_errors(definition), key=lambda error: _sort_key(error.absolute_path))
    except RecursionError:
        raise DefinitionError(["(the definition): is nested too deeply"]) from None
    problems = list(dict.fromkeys(_problem(error) for error in errors))  # in order, each once
    if len(problems) > MAX_PROBLEMS:
        problems = problems[:MAX_PROBLEMS] + [f"and {len(problems) - MAX_PROBLEMS} more problems"]
    if problems:
        raise DefinitionError(problems)
    try:
        model = model_from_definition(definition)
    except ModelError as error:
        raise DefinitionError([str(error)]) from None
    problems = [f"{_place(['groups', index, 'allowed_characters'])}: {group.allowed_characters!r} is not a "
                "character class (write letters and ranges like A-Z0-9)"
                for index, group in enumerate(model.groups)
                if group.allowed_characters and not _character_class(group.allowed_characters)]
    problems += [f"{_place(['groups', index, 'options', position, 'early_access_until'])}: "
                 f"{option['early_access_until']!r} is not a day of the calendar"
                 for index, group in enumerate(definition["groups"])
                 for position, option in enumerate(group.get("options", ()))
                 if option.get("early_access_until") and not _calendar_day(option["early_access_until"])]
    if problems:
        raise DefinitionError(problems)


def _calendar_day(text):
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _character_class(characters):
    try:
        re.compile(f"[{characters}]*")
    except re.error:
        return False
    return True


def _problem(error):
    """``groups[2].options[0].price_delta: 400 is not an amount written as a string (...)``."""
    error = _deepest(error)
    title = error.schema.get("title") if isinstance(error.schema, dict) and error.schema is not SCHEMA else None
    if title and error.validator in ("anyOf", "oneOf", "pattern", "type", "not", "minLength", "maxLength"):
        message = f"{_shown(error.instance)} is not {title}"
    elif error.validator in ("anyOf", "oneOf"):  # every alternative is of another type
        message = f"{_shown(error.instance)} is not " + " or ".join(_kind(inner.schema) for inner in error.context)
    else:
        message = error.message
    return f"{_place(error.absolute_path)}: {message}"


def _deepest(error):
    """The error an anyOf stands for: the alternative that got furthest into the value; else the anyOf itself when
    it has a title ("a condition"); else the alternative meant for the value's type (a string that is no colour)."""
    while error.validator in ("anyOf", "oneOf") and error.context:
        deeper = max(error.context, key=lambda inner: len(inner.relative_path))
        meant = [inner for inner in error.context if inner.relative_path or inner.validator != "type"]
        if deeper.relative_path:
            error = deeper
        elif "title" in error.schema or not meant:
            break
        else:
            error = meant[0]
    return error


def _kind(schema):
    kinds = {"null": "null", "object": "an object", "array": "a list", "string": "a string",
             "integer": "a whole number", "number": "a number", "boolean": "true or false"}
    return schema.get("title") or kinds.get(schema.get("type"), "valid")


def _sort_key(path):
    return [(isinstance(part, str), part) for part in path]


def _place(path):
    place = ""
    for part in path:
        place += f"[{part}]" if isinstance(part, int) else f".{part}" if place else str(part)
    return place or "(the definition)"


def _shown(value, limit=60):
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _number(value):
    return None if value is None else str(value)


def build_definition(configurable):
    """Everything a version needs, read from the draft in a fixed number of queries."""
    groups = (
        configurable.groups.all()
        .prefetch_related("options__bom_lines")
        .order_by("position", "pk")
    )
    definition = {
        "name": configurable.product.title,
        "base_price": _number(base_price_of(configurable.product)),
        "base_lead_time_days": configurable.base_lead_time_days,
        "preview": {"viewbox": configurable.preview_viewbox, "base": configurable.preview_base_svg},
        "groups": [group_definition(group) for group in groups],
        "rules": [rule_definition(rule) for rule in configurable.rules.all()],
        "price_rules": [
            {"label": rule.label, "when": rule.when, "amount": str(rule.amount), "percent": str(rule.percent)}
            for rule in configurable.price_rules.all()
        ],
    }
    return definition


def base_price_of(product):
    """The product's own price (its first stock record), the base every option adds to."""
    record = product.stockrecords.order_by("pk").first()
    return record.price if record is not None else 0


def group_definition(group):
    data = {
        "code": group.code, "label": group.name, "help_text": group.help_text, "kind": group.kind,
        "required": group.required, "min_choices": group.min_choices, "max_choices": group.max_choices,
        "visible_when": group.visible_when,
        "options": [option_definition(option) for option in group.options.all()],
    }
    if group.kind == GroupKind.TEXT:
        data.update(max_length=group.max_length, allowed_characters=group.allowed_characters,
                    price_per_character=str(group.price_per_character))
    if group.kind == GroupKind.MEASUREMENT:
        data.update(unit=group.unit, minimum=_number(group.minimum), maximum=_number(group.maximum),
                    step=_number(group.step), price_per_unit=str(group.price_per_unit))
    return data


def option_definition(option):
    return {
        "code": option.code, "label": option.label, "price_delta": str(option.price_delta),
        "lead_time_days": option.lead_time_days, "default": option.is_default, "active": option.is_active,
        "early_access_until": option.early_access_until.isoformat() if option.early_access_until else None,
        "range_min": _number(option.range_min), "range_max": _number(option.range_max),
        "swatch": option.swatch or None,
        "layer": {"order": option.layer_order, "svg": option.layer_svg} if option.layer_svg else None,
        "bom": [
            {"component": line.component_code, "quantity": str(line.quantity), "unit": line.unit}
            for line in option.bom_lines.all()
        ],
    }


def rule_definition(rule):
    if rule.kind == RuleKind.REQUIRES:
        return {"kind": "requires", "name": rule.name, "if": rule.when, "then": rule.then}
    if rule.kind == RuleKind.EXCLUDES:
        return {"kind": "excludes", "name": rule.name, "conditions": [rule.when, rule.then]}
    return {"kind": "constraint", "name": rule.name, "condition": rule.when}
