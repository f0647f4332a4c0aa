from django import template

from configurator.production import selectors

register = template.Library()


@register.simple_tag
def order_timeline(order):
    """Placed → in production → quality check → shipped, with dates and the current ship-date estimate."""
    return selectors.order_timeline(order)


@register.simple_tag
def order_ship_date(order):
    """The estimated ship date of a placed order's made-to-order items (None when there are none)."""
    return selectors.order_ship_date(order)
