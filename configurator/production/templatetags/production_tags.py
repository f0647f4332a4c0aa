from django import template

register = template.Library()


@register.simple_tag
def basket_ship_date(basket):
    """The estimated ship date of the basket's made-to-order lines, if paid now (None: nothing to make)."""
    from configurator.production.planning import basket_ship_date as estimate

    return estimate(basket)


@register.simple_tag
def order_timeline(order):
    """Placed → in production → quality check → shipped, with dates and the current ship-date estimate."""
    from configurator.production.selectors import order_timeline as timeline

    return timeline(order)


@register.simple_tag
def order_ship_date(order):
    """The estimated ship date of a placed order's made-to-order items (None when there are none)."""
    from configurator.production.selectors import order_ship_date as ship_date

    return ship_date(order)
