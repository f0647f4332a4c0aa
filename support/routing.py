"""Routing: a new request goes to the queue of the first matching rule, else to the default queue."""

from support.models import Queue, RoutingRule


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
