"""What the shopper sees for a selection: every step with its options' states and reasons, the price,
the lead time and ship date, and the layered preview. Shared by the JSON API and the HTML page.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.utils import timezone
from django.utils.text import capfirst, get_text_list

from configurator.compiled import compiled_model
from configurator.engine import Selection, option_percent
from configurator.engine.selection import plain
from configurator.preview import compose_preview
from configurator.return_terms import configuration_terms
from configurator.ship_dates import estimate_ship_date
from configurator.shoppers import Shopper, early_access_note, upcoming_options, withheld_options
from shop.dates import long_date

SWATCH = re.compile(r"#[0-9a-fA-F]{3,8}")  # only plain colours reach a style attribute


@dataclass(frozen=True)
class Access:
    """What of the model this shopper sees today: options in early access ({code: the day they open to
    everybody}) and, of those, the ones withheld from them ({code: why})."""

    upcoming: dict
    withheld: dict


def configuration_state(version, options=(), measurements=None, texts=None, today=None, shopper=None, order=None):
    """The state of a selection as plain data, as ``shopper`` sees it (raises SelectionError on bad input).

    ``return_terms``: what the return policy promises for exactly what a quote of this selection would build
    (its measurements and texts as ``save_configuration`` keeps them), so the basket shows the same sentences.
    Options in early access are offered to a shopper with early access (with a note saying until when), and shown
    to anybody else as coming on that day, unavailable. The ship date is the one this shopper would get: a
    customer with a free express slot is planned ahead of the ordinary queue (``express`` says so).

    ``order``: the option codes in the order the shopper chose them (the JSON API's ``options`` list); a reason
    an option is unavailable then names the most recent choice that takes part in one. Without it (the plain
    form posts in step order), choices in steps nearest the option's own are named first.
    """
    shopper = shopper or Shopper()
    compiled = compiled_model(version)
    definition = version.definition
    day = today or timezone.localdate()
    access = Access(upcoming=upcoming_options(definition, day), withheld=withheld_options(definition, shopper, day))
    evaluation = compiled.evaluate(options, measurements=measurements, texts=texts, withheld=access.withheld)
    selection = evaluation.selection
    chosen = selection.options
    validation = compiled.validate(evaluation.effective, withheld=access.withheld)
    labels = {option["code"]: option["label"] for group in definition["groups"] for option in group["options"]}
    recency = {code: index for index, code in enumerate(order or ())}
    steps = {step.code: index for index, step in enumerate(compiled.model.groups)}  # each step's place, once
    groups = [
        _group_state(compiled, group, evaluation, labels, selection, access, (recency, steps))
        for group in definition["groups"]
    ]
    lead_time = evaluation.price.lead_time_days
    effective = evaluation.effective
    express = shopper.express_production
    ship_date = _ship_date(version, effective, today, shopper)
    return {
        "product": definition.get("name", ""),
        "version": version.number,
        "selection": {
            "options": sorted(c for c in chosen if not compiled.model.group_of(c).measured),
            "measurements": {code: str(value) for code, value in selection.measurements},
            "texts": dict(selection.texts),
        },
        # input of steps the other choices hide: dropped from everything above and below, named here
        "removed": [removal.as_dict() for removal in evaluation.removed],
        "completable": evaluation.completable,
        "complete": evaluation.completable and validation.valid,
        "missing": list(validation.reasons) if evaluation.completable else [],
        "groups": groups,
        "price": evaluation.price.as_dict(),
        "lead_time_days": lead_time,
        "ship_date": ship_date.isoformat(),
        "ship_date_display": long_date(ship_date),
        "express": express,
        "return_terms": configuration_terms(definition, {"measurements": dict(effective.measurements),
                                                         "texts": dict(effective.texts)}),
        "preview_svg": compose_preview(definition, chosen | evaluation.forced),
    }


def _ship_date(version, effective, today, shopper):
    """The scheduler's date for an evaluated selection bought now by ``shopper`` (configurator.ship_dates)."""
    return estimate_ship_date(version, sorted(effective.options), texts=dict(effective.texts), day=today,
                              express=shopper.express_production)


def suggested_ship_date(version, options, shopper=None, today=None):
    """When the selection the configurator opens with (``options``: its default choices) would ship if bought now:
    the date the configurator page then shows, which the product page gives too."""
    shopper = shopper or Shopper()
    day = today or timezone.localdate()
    evaluation = compiled_model(version).evaluate(options, withheld=withheld_options(version.definition, shopper, day))
    return _ship_date(version, evaluation.effective, today, shopper)


def _group_state(compiled, group, evaluation, labels, selection, access, order):
    chosen = evaluation.selection.options
    engine_group = compiled.model.group(group["code"])
    visible = engine_group.visible_when is None or engine_group.visible_when.holds(chosen)
    state = {
        "code": group["code"], "label": group["label"], "help_text": group.get("help_text", ""),
        "kind": group["kind"], "required": group["required"], "visible": visible,
        "min_choices": group.get("min_choices", 1), "max_choices": group.get("max_choices", 1),
    }
    if group["kind"] == "text":
        state.update(value=dict(selection.texts).get(group["code"], ""), max_length=group.get("max_length"),
                     allowed_characters=group.get("allowed_characters"),
                     price_per_character=group.get("price_per_character"))
        return state
    if group["kind"] == "measurement":
        value = dict(selection.measurements).get(group["code"])
        state.update(value=None if value is None else str(value), unit=group.get("unit"),
                     minimum=_plain(group.get("minimum")), maximum=_plain(group.get("maximum")),
                     step=_plain(group.get("step")), price_per_unit=group.get("price_per_unit"))
    own = {o["code"] for o in group["options"]} & chosen
    single = group["kind"] == "measurement" or group.get("max_choices", 1) == 1
    # An optional one-choice step can be emptied again: its "None" choice (checked when nothing of it is chosen).
    state["none_label"] = f"No {group['label'].lower()}" if group["kind"] == "choice" and single and not group[
        "required"] else None
    included = {o["code"] for o in group["options"]} & evaluation.forced
    state["none_chosen"] = bool(state["none_label"]) and not own and not included
    state["none_blocked"] = bool(included)  # the other choices include one of this step's options
    # In a one-choice step, the other options are offered as replacements of the current choice: each is asked
    # without it (what evaluating the other choices would call available), except those available even with it.
    if single and own:
        others = Selection(frozenset(chosen - own), selection.measurements, selection.texts)
        asked = [o["code"] for o in group["options"] if o.get("active", True) and o["code"] not in chosen
                 and o["code"] not in access.withheld and o["code"] not in evaluation.forced]
        alternatives = (evaluation.available | compiled.available_among(
            others, [code for code in asked if code not in evaluation.available], withheld=access.withheld)
            if evaluation.completable else frozenset())
    else:
        others, alternatives = evaluation.selection, evaluation.available
    why = partial(_reason, compiled, group, others, labels, access.withheld, order)
    state["options"] = [
        _option_state(compiled, option, chosen, alternatives, evaluation, access, why)
        for option in group["options"] if option.get("active", True)
    ]
    return state


def _plain(number):
    return None if number in (None, "") else plain(Decimal(str(number)))


def _option_state(compiled, option, chosen, alternatives, evaluation, access, why):
    code = option["code"]
    swatch = option.get("swatch") or ""
    opens = access.upcoming.get(code)
    percent = option_percent(compiled.model, evaluation.effective, code)
    data = {"code": code, "label": option["label"], "price_delta": option["price_delta"],
            # a percent price rule of this option alone ("Suede premium +10 %") and what it adds at this selection
            "price_percent": plain(percent[0]) if percent else None,
            "price_percent_amount": str(percent[1]) if percent else None,
            "lead_time_days": option.get("lead_time_days", 0),
            "swatch": swatch if SWATCH.fullmatch(swatch) else None,
            "early_access_until": opens.isoformat() if opens else None,
            "note": early_access_note(opens) if opens and code not in access.withheld else ""}
    if code in access.withheld:
        data.update(status="unavailable", reason=capfirst(access.withheld[code]))
    elif code in chosen:
        data.update(status="chosen", reason="")
    elif code in evaluation.forced:
        data.update(status="included", reason="Included with your other choices")
    elif code in alternatives:
        data.update(status="available", reason="")
    else:
        data.update(status="unavailable", reason=why(code))
    return data


def _preference(compiled, group, chosen, order):
    """The chosen codes, the one a shopper would most likely change first: the most recently chosen (``recency``),
    then those in the steps nearest ``group`` (``steps``: each step's place in the model)."""
    recency, steps = order
    here = steps[group["code"]]
    return sorted(chosen, key=lambda code: (-recency.get(code, -1),
                                            abs(steps[compiled.model.group_of(code).code] - here), code))


def _reason(compiled, group, others, labels, withheld, order, code):
    """Why ``code`` is unavailable: asked only for the options the page shows as unavailable."""
    prefer = _preference(compiled, group, others.options, order)
    blockers = compiled.explain(others, code, withheld=withheld, prefer=prefer)
    group_codes = {o["code"] for o in group["options"]}
    if blockers and set(blockers) <= group_codes and group["kind"] == "choice":
        return f"You can choose at most {group.get('max_choices', 1)} here: remove one first"
    if not blockers:
        return "Not available with this product right now"
    names = []
    steps = order[1]
    for blocker in sorted(blockers, key=lambda code: steps[compiled.model.group_of(code).code]):
        blocker_group = compiled.model.group_of(blocker)
        suffix = f" (from your {blocker_group.label.lower()})" if blocker_group.measured else ""
        names.append(labels[blocker] + suffix)
    return "Not available with " + get_text_list(names, "and")


def describe_choices(definition, choices):
    """[(step label, what was chosen)] of a saved selection, in step order, for baskets, orders and e-mails."""
    options = set(choices.get("options", ()))
    measurements = choices.get("measurements") or {}
    texts = choices.get("texts") or {}
    lines = []
    for group in definition["groups"]:
        code = group["code"]
        picked = [o["label"] for o in group["options"] if o["code"] in options]
        if group["kind"] == "measurement" and code in measurements:
            value = f"{measurements[code]} {group.get('unit', '')}".strip()
            ranges = [o["label"] for o in group["options"] if _in_range(o, Decimal(str(measurements[code])))]
            lines.append((group["label"], value + (f" ({', '.join(ranges)})" if ranges else "")))
        elif group["kind"] == "text" and texts.get(code):
            lines.append((group["label"], texts[code]))
        elif picked:
            lines.append((group["label"], ", ".join(picked)))
    return lines


def _in_range(option, value):
    low, high = option.get("range_min"), option.get("range_max")
    return (low is None or value >= Decimal(low)) and (high is None or value < Decimal(high))
