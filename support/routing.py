"""Routing: a new request goes to the queue of the first matching rule, else to the default queue; a customer whose
loyalty tier gives priority handling is handled at high priority at least."""

from shop.loyalty.perks import tier_of
from support.models import Priority, Queue, RoutingRule

PRIORITY_ORDER = (Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.URGENT)  # lowest first


def request_product_ids(request):
    """The products a request is about: its line's, else every product of its order."""
    if request.line_id:
        return {request.line.product_id} if request.line.product_id else set()
    if request.order_id:
        return {pid for pid in request.order.lines.values_list("product_id", flat=True) if pid}
    return set()


def route_request(request):
    """Set the request's queue (and a rule's priority) from the routing rules; not saved."""
    product_ids = request_product_ids(request)
    for rule in RoutingRule.objects.select_related("queue").order_by("position", "id"):
        if rule.matches(request, product_ids):
            request.queue = rule.queue
            if rule.set_priority:
                request.priority = rule.set_priority
            return rule
    request.queue = Queue.objects.filter(is_default=True).first()
    return None


def raise_for_priority_handling(request):
    """A customer whose tier gives priority handling is handled at high priority, with its shorter targets; a
    higher priority (a rule's, an agent's) stays, nothing is lowered, and a guest never gets it.

    Returns why the priority was raised ("Gold customer: high priority") for the request's log, else ""; not saved.
    """
    if not request.customer_id or PRIORITY_ORDER.index(request.priority) >= PRIORITY_ORDER.index(Priority.HIGH):
        return ""
    tier = tier_of(request.customer_id)
    if tier is None or not tier.priority_handling:
        return ""
    request.priority = Priority.HIGH
    return f"{tier.name} customer: high priority"
