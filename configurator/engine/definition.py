"""A feature model as JSON-ready data (what a published model version stores) and back.

The format is documented, key by key, by the JSON Schema ``configurator/schema/feature-model.schema.json``
(the store checks every definition that enters it against the schema first). In short (every key of an option or
group beyond the engine's is kept for the shop: swatches, preview layers, bills of materials)::

    {"base_price": "149.00", "base_lead_time_days": 10,
     "groups": [{"code": "upper", "label": "Upper", "kind": "choice", "required": true,
                 "min_choices": 1, "max_choices": 1, "help_text": "", "visible_when": null,
                 "options": [{"code": "leather", "label": "Leather", "price_delta": "20.00",
                              "lead_time_days": 0, "default": true, "active": true,
                              "range_min": null, "range_max": null, ...}]},
                {"code": "monogram", "kind": "text", "max_length": 3, "allowed_characters": "A-Z",
                 "price_per_character": "5.00", ...},
                {"code": "width", "kind": "measurement", "unit": "cm", "minimum": "120", "maximum": "200",
                 "step": "10", "price_per_unit": "2.00", "options": [...ranges...]}],
     "rules": [{"kind": "requires", "name": "...", "if": <condition>, "then": <condition>},
               {"kind": "excludes", "name": "...", "conditions": [<condition>, ...]},
               {"kind": "constraint", "name": "...", "condition": <condition>}],
     "price_rules": [{"label": "...", "when": <condition>, "amount": "-10.00", "percent": "0"}]}

A condition is an option code, {"all": [...]}, {"any": [...]} or {"not": ...}.
"""

from __future__ import annotations

from decimal import Decimal

from .model import Constraint, Excludes, FeatureModel, Group, ModelError, Option, PriceRule, Requires

GROUP_FIELDS = ("label", "kind", "required", "min_choices", "max_choices", "help_text", "max_length",
                "allowed_characters", "price_per_character", "unit", "minimum", "maximum", "step", "price_per_unit")
OPTION_FIELDS = ("label", "price_delta", "lead_time_days", "default", "active")


def _decimal_or_none(value):
    return None if value in (None, "") else Decimal(str(value))


def model_from_definition(definition):
    """The engine's FeatureModel for a stored definition; raises ModelError when it is malformed."""
    try:
        groups = []
        for group in definition["groups"]:
            options = tuple(
                Option(code=option["code"], range_min=_decimal_or_none(option.get("range_min")),
                       range_max=_decimal_or_none(option.get("range_max")),
                       **{key: option[key] for key in OPTION_FIELDS if key in option})
                for option in group.get("options", ())
            )
            fields = {key: group[key] for key in GROUP_FIELDS if group.get(key) is not None}
            groups.append(Group(code=group["code"], options=options, visible_when=group.get("visible_when"), **fields))
        rules = [_rule(rule) for rule in definition.get("rules", ())]
        price_rules = [
            PriceRule(when=rule["when"], amount=Decimal(str(rule.get("amount") or 0)),
                      percent=Decimal(str(rule.get("percent") or 0)), label=rule.get("label", ""))
            for rule in definition.get("price_rules", ())
        ]
    except (KeyError, TypeError) as error:
        raise ModelError(f"Malformed model definition: {error!r}") from None
    return FeatureModel(
        groups=groups, rules=rules, price_rules=price_rules,
        base_price=Decimal(str(definition.get("base_price", "0"))),
        base_lead_time_days=int(definition.get("base_lead_time_days", 0)),
        name=definition.get("name", ""),
    )


def _rule(rule):
    kind, name = rule["kind"], rule.get("name", "")
    if kind == "requires":
        return Requires(rule["if"], rule["then"], name=name)
    if kind == "excludes":
        return Excludes(*rule["conditions"], name=name)
    if kind == "constraint":
        return Constraint(rule["condition"], name=name)
    raise ModelError(f"Unknown rule kind {kind!r} in rule {name!r}.")
