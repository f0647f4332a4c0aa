"""Forms of the draft feature model: steps (groups), options with their bill of materials, rules, price rules,
the product's settings, and the form that makes a made-to-order product configurable.

Every message names the step or option it is about; an invalid form saves nothing.
"""

import math
import re

from django import forms
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from configurator.conditions import KEYWORDS, condition_codes
from configurator.dashboard.fields import BomLine, BomLinesField, ConditionField, plain_number
from configurator.dashboard.selectors import (
    MADE_TO_ORDER,
    product_with_class,
    products_to_make_configurable,
    uses_of_options,
)
from configurator.models import (
    BillOfMaterialsLine,
    ConfigurableProduct,
    FeatureGroup,
    FeatureOption,
    FeatureRule,
    GroupKind,
    PriceRule,
    RuleKind,
)
from configurator.svg import clean_svg

HEX_COLOUR = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})")


def next_position(queryset):
    highest = queryset.aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1


class DraftItemForm(forms.ModelForm):
    """A form of one item of a product's draft; condition fields accept the draft's option codes."""

    def __init__(self, *args, configurable, known_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.configurable = configurable
        for field in self.fields.values():
            if isinstance(field, ConditionField):
                field.known_codes = set(known_codes)


class GroupForm(DraftItemForm):
    visible_when = ConditionField(required=False, label="Shown only when",
                                  help_text="Leave empty to always show this step. "
                                            "Option codes with <code>and</code>, <code>or</code>, <code>not</code> "
                                            "and parentheses, e.g. <code>upper_leather</code>.")

    class Meta:
        model = FeatureGroup
        fields = ["name", "code", "help_text", "position", "kind", "required", "min_choices", "max_choices",
                  "visible_when", "max_length", "allowed_characters", "price_per_character", "unit", "minimum",
                  "maximum", "step", "price_per_unit"]
        labels = {
            "name": "Step name", "help_text": "Help for shoppers", "position": "Position (lower comes first)",
            "required": "Shoppers must complete this step", "min_choices": "At least (choices)",
            "max_choices": "At most (choices)", "max_length": "Free text: longest text (characters)",
            "allowed_characters": "Free text: allowed characters",
            "price_per_character": "Free text: price a character",
            "unit": "Measurement: unit", "minimum": "Measurement: minimum", "maximum": "Measurement: maximum",
            "step": "Measurement: step", "price_per_unit": "Measurement: price a unit",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial.setdefault("position", next_position(self.configurable.groups.all()))

    def clean_code(self):
        code = self.cleaned_data["code"]
        other = self.configurable.groups.filter(code=code).exclude(pk=self.instance.pk).first()
        if other is not None:
            raise forms.ValidationError(f"Step code “{code}” is already used by step “{other.name}”.")
        return code

    def clean_allowed_characters(self):
        characters = self.cleaned_data["allowed_characters"]
        if not characters:
            return characters
        try:
            re.compile(f"[{characters}]*")
        except re.error:
            raise forms.ValidationError(
                f"“{characters}” is not a character class: write letters and ranges like A-Z0-9.") from None
        return characters

    def clean(self):
        data = super().clean()
        name = data.get("name") or self.instance.name or "this step"
        least, most = data.get("min_choices"), data.get("max_choices")
        if least is not None and most is not None and least > most:
            self.add_error("max_choices", f"Step “{name}”: at most {most} choices is fewer than at least {least}.")
        if data.get("kind") == GroupKind.MEASUREMENT:
            minimum, maximum, step = data.get("minimum"), data.get("maximum"), data.get("step")
            if minimum is not None and maximum is not None and minimum > maximum:
                self.add_error("maximum", f"Step “{name}”: the minimum {plain_number(minimum)} is more than the "
                                          f"maximum {plain_number(maximum)}.")
            if step is not None and step <= 0:
                self.add_error("step", f"Step “{name}”: the step must be more than 0.")
        own = {option.code for option in self.instance.options.all()} if self.instance.pk else set()
        shown_by_own = sorted(own & condition_codes(data.get("visible_when")))
        if shown_by_own:
            self.add_error("visible_when", f"Step “{name}” can't be shown only when one of its own options is "
                                           f"chosen ({', '.join(shown_by_own)}).")
        if (data.get("kind") == GroupKind.TEXT and self.instance.pk is not None
                and self.instance.options.exists()):
            self.add_error("kind", f"Step “{name}” has options; a free-text step has none: delete them first.")
        return data


class OptionForm(DraftItemForm):
    bom = BomLinesField(label="Bill of materials")

    class Meta:
        model = FeatureOption
        fields = ["label", "code", "position", "price_delta", "lead_time_days", "is_default", "is_active",
                  "early_access_until", "swatch", "layer_svg", "layer_order", "range_min", "range_max"]
        labels = {
            "position": "Position (lower comes first)", "price_delta": "Price difference",
            "lead_time_days": "Extra lead time (working days: materials to arrive before it can be made)",
            "is_default": "Chosen by default",
            "is_active": "Offered to shoppers", "early_access_until": "Early access until",
            "layer_svg": "Preview layer (SVG fragment)",
            "layer_order": "Layer order", "range_min": "Measured from", "range_max": "Measured up to (not including)",
        }
        widgets = {"layer_svg": forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
                   "early_access_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"early_access_until": (
            "For a new option: until this day (not included) only customers whose loyalty tier gives early access "
            "see and order it; everybody else sees it as coming on this day. Empty: offered to everybody. It takes "
            "effect with the next published version.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        group = self.instance.group
        self.fields["swatch"].help_text = "A CSS hex colour like #C8553D, shown as the option's swatch."
        if group.kind != GroupKind.MEASUREMENT:
            del self.fields["range_min"], self.fields["range_max"]
        if self.instance.pk is None:
            self.initial.setdefault("position", next_position(group.options.all()))
        else:
            self.initial.setdefault("bom", [BomLine(line.component_code, line.quantity, line.unit)
                                            for line in self.instance.bom_lines.all()])

    @property
    def option_name(self):
        return self.cleaned_data.get("label") or self.instance.label or "this option"

    def clean_code(self):
        code = self.cleaned_data["code"]
        if code.lower() in KEYWORDS:
            raise forms.ValidationError(f"“{code}” is a word of the condition language: pick another option code.")
        other = (FeatureOption.objects.filter(group__configurable=self.configurable, code=code)
                 .exclude(pk=self.instance.pk).select_related("group").first())
        if other is not None:
            raise forms.ValidationError(f"Option code “{code}” is already used in step “{other.group.name}”.")
        old = self.instance.code if self.instance.pk is not None else None
        if old and old != code:
            uses = uses_of_options(self.configurable, [old])
            if uses:
                raise forms.ValidationError(
                    f"Option code “{old}” is used by {', '.join(uses)}: change {'it' if len(uses) == 1 else 'them'} "
                    "first, or keep the code.")
        return code

    def clean_swatch(self):
        swatch = self.cleaned_data["swatch"].strip()
        if swatch and not HEX_COLOUR.fullmatch(swatch):
            raise forms.ValidationError(f"Swatch “{swatch}” of “{self.option_name}” is not a CSS hex colour like "
                                        "#C8553D.")
        return swatch

    def clean_early_access_until(self):
        until = self.cleaned_data["early_access_until"]
        if until and until != self.initial.get("early_access_until") and until <= timezone.localdate():
            raise forms.ValidationError(f"Early access of “{self.option_name}” would end on {until:%-d %B %Y}, which "
                                        "is not after today: give a later day, or leave it empty to offer the option "
                                        "to everybody.")
        return until

    def clean_layer_svg(self):
        try:
            return clean_svg(self.cleaned_data["layer_svg"])  # stored as rebuilt, never as typed
        except ValueError as error:
            raise forms.ValidationError(f"Preview layer of “{self.option_name}”: {error}") from None

    def clean(self):
        data = super().clean()
        low, high = data.get("range_min"), data.get("range_max")
        if low is not None and high is not None and low >= high:
            self.add_error("range_max", f"“{self.option_name}” is measured from {plain_number(low)} up to "
                                        f"{plain_number(high)}: the range must start below where it ends.")
        return data

    @transaction.atomic
    def save(self, commit=True):
        option = super().save(commit=True)
        option.bom_lines.all().delete()
        BillOfMaterialsLine.objects.bulk_create(
            BillOfMaterialsLine(option=option, component_code=line.component_code, quantity=line.quantity,
                                unit=line.unit)
            for line in self.cleaned_data["bom"]
        )
        return option


class RuleForm(DraftItemForm):
    when = ConditionField(label="When")
    then = ConditionField(required=False, label="Then",
                          help_text="Needed by “When … then also …” and “… never together with …” rules; leave it "
                                    "empty for “Always …” rules.")

    class Meta:
        model = FeatureRule
        fields = ["kind", "name", "when", "then", "position"]
        labels = {"kind": "Kind of rule", "position": "Position (lower comes first)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial.setdefault("position", next_position(self.configurable.rules.all()))

    def clean(self):
        data = super().clean()
        kind, then = data.get("kind"), data.get("then")
        kind_label = dict(RuleKind.choices).get(kind, kind)
        if kind in (RuleKind.REQUIRES, RuleKind.EXCLUDES) and then is None and "then" not in self.errors:
            self.add_error("then", f"A “{kind_label}” rule needs a “then” condition.")
        if kind == RuleKind.CONSTRAINT and then is not None:
            self.add_error("then", f"An “{kind_label}” rule has only a “when” condition: leave “then” empty.")
        return data


class PriceRuleForm(DraftItemForm):
    when = ConditionField(label="When")

    class Meta:
        model = PriceRule
        fields = ["label", "when", "amount", "percent", "position"]
        labels = {"label": "Label shoppers see", "amount": "Amount (+ or −)", "percent": "Percent (+ or −)",
                  "position": "Position (lower comes first)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial.setdefault("position", next_position(self.configurable.price_rules.all()))

    def clean(self):
        data = super().clean()
        amount, percent = data.get("amount"), data.get("percent")
        label = data.get("label") or "this price rule"
        if amount and percent:
            self.add_error("percent", f"“{label}”: give an amount or a percent, not both.")
        elif amount is not None and percent is not None and not amount and not percent:
            self.add_error("amount", f"“{label}”: give an amount or a percent.")
        return data


class ProductIdField(forms.TypedChoiceField):
    """A product id offered in a list; ids outside it pass here so the form can say why it refuses them."""

    def valid_value(self, value):
        return True


class MakeConfigurableForm(forms.Form):
    """Pick a public made-to-order product without a feature model; any other product is refused by name."""

    product = ProductIdField(coerce=int, label="Product",
                             error_messages={"required": "Pick the product to make configurable.",
                                             "invalid_choice": "Pick a product from the list."})

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = products_to_make_configurable() if candidates is None else candidates
        self.fields["product"].choices = [("", "Choose a made-to-order product…")] + [
            (product.pk, f"{product.title} ({product.upc})" if product.upc else product.title)
            for product in candidates
        ]

    def clean_product(self):
        pk = self.cleaned_data["product"]
        product = product_with_class(pk)
        if product is None:
            raise forms.ValidationError(f"No product has the id {pk}: pick one from the list.")
        if product.product_class is None or product.product_class.slug != MADE_TO_ORDER:
            raise forms.ValidationError(f"“{product.title}” is not a made-to-order product: only those can be "
                                        "configured.")
        if hasattr(product, "configurable"):
            raise forms.ValidationError(f"“{product.title}” is already configurable: edit its feature model "
                                        "instead.")
        if not product.is_public:
            raise forms.ValidationError(f"“{product.title}” is not public: publish it in the catalogue first.")
        return product


class ProductSettingsForm(forms.ModelForm):
    """What the draft holds besides its steps and rules: the base lead time and the preview's canvas."""

    base_lead_time_days = forms.IntegerField(
        min_value=0, max_value=365, label="Base lead time (working days)",
        help_text="Working days to build the simplest one, used for ship dates only while the product has no "
                  "routing in the workshop set-up (with one, the workshop's queue and capacity decide).",
        error_messages={"min_value": "The base lead time can't be negative.",
                        "max_value": "The base lead time is at most 365 working days."})
    preview_viewbox = forms.CharField(
        max_length=40, label="Preview viewBox",
        help_text="Four numbers: left, top, width and height of the preview's canvas, e.g. <code>0 0 800 600</code>.")

    class Meta:
        model = ConfigurableProduct
        fields = ["base_lead_time_days", "preview_viewbox", "preview_base_svg"]
        labels = {"preview_base_svg": "Preview base drawing (SVG fragment)"}
        help_texts = {"preview_base_svg": "Drawn under every option's layer; plain shapes only."}
        widgets = {"preview_base_svg": forms.Textarea(attrs={"rows": 6, "spellcheck": "false"})}

    def clean_preview_viewbox(self):
        text = self.cleaned_data["preview_viewbox"]
        parts = text.replace(",", " ").split()
        try:
            numbers = [float(part) for part in parts]
        except ValueError:
            numbers = None
        if numbers is None or len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
            raise forms.ValidationError(f"“{text}” is not a viewBox: give four numbers (left, top, width, height), "
                                        "e.g. 0 0 800 600.")
        if numbers[2] <= 0 or numbers[3] <= 0:
            raise forms.ValidationError(f"The viewBox “{text}” needs a width and a height above 0.")
        return " ".join(parts)

    def clean_preview_base_svg(self):
        try:
            return clean_svg(self.cleaned_data["preview_base_svg"])  # stored as rebuilt, never as typed
        except ValueError as error:
            raise forms.ValidationError(f"Preview base drawing: {error}") from None
