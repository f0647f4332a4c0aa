"""{{ amount|vat_contained:currency }}: "incl. €12.34 VAT (21 %)", the VAT a gross total contains."""

from django import template
from oscar.templatetags.currency_filters import currency

from shop.apps.partner.tax import vat_rate_percent

register = template.Library()


def rate_label():
    """21 → "21", 5.5 → "5.5" (never "2.1E+1")."""
    return f"{vat_rate_percent().normalize():f}"


@register.filter
def vat_contained(amount, currency_code=None):
    if amount is None or amount == "":
        return ""
    return f"incl. {currency(amount, currency_code)} VAT ({rate_label()} %)"


@register.simple_tag
def vat_rate():
    return rate_label()
