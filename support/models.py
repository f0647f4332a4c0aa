"""The help desk: requests and their conversation, queues and routing, service levels, macros, surveys."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from support.attachments import attachment_storage
from support.macros import unknown_variables


def new_code():
    """An unguessable, case-insensitive code for URLs and reply addresses (mail systems may lowercase)."""
    return secrets.token_hex(12)


class Queue(models.Model):
    """A specialised team's work list (Orders, Product advice, Complaints); any agent may still take anything."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=40, unique=True)
    description = models.CharField(max_length=250, blank=True)
    position = models.PositiveIntegerField(default=0)
    is_default = models.BooleanField(default=False, help_text="Requests no routing rule matches go here.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class RequestNumber(models.Model):
    """The last request number handed out (a single row), so a request is written once, with its reference."""

    FIRST = 10001
    last = models.PositiveIntegerField()

    def __str__(self):
        return f"R-{self.last}"

    @classmethod
    def take_next(cls):
        """The next number; the row stays locked until the caller's transaction ends, so no two share one."""
        with transaction.atomic():
            if not cls.objects.filter(pk=1).update(last=F("last") + 1):
                cls.objects.create(pk=1, last=cls.FIRST)
            return cls.objects.get(pk=1).last


class Kind(models.TextChoices):
    ORDER_QUESTION = "order", "Question about an order"
    PRODUCT_QUESTION = "product", "Question about a product"
    COMPLAINT = "complaint", "Complaint"
    COMPLIMENT = "compliment", "Compliment"
    PRICING = "pricing", "Pricing"
    SCHEDULING = "scheduling", "Delivery date and scheduling"
    RETURN = "return", "Return, remake or exchange"
    OTHER = "other", "Something else"


class Channel(models.TextChoices):
    WEB = "web", "Web"
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    POST = "post", "Post"


class Priority(models.TextChoices):
    LOW = "low", "Low"
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent"


class Status(models.TextChoices):
    NEW = "new", "New"
    OPEN = "open", "Open"
    WAITING = "waiting", "Waiting on customer"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"


# The request's state machine: which statuses may follow each; "closed" ends it (a later reply opens a follow-up).
STATUS_TRANSITIONS = {
    Status.NEW: (Status.OPEN, Status.WAITING, Status.RESOLVED, Status.CLOSED),
    Status.OPEN: (Status.WAITING, Status.RESOLVED, Status.CLOSED),
    Status.WAITING: (Status.OPEN, Status.RESOLVED, Status.CLOSED),
    Status.RESOLVED: (Status.OPEN, Status.CLOSED),
    Status.CLOSED: (),
}


class Cause(models.TextChoices):
    """What a complaint is about."""

    LATE = "late", "Late or slipping delivery"
    QUALITY = "quality", "Quality or defect"
    WRONG_CONFIGURATION = "wrong_configuration", "Not as configured"
    DAMAGED = "damaged", "Damaged in transit"
    PRICE = "price", "Price or charge"
    SERVICE = "service", "Service we gave"
    OTHER = "other", "Other"


class Team(models.TextChoices):
    """The team a compliment (or complaint) is about."""

    WORKSHOP = "workshop", "Workshop"
    CUSTOMER_SERVICE = "customer_service", "Customer service"
    DELIVERY = "delivery", "Delivery"
    PRODUCT_ADVICE = "product_advice", "Product advice"
    WEBSITE = "website", "Website and ordering"


class SupportRequest(models.Model):
    ACTIVE_STATUSES = (Status.NEW, Status.OPEN)  # the service-level clocks run only in these
    UNRESOLVED_STATUSES = (Status.NEW, Status.OPEN, Status.WAITING)

    reference = models.CharField(max_length=16, unique=True, editable=False)
    code = models.CharField(max_length=24, unique=True, default=new_code, editable=False)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ORDER_QUESTION)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    subject = models.CharField(max_length=150)
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="support_requests")
    email = models.EmailField(help_text="Where replies go (the account's e-mail, or the guest's).")
    name = models.CharField(max_length=120, blank=True, help_text="The customer's name as they gave it.")
    sender_verified = models.BooleanField(
        default=True, help_text="False for an e-mail whose From address nobody vouched for (support/inbound.py): "
                                "it may be forged, so the request is linked to no account and no order.")
    order = models.ForeignKey("order.Order", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="support_requests")
    line = models.ForeignKey("order.Line", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="support_requests")
    queue = models.ForeignKey(Queue, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="assigned_support_requests")
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.NEW)
    cause = models.CharField(max_length=20, choices=Cause.choices, blank=True, help_text="What a complaint is about.")
    team = models.CharField(max_length=20, choices=Team.choices, blank=True,
                            help_text="The team a compliment (or complaint) is about.")
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", help_text="The agent who logged a call, visit or letter.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)
    last_customer_message_at = models.DateTimeField(null=True, blank=True)
    first_responded_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reopen_count = models.PositiveIntegerField(default=0)
    # Service-level clocks, in business minutes: what ran before the last pause, and since when it runs again.
    clock_started_at = models.DateTimeField(null=True, blank=True)
    first_response_elapsed = models.PositiveIntegerField(default=0)
    resolution_elapsed = models.PositiveIntegerField(default=0)
    first_response_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    resolution_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    first_response_minutes = models.PositiveIntegerField(null=True, blank=True)
    resolution_minutes = models.PositiveIntegerField(null=True, blank=True)
    first_response_breached = models.BooleanField(default=False)
    resolution_breached = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("view_support_reports", "Can see the support desk's reports")]
        indexes = [models.Index(fields=["status", "assignee"]), models.Index(fields=["queue", "status"])]

    def __str__(self):
        return f"{self.reference}: {self.subject}"

    def save(self, *args, **kwargs):
        if not self.reference:
            # R-10001, R-10002, ...: short enough to read out on the phone, never enough alone to see a request.
            self.reference = f"R-{RequestNumber.take_next()}"
        super().save(*args, **kwargs)

    @property
    def is_unresolved(self):
        return self.status in self.UNRESOLVED_STATUSES

    @property
    def customer_first_name(self):
        """How every message greets them: the account's first name, else the name they gave, else "there"."""
        if self.customer_id and self.customer.first_name:
            return self.customer.first_name
        if self.name:
            return self.name.split()[0]
        return "there"


class RoutingRule(models.Model):
    """The first rule (by position) whose conditions all match sends a new request to its queue."""

    queue = models.ForeignKey(Queue, on_delete=models.CASCADE, related_name="rules")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=12, choices=Kind.choices, blank=True, help_text="Empty: any kind.")
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True,
                               help_text="Empty: any channel.")
    product = models.ForeignKey("catalogue.Product", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+", help_text="Empty: any product (or none).")
    set_priority = models.CharField(max_length=8, choices=Priority.choices, blank=True,
                                    help_text="Empty: keep the request's priority.")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        conditions = [c for c in (self.get_kind_display() if self.kind else "",
                                  self.get_channel_display() if self.channel else "",
                                  str(self.product) if self.product_id else "") if c]
        return f"{' + '.join(conditions) or 'Anything'} → {self.queue}"

    def clean(self):
        if not (self.kind or self.channel or self.product_id):
            raise ValidationError("A rule needs at least one condition: kind, channel or product "
                                  "(mark a queue as the default for everything else).")

    def matches(self, request, product_ids):
        return ((not self.kind or self.kind == request.kind)
                and (not self.channel or self.channel == request.channel)
                and (not self.product_id or self.product_id in product_ids))


class Author(models.TextChoices):
    """Who wrote a message: the customer's side, an agent, or the desk itself."""

    CUSTOMER = "customer", "Customer"
    STAFF = "staff", "Staff"
    SYSTEM = "system", "System"


class Message(models.Model):
    """One message of a request's conversation: a public reply both sides read, or an internal note."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="messages")
    author_role = models.CharField(max_length=8, choices=Author.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    author_name = models.CharField(max_length=120)
    is_internal = models.BooleanField(default=False, help_text="Internal notes are never shown to the customer.")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    body = models.TextField(help_text="Plain text.")
    body_html = models.TextField(blank=True, help_text="Sanitised HTML of an HTML e-mail (allow-listed tags only).")
    email_message_id = models.CharField(max_length=255, null=True, blank=True, unique=True,
                                        help_text="Message-ID of the e-mail it came from or went out as.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.request.reference} · {self.author_name} · {self.created_at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    """A file sent with a message; its type was read from its content; it lives outside the web root."""

    code = models.CharField(max_length=24, unique=True, default=new_code, editable=False)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=attachment_storage, upload_to="%Y/%m/")
    filename = models.CharField(max_length=150)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()

    def __str__(self):
        return self.filename


class RequestEvent(models.Model):
    """The request's change log: who changed what, from what to what, and when."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_name = models.CharField(max_length=120)
    field = models.CharField(max_length=40)
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.actor_name}: {self.field} {self.old_value} → {self.new_value}"


class Macro(models.Model):
    """A canned reply with variables, e.g. "Hello {{ first_name }}, order {{ order_number }} ships {{ ship_date }}"."""

    name = models.CharField(max_length=80, unique=True)
    body = models.TextField()
    set_status = models.CharField(max_length=8, choices=Status.choices, blank=True,
                                  help_text="Empty: sending it keeps the status (else e.g. waiting on customer).")
    is_active = models.BooleanField(default=True)
    usage_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        unknown = unknown_variables(self.body)
        if unknown:
            raise ValidationError({"body": f"Unknown variable{'s' if len(unknown) > 1 else ''}: "
                                           f"{', '.join(unknown)}."})


class ServiceLevelTarget(models.Model):
    """How soon a request of a priority gets its first reply and its resolution, in business hours."""

    priority = models.CharField(max_length=8, choices=Priority.choices, unique=True)
    first_response_minutes = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    resolution_minutes = models.PositiveIntegerField(validators=[MinValueValidator(1)])

    def __str__(self):
        return f"{self.get_priority_display()}: first reply {self.first_response_minutes // 60} h, " \
               f"resolved {self.resolution_minutes // 60} h"

    def clean(self):
        if self.first_response_minutes and self.resolution_minutes and \
                self.resolution_minutes < self.first_response_minutes:
            raise ValidationError("The resolution target cannot come before the first-response target.")


class BusinessHours(models.Model):
    """When the desk is staffed: the service-level clocks run only then (several periods a day are allowed)."""

    WEEKDAYS = [(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday"),
                (5, "Saturday"), (6, "Sunday")]

    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name_plural = "business hours"

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError("Closing time must be after opening time.")


class SupportClosure(models.Model):
    """A day the desk is closed (public holiday): the clocks stand still."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=120)

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{self.date}: {self.reason}"


class SatisfactionSurvey(models.Model):
    """The one survey a customer gets when their request is resolved; cancelled if the request reopens."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="surveys")
    token = models.CharField(max_length=48, unique=True, default=secrets.token_urlsafe, editable=False)
    sent_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True,
                                              validators=[MinValueValidator(1), MaxValueValidator(5)])
    solved = models.BooleanField(null=True, blank=True)
    agent_helpful = models.BooleanField(null=True, blank=True)
    comment = models.TextField(blank=True)
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", help_text="Who resolved the request.")

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"Survey for {self.request.reference}"

    @property
    def is_open(self):
        return self.answered_at is None and self.cancelled_at is None
