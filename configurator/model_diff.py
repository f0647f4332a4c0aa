"""What publishing the draft would change: the differences between two feature-model definitions, in the words
merchandisers use on the dashboard.

    diff_definitions(published.definition, build_definition(configurable))

compares a published version's JSON with the draft's (both in the format of ``configurator.definition``): steps
and options are matched by their codes (an option code is unique in a model, so an option moved to another step
is one change), rules by their names and price rules by their labels (the n-th of a repeated name with the n-th).
Money is compared and reported as Decimal ("45.00" and "45" are the same price), conditions in words with the
options' labels. Pure Python, like the engine: no Django, no database.
"""

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from configurator.conditions import format_condition

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


# --- Wording shared with the dashboard's model page ----------------------------------------------------------------


def distinct_labels(options):
    """Code -> what a merchandiser calls the option, from (code, label, step label) triples: its label, with the
    step's name when two options share a label ("Chalk (Upper colour)")."""
    options = list(options)
    repeats = {}
    for _code, label, _step in options:
        repeats[label] = repeats.get(label, 0) + 1
    return {code: label if repeats[label] == 1 else f"{label} ({step})" for code, label, step in options}


def definition_labels(definition):
    """Code -> label of every option of a definition (``distinct_labels``)."""
    return distinct_labels((option["code"], option.get("label", option["code"]), group.get("label", group["code"]))
                           for group in definition.get("groups", ()) for option in group.get("options", ()))


def readable_condition(condition, labels):
    """A condition in words with option labels, e.g. "Carbon and not Rear rack"; never fails on odd JSON."""
    try:
        return format_condition(condition, labels)
    except ValueError:
        return f"(unreadable condition: {condition!r})"


def rule_meaning(kind, when, then, labels):
    """A rule in words: "When Carbon, then also Disc brakes", "Carbon never together with Rear rack", "Always …"."""
    if kind == "requires":
        return f"When {readable_condition(when, labels)}, then also {readable_condition(then, labels)}"
    if kind == "excludes":
        return f"{readable_condition(when, labels)} never together with {readable_condition(then, labels)}"
    return f"Always {readable_condition(when, labels)}"


def rule_parts(rule):
    """(kind, when, then) of a rule of a definition, as the draft stores it (``FeatureRule``)."""
    kind = rule.get("kind")
    if kind == "requires":
        return kind, rule.get("if"), rule.get("then")
    if kind == "excludes":
        first, *rest = rule.get("conditions") or [None, None]
        return kind, first, rest[0] if len(rest) == 1 else {"all": rest}
    return kind, rule.get("condition"), None


def price_change_text(amount, percent):
    """What a price rule does to the price: "-10.00" or "+5.00%"."""
    amount, percent = _money(amount), _money(percent)
    return f"{percent:+}%" if percent else f"{amount:+}"


def definition_fingerprint(definition):
    """A short digest of a definition: equal for equal definitions (key order aside), different otherwise."""
    text = json.dumps(definition, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


# --- The differences ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One property that changed. ``old``/``new`` are Decimal for money and measures, int for days and counts,
    bool for yes/no, text otherwise (conditions already in words); both None: changed, but not worth showing (a
    drawing)."""

    name: str
    old: object = None
    new: object = None

    def __str__(self):
        if self.old is None and self.new is None:
            return f"{self.name} changed"
        return f"{self.name}: {shown(self.old)} → {shown(self.new)}"


@dataclass(frozen=True)
class ItemChange:
    """A step, option, rule or price rule that was added, removed or changed."""

    status: str  # ADDED, REMOVED or CHANGED
    key: str  # the code of a step or option, the name of a rule, the label of a price rule
    label: str  # what merchandisers call it (a removed item: what they called it)
    step: str = ""  # an option's step
    summary: str = ""  # an added or removed item: what it is (an option's price, a rule's meaning)
    fields: tuple = ()  # a changed item: its FieldChanges, in a fixed order

    def field(self, name):
        return next((change for change in self.fields if change.name == name), None)


@dataclass(frozen=True)
class ModelDiff:
    product: tuple = ()  # FieldChanges of the product itself (base price, lead time, order of steps, drawing)
    steps: tuple = ()
    options: tuple = ()
    rules: tuple = ()
    price_rules: tuple = ()

    def __bool__(self):
        return bool(self.product or self.steps or self.options or self.rules or self.price_rules)

    @property
    def sections(self):
        """[(title, item changes)] of the sections with changes, for pages."""
        return [(title, items) for title, items in (("Steps", self.steps), ("Options", self.options),
                                                    ("Rules", self.rules), ("Price rules", self.price_rules))
                if items]

    def step(self, code):
        return _find(self.steps, code)

    def option(self, code):
        return _find(self.options, code)

    def rule(self, name):
        return _find(self.rules, name)

    def price_rule(self, label):
        return _find(self.price_rules, label)


def _find(items, key):
    return next((item for item in items if item.key == key), None)


def diff_definitions(old, new):
    """What changes from definition ``old`` (the published version) to ``new`` (the draft)."""
    labels = {**definition_labels(old), **definition_labels(new)}
    return ModelDiff(
        product=tuple(_product_changes(old, new)),
        steps=tuple(_keyed_changes(_steps(old), _steps(new), _step_summary, _step_fields, labels)),
        options=tuple(_keyed_changes(_options(old), _options(new), _option_summary, _option_fields, labels)),
        rules=tuple(_keyed_changes(_named(old.get("rules", ()), "name"), _named(new.get("rules", ()), "name"),
                                   _rule_summary, _rule_fields, labels)),
        price_rules=tuple(_keyed_changes(_named(old.get("price_rules", ()), "label"),
                                         _named(new.get("price_rules", ()), "label"),
                                         _price_rule_summary, _price_rule_fields, labels)),
    )


class _Item(NamedTuple):
    """A step, option, rule or price rule of a definition, with what the diff shows of it."""

    label: str
    data: dict
    step: str = ""  # an option's step: its label ...
    step_code: str = ""  # ... and its code


def _keyed_changes(old, new, summary, fields, labels):
    """Added and changed items in the new order, then removed ones in the old order (``old``/``new``: key -> _Item).
    """
    changes = []
    for key, item in new.items():
        if key not in old:
            changes.append(ItemChange(ADDED, key, item.label, item.step, summary(item.data, labels)))
            continue
        changed = tuple(fields(old[key], item, labels))
        if changed:
            changes.append(ItemChange(CHANGED, key, item.label, item.step, fields=changed))
    changes += [ItemChange(REMOVED, key, item.label, item.step, summary(item.data, labels))
                for key, item in old.items() if key not in new]
    return changes


def _steps(definition):
    return {group["code"]: _Item(group.get("label", group["code"]), group) for group in definition.get("groups", ())}


def _options(definition):
    return {option["code"]: _Item(option.get("label", option["code"]), option, group.get("label", group["code"]),
                                  group["code"])
            for group in definition.get("groups", ()) for option in group.get("options", ())}


def _named(items, name):
    """Key -> _Item by ``name``; a repeated name gets its occurrence as key: "Rule", "Rule (2)"."""
    keyed, seen = {}, {}
    for item in items:
        label = item.get(name) or "(unnamed)"
        seen[label] = seen.get(label, 0) + 1
        keyed[label if seen[label] == 1 else f"{label} ({seen[label]})"] = _Item(label, item)
    return keyed


def _changes(pairs):
    """FieldChanges of the (name, old, new) pairs whose values differ."""
    return [FieldChange(name, old, new) for name, old, new in pairs if old != new]


def _product_changes(old, new):
    changes = _changes([
        ("name", old.get("name", ""), new.get("name", "")),
        ("base price", _money(old.get("base_price")), _money(new.get("base_price"))),
        ("base lead time (working days)", old.get("base_lead_time_days"), new.get("base_lead_time_days")),
        ("preview viewBox", (old.get("preview") or {}).get("viewbox"), (new.get("preview") or {}).get("viewbox")),
    ])
    if (old.get("preview") or {}).get("base", "") != (new.get("preview") or {}).get("base", ""):
        changes.append(FieldChange("preview base drawing"))
    kept = [code for code in _steps(old) if code in _steps(new)]
    reordered = [code for code in _steps(new) if code in kept]
    if kept != reordered:
        steps_old, steps_new = _steps(old), _steps(new)
        changes.append(FieldChange("order of steps", ", ".join(steps_old[code].label for code in kept),
                                   ", ".join(steps_new[code].label for code in reordered)))
    return changes


def _step_summary(group, labels):
    kind = group.get("kind", "choice")
    if kind == "text":
        return f"free text, up to {group.get('max_length') or 0} characters"
    options = group.get("options", ())
    what = "a measurement" if kind == "measurement" else "a choice"
    return f"{what} of {len(options)} option{'' if len(options) == 1 else 's'}"


def _step_fields(old, new, labels):
    before, after = old.data, new.data
    pairs = [
        ("label", old.label, new.label),
        ("help text", before.get("help_text", ""), after.get("help_text", "")),
        ("kind", before.get("kind", "choice"), after.get("kind", "choice")),
        ("required", before.get("required", True), after.get("required", True)),
        ("at least", before.get("min_choices", 1), after.get("min_choices", 1)),
        ("at most", before.get("max_choices", 1), after.get("max_choices", 1)),
        ("shown when", _shown_when(before, labels), _shown_when(after, labels)),
    ]
    if "text" in (before.get("kind"), after.get("kind")):
        pairs += [("longest text", before.get("max_length"), after.get("max_length")),
                  ("allowed characters", before.get("allowed_characters"), after.get("allowed_characters")),
                  ("price per character", _money(before.get("price_per_character")),
                   _money(after.get("price_per_character")))]
    if "measurement" in (before.get("kind"), after.get("kind")):
        pairs += [("unit", before.get("unit"), after.get("unit"))]
        pairs += [(name, _measure(before.get(name)), _measure(after.get(name)))
                  for name in ("minimum", "maximum", "step")]
        pairs += [("price per unit", _money(before.get("price_per_unit")), _money(after.get("price_per_unit")))]
    return _changes(pairs)


def _shown_when(group, labels):
    condition = group.get("visible_when")
    return "always" if condition is None else readable_condition(condition, labels)


def _option_summary(option, labels):
    parts = [f"price {_money(option.get('price_delta')):+}"]
    if option.get("lead_time_days"):
        parts.append(f"+{option['lead_time_days']} working days")
    if not option.get("active", True):
        parts.append("not offered")
    return ", ".join(parts)


def _option_fields(old, new, labels):
    before, after = old.data, new.data
    changes = _changes([
        ("label", old.label, new.label),
        ("step", old.step if old.step_code != new.step_code else None,
         new.step if old.step_code != new.step_code else None),
        ("price", _money(before.get("price_delta")), _money(after.get("price_delta"))),
        ("extra working days", before.get("lead_time_days", 0), after.get("lead_time_days", 0)),
        ("offered", before.get("active", True), after.get("active", True)),
        ("default", before.get("default", False), after.get("default", False)),
        ("early access until", before.get("early_access_until"), after.get("early_access_until")),
        ("measured from", _measure(before.get("range_min")), _measure(after.get("range_min"))),
        ("measured up to", _measure(before.get("range_max")), _measure(after.get("range_max"))),
        ("swatch", before.get("swatch"), after.get("swatch")),
        ("components", _components(before), _components(after)),
    ])
    if before.get("layer") != after.get("layer"):
        changes.append(FieldChange("preview layer"))
    return changes


def _components(option):
    lines = [(line.get("component", ""), _measure(line.get("quantity")) or Decimal(0), line.get("unit", ""))
             for line in option.get("bom") or ()]
    return ", ".join(f"{component} {quantity.normalize():f} {unit}" for component, quantity, unit in lines) or "none"


def _rule_summary(rule, labels):
    return rule_meaning(*rule_parts(rule), labels)


def _rule_fields(old, new, labels):
    before, after = old.data, new.data
    if rule_parts(before) == rule_parts(after):
        return []
    return [FieldChange("meaning", _rule_summary(before, labels), _rule_summary(after, labels))]


def _price_rule_summary(rule, labels):
    return (f"{price_change_text(rule.get('amount'), rule.get('percent'))} when "
            f"{readable_condition(rule.get('when'), labels)}")


def _price_rule_fields(old, new, labels):
    before, after = old.data, new.data
    changes = []
    if before.get("when") != after.get("when"):
        changes.append(FieldChange("when", readable_condition(before.get("when"), labels),
                                   readable_condition(after.get("when"), labels)))
    return changes + _changes([
        ("amount", _money(before.get("amount")), _money(after.get("amount"))),
        ("percent", _money(before.get("percent")), _money(after.get("percent"))),
    ])


def _money(value):
    """An amount of the definition ("45.00", "45", None) as Decimal with two places (0.00 for none)."""
    return (_measure(value) or Decimal(0)).quantize(Decimal("0.01"))


def _measure(value):
    """A number of the definition as Decimal; None for none (and for text that is no number)."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def shown(value):
    """A changed value as a merchandiser reads it."""
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)
