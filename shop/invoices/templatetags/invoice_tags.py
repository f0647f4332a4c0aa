from django import template

from shop.invoices.services import invoice_refusal as refusal_of

register = template.Library()


@register.filter
def invoice_refusal(order):
    """{{ order|invoice_refusal }}: why there is no invoice to download yet; empty once there is one."""
    return refusal_of(order) or ""
