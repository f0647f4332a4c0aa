"""The draft feature model of a product as the engine's JSON definition (what a published version stores)."""

from configurator.models import GroupKind, RuleKind


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
