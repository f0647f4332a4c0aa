"""Form fields for what merchandisers type as text: conditions and bills of materials."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from configurator.conditions import ConditionError, format_condition, parse_condition
from configurator.models import BillOfMaterialsLine

CONDITION_HELP = ("Option codes with <code>and</code>, <code>or</code>, <code>not</code> and parentheses, "
                  "e.g. <code>carbon and not (rack or size_s)</code>.")
BOM_EXAMPLE = "FRAME-ALU 1 pc"
THOUSANDTH = Decimal("0.001")
MAX_QUANTITY = Decimal(10) ** 7  # the column holds 10 digits, 3 of them decimals

COMPONENT_LENGTH = BillOfMaterialsLine._meta.get_field("component_code").max_length
UNIT_LENGTH = BillOfMaterialsLine._meta.get_field("unit").max_length


class ConditionField(forms.CharField):
    """A condition typed as text; cleans to the engine's JSON form, checking the codes against ``known_codes``."""

    def __init__(self, *, known_codes=(), **kwargs):
        kwargs.setdefault("help_text", CONDITION_HELP)
        kwargs.setdefault("widget", forms.TextInput(attrs={
            "placeholder": "e.g. carbon and not rack", "autocomplete": "off", "spellcheck": "false",
        }))
        super().__init__(**kwargs)
        self.known_codes = set(known_codes)

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value  # typed text, or a one-code condition
        try:
            return format_condition(value)
        except ValueError:
            return str(value)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_condition(text, self.known_codes)
        except ConditionError as error:
            raise ValidationError(str(error), code="condition") from None


@dataclass(frozen=True)
class BomLine:
    component_code: str
    quantity: Decimal
    unit: str

    def __str__(self):
        return f"{self.component_code} {plain_number(self.quantity)} {self.unit}"


def plain_number(value):
    """1.500 -> "1.5", 10.000 -> "10"."""
    text = f"{value.normalize():f}"
    return text


def parse_bom_lines(text):
    """Bill-of-materials lines from text, one "COMPONENT-CODE quantity unit" a line; raises ValidationError
    naming every bad line."""
    lines, errors, first_line_of = [], [], {}
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"Bill of materials line {number} “{raw.strip()}”"
        parts = raw.split()
        if len(parts) != 3:
            errors.append(f"{where}: write “COMPONENT-CODE quantity unit”, e.g. “{BOM_EXAMPLE}”.")
            continue
        component, quantity_text, unit = parts
        try:
            quantity = Decimal(quantity_text.replace(",", "."))
        except InvalidOperation:
            quantity = None
        if quantity is None or not quantity.is_finite():
            errors.append(f"{where}: the quantity “{quantity_text}” is not a number.")
        elif quantity <= 0:
            errors.append(f"{where}: the quantity must be more than 0.")
        elif quantity != quantity.quantize(THOUSANDTH) or quantity >= MAX_QUANTITY:
            errors.append(f"{where}: the quantity can have at most 7 digits before and 3 after the decimal point.")
        elif len(component) > COMPONENT_LENGTH:
            errors.append(f"{where}: the component code is longer than {COMPONENT_LENGTH} characters.")
        elif len(unit) > UNIT_LENGTH:
            errors.append(f"{where}: the unit is longer than {UNIT_LENGTH} characters.")
        elif component in first_line_of:
            errors.append(f"{where}: the component {component} is already on line {first_line_of[component]}; "
                          "add the quantities up on one line.")
        else:
            first_line_of[component] = number
            lines.append(BomLine(component, quantity, unit))
    if errors:
        raise ValidationError(errors, code="bom")
    return lines


class BomLinesField(forms.CharField):
    """A bill of materials edited as text; cleans to a list of BomLine."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", f"One component a line: code, quantity and unit, e.g. <code>{BOM_EXAMPLE}"
                                       "</code>.")
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4, "spellcheck": "false",
                                                          "placeholder": BOM_EXAMPLE}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(line) for line in value)
        return value

    def clean(self, value):
        return parse_bom_lines(super().clean(value))
