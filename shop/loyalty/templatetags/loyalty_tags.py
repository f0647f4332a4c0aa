"""{% loyalty_badge user_id %}: the badge of one customer (one query); lists read ``selectors.badges`` once."""

from django import template

from shop.loyalty.selectors import badge

register = template.Library()


@register.inclusion_tag("loyalty/partials/badge.html")
def loyalty_badge(user_id):
    return {"badge": badge(user_id)}


@register.inclusion_tag("loyalty/partials/badge.html")
def show_badge(found):
    """A badge already read (selectors.badges for a list)."""
    return {"badge": found}
