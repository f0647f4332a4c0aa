"""Price breakdown and lead time of a selection. Decimal throughout, rounded to cents at each line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


def cents(value):
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PriceLine:
    kind: str  # "base", "option", "text", "measurement" or "rule"
    code: str
    label: str
    amount: Decimal


@dataclass(frozen=True)
class PriceBreakdown:
    lines: tuple
    total: Decimal
    lead_time_days: int

    def as_dict(self):
        return {
            "lines": [
                {"kind": line.kind, "code": line.code, "label": line.label, "amount": str(line.amount)}
                for line in self.lines
            ],
            "total": str(self.total),
            "lead_time_days": self.lead_time_days,
        }


def price_breakdown(model, selection):
    """Base price, each chosen option, priced texts and measurements, then each price rule that applies.

    Percent rules apply to the subtotal before any price rule, so their order does not matter. The
    lead time is the product's base lead time plus the longest extra lead time of the chosen options.
    """
    lines = _subtotal_lines(model, selection)
    subtotal = sum((line.amount for line in lines), Decimal("0"))
    for rule in model.price_rules:
        if rule.when.holds(selection.options):
            amount = cents(rule.amount if rule.amount else subtotal * rule.percent / HUNDRED)
            lines.append(PriceLine("rule", "", rule.label or str(rule.when), amount))
    total = max(sum((line.amount for line in lines), Decimal("0")), Decimal("0.00"))
    extra_days = [model.option(code).lead_time_days for code in selection.options]
    return PriceBreakdown(tuple(lines), cents(total), model.base_lead_time_days + max(extra_days, default=0))


def option_percent(model, selection, code):
    """What the percent price rules of option ``code`` alone add (rules whose condition is just this option), at
    ``selection`` with the option chosen (in place of its step's choice when the step takes one): (percent, amount),
    or None when no such rule exists. "Suede: +10 %" and what that is today."""
    percent = model.own_percent(code)
    if not percent:
        return None
    group = model.group_of(code)
    options = set(selection.options)
    if group.max_choices == 1:
        options -= {option.code for option in group.options}
    with_option = type(selection)(frozenset(options | {code}), selection.measurements, selection.texts)
    subtotal = sum((line.amount for line in _subtotal_lines(model, with_option)), Decimal("0"))
    return percent, cents(subtotal * percent / HUNDRED)


def _subtotal_lines(model, selection):
    """The lines before any price rule: base price, chosen options, priced texts and measurements."""
    lines = [PriceLine("base", "", "Base price", cents(model.base_price))]
    for group in model.groups:
        for option in group.options:
            if option.code in selection.options and option.price_delta:
                lines.append(PriceLine("option", option.code, f"{group.label}: {option.label}",
                                       cents(option.price_delta)))
    for group_code, text in selection.texts:
        group = model.group(group_code)
        if group.price_per_character:
            lines.append(PriceLine("text", group_code, f"{group.label} ({len(text)} characters)",
                                   cents(group.price_per_character * len(text))))
    for group_code, value in selection.measurements:
        group = model.group(group_code)
        extra = value - (group.minimum or 0)
        if group.price_per_unit and extra > 0:
            lines.append(PriceLine("measurement", group_code, f"{group.label}: {value} {group.unit}".strip(),
                                   cents(group.price_per_unit * extra)))
    return lines
