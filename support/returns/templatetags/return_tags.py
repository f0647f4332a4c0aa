"""Returns on the customer's pages: "Start a return" on the order page, the return's timeline on its request page."""

from django import template

from support.models import Kind
from support.returns import selectors

register = template.Library()


@register.simple_tag
def returnable_lines(order):
    """{line id: units left to return} of the order's delivered items, in a fixed number of queries."""
    return selectors.returnable_lines(order)


@register.filter
def units_for(returnable, line):
    """The units of ``line`` the customer may still start a return for (0: no "Start a return" button)."""
    return returnable.get(line.pk, 0) if returnable else 0


@register.simple_tag
def return_of(support_request):
    """The return of a request of kind "return" as its customer reads it (timeline, slip, outcome), else None."""
    if support_request.kind != Kind.RETURN:
        return None
    return selectors.return_view(support_request)
