"""Reads of the help desk: a customer's requests, the inbox views, the customer panel, article suggestions."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, F, Prefetch, Q, Sum
from django.utils import timezone
from oscar.core.loading import get_model

from shop.cms.models import HelpArticlePage
from shop.loyalty.selectors import badge
from support.models import Attachment, Queue, Status, SupportRequest

Order = get_model("order", "Order")
INBOX_VIEWS = [
    ("mine", "Mine"), ("unassigned", "Unassigned"), ("waiting", "Waiting on customer"),
    ("breaching", "Breaching"), ("all", "All open"), ("resolved", "Resolved and closed"),
]
NOT_COUNTED_ORDER_STATUSES = ("Pending", "Cancelled")  # never paid, or given back


def active_user_with_email(address):
    """The active account an e-mail address belongs to (the oldest, should two share it), else None."""
    return get_user_model().objects.filter(email__iexact=address, is_active=True).order_by("pk").first()


def requests_of_customer(user):
    """A member's own requests, newest activity first (nobody else's, whatever the URL says)."""
    return (SupportRequest.objects.filter(customer=user).select_related("order")
            .annotate(reply_count=Count("messages", filter=Q(messages__is_internal=False)))
            .order_by("-updated_at"))


def public_messages(request):
    """What the customer sees of the conversation: no internal notes, no attachments of notes."""
    return (request.messages.filter(is_internal=False)
            .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id"))))


def conversation(request):
    """Everything staff see, replies and notes, in order, with their attachments."""
    return request.messages.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("id")))


def warning_horizon(now=None):
    return (now or timezone.now()) + timedelta(minutes=settings.SUPPORT_SLA_WARNING_MINUTES)


def breaching_filter(now=None):
    """Unresolved requests past a due date, or due within the warning window."""
    soon = warning_horizon(now)
    return Q(status__in=SupportRequest.UNRESOLVED_STATUSES) & (
        Q(first_response_due_at__lte=soon) | Q(resolution_due_at__lte=soon)
        | Q(first_response_breached=True, first_responded_at__isnull=True)
        | Q(resolution_breached=True))


def inbox(*, view, user, queue=None, search="", now=None):
    """The requests of an inbox view, the most urgent first, with what each row shows in one query."""
    requests = SupportRequest.objects.select_related("queue", "assignee", "customer", "order")
    if view == "resolved":
        requests = requests.filter(status__in=(Status.RESOLVED, Status.CLOSED)).order_by("-updated_at")
    else:
        requests = requests.filter(status__in=SupportRequest.UNRESOLVED_STATUSES)
        if view == "mine":
            requests = requests.filter(assignee=user).exclude(status=Status.WAITING)
        elif view == "unassigned":
            requests = requests.filter(assignee__isnull=True).exclude(status=Status.WAITING)
        elif view == "waiting":
            requests = requests.filter(status=Status.WAITING)
        elif view == "breaching":
            requests = requests.filter(breaching_filter(now))
        requests = requests.order_by(F("resolution_due_at").asc(nulls_last=True), "created_at")
    if queue is not None:
        requests = requests.filter(queue=queue)
    if search:
        requests = requests.filter(Q(reference__iexact=search) | Q(subject__icontains=search)
                                   | Q(email__icontains=search) | Q(order__number=search)
                                   | Q(name__icontains=search))
    return requests


def inbox_counts(user, now=None):
    """How many requests each view holds, and each queue, in one query each."""
    unresolved = Q(status__in=SupportRequest.UNRESOLVED_STATUSES)
    counts = SupportRequest.objects.aggregate(
        mine=Count("id", filter=unresolved & Q(assignee=user) & ~Q(status=Status.WAITING)),
        unassigned=Count("id", filter=unresolved & Q(assignee__isnull=True) & ~Q(status=Status.WAITING)),
        waiting=Count("id", filter=Q(status=Status.WAITING)),
        breaching=Count("id", filter=breaching_filter(now)),
        all=Count("id", filter=unresolved),
    )
    queues = list(Queue.objects.annotate(open_count=Count("requests", filter=Q(
        requests__status__in=SupportRequest.UNRESOLVED_STATUSES))).order_by("position", "name"))
    return counts, queues


def service_level_state(request, now=None):
    """'breached', 'warning' or '' for a request's row and screen."""
    if not request.is_unresolved:
        return ""
    if request.first_response_breached and request.first_responded_at is None or request.resolution_breached:
        return "breached"
    now = now or timezone.now()
    dues = [d for d in (request.first_response_due_at, request.resolution_due_at) if d]
    if any(due <= now for due in dues):
        return "breached"
    if any(due <= warning_horizon(now) for due in dues):
        return "warning"
    return ""


@dataclass
class CustomerPanel:
    name: str
    email: str
    is_member: bool
    lifetime_orders: int
    lifetime_value: Decimal
    currency: str
    open_requests: list
    recent_orders: list
    loyalty_badge: object  # shop.loyalty.selectors.Badge: tier, customer since, lifetime (a guest's: "Guest")


def customer_orders(request):
    if request.customer_id:
        return Order.objects.filter(user_id=request.customer_id)
    return Order.objects.filter(user__isnull=True, guest_email__iexact=request.email)


def customer_panel(request):
    """Who is asking: name, loyalty badge, lifetime orders and value, their other open requests, their latest
    orders. A request linked to no account (a guest's, an unverified e-mail's) has the guest's badge."""
    orders = customer_orders(request)
    counted = orders.exclude(status__in=NOT_COUNTED_ORDER_STATUSES)
    totals = counted.aggregate(count=Count("id"), value=Sum("total_incl_tax"))
    others = SupportRequest.objects.filter(status__in=SupportRequest.UNRESOLVED_STATUSES).exclude(pk=request.pk)
    others = others.filter(customer_id=request.customer_id) if request.customer_id else \
        others.filter(customer__isnull=True, email__iexact=request.email)
    customer = request.customer
    name = (customer.get_full_name() if customer else "") or request.name or request.email
    return CustomerPanel(
        name=name, email=customer.email if customer else request.email, is_member=customer is not None,
        lifetime_orders=totals["count"] or 0, lifetime_value=totals["value"] or Decimal("0.00"),
        currency=settings.OSCAR_DEFAULT_CURRENCY, open_requests=list(others.order_by("-created_at")[:10]),
        recent_orders=list(orders.order_by("-date_placed")[:5]), loyalty_badge=badge(request.customer_id))


def suggest_articles(query, *, limit=3):
    """Help-centre articles that might already answer a question (Wagtail search over live articles)."""
    query = " ".join(query.split())[:200]
    if len(query) < 3:
        return []
    results = HelpArticlePage.objects.live().public().search(query, operator="or")[:limit]
    return [{"title": page.title, "summary": page.summary, "url": page.url} for page in results]
