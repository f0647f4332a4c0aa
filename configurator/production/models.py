"""The workshop (workstations, calendars, routings) and what it builds (work orders and their history)."""

from enum import IntEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models

from configurator.models import FeatureGroup, FeatureOption, GroupKind
from configurator.production import carriers


class Workstation(models.Model):
    """A place in the workshop where operations happen, with its capacity per working day."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    daily_capacity_minutes = models.PositiveIntegerField(
        validators=[MinValueValidator(1, "A workstation needs at least one minute a day: close it for days instead.")],
        help_text="Minutes of work it can do on a working day.")
    working_weekdays = models.CharField(
        max_length=7, default="01234",
        validators=[RegexValidator(r"^[0-6]{1,7}$", "Digits 0 (Monday) to 6, at least one day.")],
        help_text="Days of the week it works: 0 is Monday, 6 is Sunday (e.g. 01234 for Monday to Friday).",
    )
    position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self):
        return self.name

    @property
    def weekdays(self):
        return frozenset(int(day) for day in self.working_weekdays)


class NonWorkingDay(models.Model):
    """A holiday or closure: of the whole workshop (and shipping) or of one workstation."""

    date = models.DateField()
    workstation = models.ForeignKey(Workstation, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="closures", help_text="Empty: the whole workshop is closed.")
    reason = models.CharField(max_length=120)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["date", "workstation"], name="unique_closure_per_day")]

    def __str__(self):
        return f"{self.date}: {self.reason}"


class RoutingStep(models.Model):
    """One operation of a product's routing; with ``when_option`` it applies only when that option is chosen.

    A conditional step with a new operation code adds that operation; one with the code of an operation
    already in the routing adds its minutes to it.
    """

    configurable = models.ForeignKey("configurator.ConfigurableProduct", on_delete=models.CASCADE,
                                     related_name="routing_steps")
    position = models.PositiveIntegerField(default=0)
    operation = models.SlugField(max_length=40, help_text="e.g. cut, stitch, assemble, quality-check, pack")
    name = models.CharField(max_length=80)
    workstation = models.ForeignKey(Workstation, on_delete=models.PROTECT, related_name="routing_steps")
    minutes = models.PositiveIntegerField()
    when_option = models.SlugField(max_length=60, blank=True, help_text=(
        "An option code (or a free-text step's code: when it is filled in); empty for every unit."))
    is_quality_check = models.BooleanField(default=False, help_text="Passing it is the quality check.")

    class Meta:
        ordering = ["configurable", "position", "pk"]

    def __str__(self):
        return f"{self.configurable}: {self.name}"

    def clean(self):
        """A condition must name an option or free-text step of the product, or it would silently never apply."""
        if not self.when_option or not self.configurable_id:
            return
        known = set(FeatureOption.objects.filter(group__configurable_id=self.configurable_id)
                    .values_list("code", flat=True))
        known |= set(FeatureGroup.objects.filter(configurable_id=self.configurable_id, kind=GroupKind.TEXT)
                     .values_list("code", flat=True))
        if self.when_option not in known:
            raise ValidationError({"when_option": f"{self.configurable} has no option or free-text step with the "
                                                  f"code “{self.when_option}”."})


class Status(models.TextChoices):
    """Where a work order is in the workshop; ``STATUS_TRANSITIONS`` says which status may follow which."""

    QUEUED = "queued", "Queued"
    IN_PRODUCTION = "in_production", "In production"
    QUALITY_CHECK = "quality_check", "Quality check"
    DONE = "done", "Done"
    SHIPPED = "shipped", "Shipped"
    CANCELLED = "cancelled", "Cancelled"  # only by cancelling the order (Oscar's pipeline): it leaves the queue


# The work order's state machine; a failed quality check sends a unit back into production (rework).
STATUS_TRANSITIONS = {
    Status.QUEUED: (Status.IN_PRODUCTION,),
    Status.IN_PRODUCTION: (Status.QUALITY_CHECK,),
    Status.QUALITY_CHECK: (Status.DONE, Status.IN_PRODUCTION),
    Status.DONE: (Status.SHIPPED,),
    Status.SHIPPED: (),
    Status.CANCELLED: (),
}


class Priority(IntEnum):
    """A work order's place in the queue as the scheduler takes it (higher first; within one, first paid first)."""

    STANDARD = 0
    EXPRESS = 1  # the free express slot of a customer's loyalty tier
    RUSH = 2  # remakes


# The queue: rush units (remakes) first, then express slots, then first paid, first planned.
QUEUE_ORDER = ("-rush", "-express", "paid_at", "pk")


class WorkOrder(models.Model):
    """One unit to build, with the spec frozen when the order was placed."""

    OPEN_STATUSES = (Status.QUEUED, Status.IN_PRODUCTION, Status.QUALITY_CHECK, Status.DONE)

    number = models.CharField(max_length=40, unique=True)
    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="work_orders")
    line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="work_orders")
    unit = models.PositiveIntegerField(help_text="Which unit of the line this is (1 of 3).")
    units = models.PositiveIntegerField()
    product_title = models.CharField(max_length=255)
    configurable = models.ForeignKey("configurator.ConfigurableProduct", null=True, on_delete=models.SET_NULL,
                                     related_name="work_orders")
    spec = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    status_changed_at = models.DateTimeField()
    paid_at = models.DateTimeField(help_text="Queue order: first paid, first planned.")
    rework_count = models.PositiveIntegerField(default=0)
    # the scheduler's answers
    earliest_start = models.DateField(help_text="Not before: when its materials are in.")
    estimated_start = models.DateField(null=True)
    estimated_completion = models.DateField(null=True)
    estimated_ship_date = models.DateField(null=True, db_index=True)
    promised_ship_date = models.DateField(null=True, help_text="The date the customer was given at purchase.")
    # the parcel it left in (set when it ships); the carrier's code is one of carriers.CARRIERS
    carrier = models.CharField(max_length=20, blank=True)
    tracking_number = models.CharField(max_length=40, blank=True)
    # a remake: the same spec built again at no charge (after a return or as goodwill), ahead of the queue
    remake_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="remakes")
    remake_cause = models.CharField(max_length=120, blank=True, help_text="Why it is made again (e.g. Size or fit).")
    rush = models.BooleanField(default=False, help_text="Planned ahead of the queue (remakes).")
    express = models.BooleanField(default=False, help_text=(
        "The free express slot of the customer's loyalty tier: planned after the rush jobs, ahead of the rest."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = list(QUEUE_ORDER)
        indexes = [models.Index(fields=["status", "paid_at"], name="workorder_queue")]
        constraints = [models.UniqueConstraint(fields=["line", "unit"], condition=models.Q(remake_of__isnull=True),
                                               name="one_work_order_per_unit")]

    def __str__(self):
        return self.number

    @property
    def is_remake(self):
        return self.remake_of_id is not None

    @property
    def priority(self):
        return Priority.RUSH if self.rush else Priority.EXPRESS if self.express else Priority.STANDARD

    @property
    def is_late(self):
        return bool(self.promised_ship_date and self.estimated_ship_date
                    and self.estimated_ship_date > self.promised_ship_date)

    @property
    def carrier_name(self):
        carrier = carriers.CARRIERS.get(self.carrier)
        return carrier.name if carrier else self.carrier

    @property
    def tracking_url(self):
        return carriers.tracking_url(self.carrier, self.tracking_number)


class WorkOrderEvent(models.Model):
    """Every status change of a work order: who, when, from what to what, and why."""

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.work_order}: {self.from_label or 'new'} → {self.to_label}"

    @property
    def from_label(self):
        return dict(Status.choices).get(self.from_status, self.from_status)

    @property
    def to_label(self):
        return dict(Status.choices).get(self.to_status, self.to_status)


class ShipDateNotice(models.Model):
    """We told the customer their order's ship date moved (later, or back sooner after a slip): when, and the dates."""

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="ship_date_notices")
    previous_date = models.DateField()
    new_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.order}: {self.previous_date} → {self.new_date}"

    @property
    def is_good_news(self):
        """It ships sooner than we last said (a slip we had announced shrank)."""
        return self.new_date < self.previous_date
