"""The production spec of one unit: built once from the order line's frozen configuration and the routing.

Everything here works on plain data (the configuration snapshot, the version's definition, routing steps
as dicts) so the spec, the pick list and the pre-purchase estimate use the same arithmetic.
"""

from collections import OrderedDict
from decimal import Decimal

from configurator.production.models import RoutingStep


def routing_steps_by_product(configurable_ids):
    """{configurable id: [step as plain data, ...]} in routing order, in one query."""
    steps = {}
    for step in (RoutingStep.objects.filter(configurable_id__in=set(configurable_ids))
                 .select_related("workstation").order_by("position", "pk")):
        steps.setdefault(step.configurable_id, []).append({
            "operation": step.operation, "name": step.name, "workstation": step.workstation.code,
            "workstation_name": step.workstation.name, "minutes": step.minutes, "when_option": step.when_option,
            "quality_check": step.is_quality_check,
        })
    return steps


def operations_for(steps, chosen):
    """The operations one unit needs: the unconditional ones, plus what the chosen options (and the filled-in
    free texts, by their step's code) add."""
    chosen = set(chosen)
    operations = OrderedDict()
    for step in steps:
        if step["when_option"] and step["when_option"] not in chosen:
            continue
        found = operations.get(step["operation"])
        if found is None:
            operations[step["operation"]] = {
                "code": step["operation"], "name": step["name"], "workstation": step["workstation"],
                "workstation_name": step["workstation_name"], "minutes": step["minutes"],
                "quality_check": step["quality_check"],
                "added_by": [step["when_option"]] if step["when_option"] else [],
            }
        else:
            found["minutes"] += step["minutes"]
            if step["when_option"]:
                found["added_by"].append(step["when_option"])
    return list(operations.values())


def sum_components(lines, units=1):
    """BOM lines summed by component and unit (quantities as strings, as a workshop writes them: 1.5, 2)."""
    totals = OrderedDict()
    for line in lines:
        key = (line["component"], line["unit"])
        totals[key] = totals.get(key, Decimal(0)) + Decimal(str(line["quantity"])) * units
    return [{"component": component, "quantity": format(quantity.normalize(), "f"), "unit": unit}
            for (component, unit), quantity in sorted(totals.items())]


def exploded_bom(options, units=1):
    """Components of the chosen options' BOM lines, summed."""
    return sum_components((line for option in options for line in option.get("bom", ())), units)


def material_wait_days(definition, options, has_routing=True):
    """Working days before a unit can start: its slowest option's extra lead time (materials to arrive).

    A product without a routing has no operations to plan, so its whole quoted lead time is the wait.
    """
    chosen = set(options)
    extra = max((option.get("lead_time_days", 0) for group in definition["groups"] for option in group["options"]
                 if option["code"] in chosen), default=0)
    return extra if has_routing else int(definition.get("base_lead_time_days", 0)) + extra


def inputs_of(definition, snapshot):
    """The free texts and measurements of a configuration, labelled as the shopper saw them."""
    groups = {group["code"]: group for group in definition["groups"]}
    texts = [{"code": code, "label": groups.get(code, {}).get("label", code), "value": value}
             for code, value in sorted((snapshot.get("texts") or {}).items())]
    measurements = [{"code": code, "label": groups.get(code, {}).get("label", code), "value": str(value),
                     "unit": groups.get(code, {}).get("unit", "")}
                    for code, value in sorted((snapshot.get("measurements") or {}).items())]
    return texts, measurements


def build_spec(*, number, order, line, unit, units, configuration, steps):
    """The immutable spec of one unit of a configured order line (``configuration``: OrderLineConfiguration)."""
    snapshot = configuration.snapshot
    definition = configuration.version.definition
    options = snapshot.get("options", [])
    texts, measurements = inputs_of(definition, snapshot)
    filled = [code for code, value in (snapshot.get("texts") or {}).items() if value]
    operations = operations_for(steps, [option["code"] for option in options] + filled)
    return {
        "work_order": number,
        "order": order.number,
        "line": line.pk,
        "unit": unit,
        "units": units,
        "product": snapshot.get("product") or line.title,
        "product_code": line.partner_sku or "",
        "model_version": snapshot.get("version"),
        "configuration": configuration.code,
        "options": [{"group": o["group"], "group_label": o["group_label"], "code": o["code"], "label": o["label"]}
                    for o in options],
        "texts": texts,
        "measurements": measurements,
        "bom": exploded_bom(options),
        "operations": operations,
        "total_minutes": sum(operation["minutes"] for operation in operations),
        "material_wait_days": material_wait_days(definition, [option["code"] for option in options], bool(steps)),
        "preview_svg": snapshot.get("preview_svg", ""),
    }


def pick_list(specs):
    """Components to pick for a set of work orders: summed over their specs, by component and unit."""
    return sum_components(line for spec in specs for line in spec["bom"])
