"""{% loyalty_badge user_id %}: the badge of one customer (one query); lists read ``selectors.badges`` once."""

from django import template

from shop.loyalty import selectors

register = template.Library()


@register.inclusion_tag("loyalty/partials/badge.html")
def loyalty_badge(user_id):
    return {"badge": selectors.badge(user_id)}


@register.inclusion_tag("loyalty/partials/badge.html")
def show_badge(found):
    """A badge already read (selectors.badges for a list)."""
    return {"badge": found}


@register.simple_tag
def regular_thanks(order):
    """{% regular_thanks order as thanks %}: "This is your fourth order from us: …" for a regular, else ""."""
    return selectors.regular_thanks(order)
