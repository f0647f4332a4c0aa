"""The demand warehouse: facts written as things happen, anonymous configuration events, and the small daily
rollups the reports read. Nothing here holds personal data: no user, no e-mail, no address, no session key."""

from django.db import models


class Channel(models.TextChoices):
    """How the order was placed."""

    MEMBER = "member", "Signed-in customer"
    GUEST = "guest", "Guest checkout"


class OptionFact(models.Model):
    """One ordered option of one order line (``quantity`` units), or the reversal of some of those units
    (negative quantity and revenue) when they were refunded, returned for credit or cancelled."""

    order_id = models.BigIntegerField(db_index=True)
    line_id = models.BigIntegerField(db_index=True)
    placed_on = models.DateField()
    configurable = models.ForeignKey("configurator.ConfigurableProduct", on_delete=models.CASCADE,
                                     related_name="+")
    version = models.PositiveIntegerField()
    group = models.CharField(max_length=60)
    option = models.CharField(max_length=60)
    quantity = models.IntegerField()
    revenue = models.DecimalField(max_digits=12, decimal_places=2,
                                  help_text="The option's price and its share of the price rules, times quantity.")
    rule_revenue = models.DecimalField(max_digits=12, decimal_places=2, default=0,
                                       help_text="The part of the revenue that comes from price rules.")
    tier = models.CharField(max_length=40, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    source = models.CharField(max_length=40, default="order", help_text="order, or what reversed it.")

    class Meta:
        indexes = [models.Index(fields=["configurable", "placed_on"], name="optionfact_product_day")]

    def __str__(self):
        return f"{self.option} ×{self.quantity} (order {self.order_id})"


class PriceRuleFact(models.Model):
    """One price rule applied to one order line (signed like OptionFact)."""

    order_id = models.BigIntegerField(db_index=True)
    line_id = models.BigIntegerField()
    placed_on = models.DateField()
    configurable = models.ForeignKey("configurator.ConfigurableProduct", on_delete=models.CASCADE,
                                     related_name="+")
    version = models.PositiveIntegerField()
    rule = models.CharField(max_length=120)
    quantity = models.IntegerField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    tier = models.CharField(max_length=40, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    source = models.CharField(max_length=40, default="order")

    class Meta:
        indexes = [models.Index(fields=["configurable", "placed_on"], name="rulefact_product_day")]

    def __str__(self):
        return f"{self.rule} on order {self.order_id}"


class LineReversal(models.Model):
    """How many units of an ordered line are reversed so far (refunds, returns for credit, cancellation): the
    facts follow it, so a reversal is written once however often its cause is reported."""

    line_id = models.BigIntegerField(unique=True)
    units = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"line {self.line_id}: {self.units} reversed"


class EventKind(models.TextChoices):
    STARTED = "started", "Started configuring"
    CHOSEN = "chosen", "Chose an option"
    BLOCKED = "blocked", "Tried an unavailable option"
    COMPLETED = "completed", "Configured completely"
    SAVED = "saved", "Saved or shared"
    BASKET = "basket", "Added to basket"
    ORDERED = "ordered", "Ordered"


class ConfigurationEvent(models.Model):
    """What happened in one configurator session. ``session`` is a random token made when the configurator page
    opened: it is not the shopper's session, account or address, and links to nothing but other events."""

    session = models.CharField(max_length=32)
    configurable = models.ForeignKey("configurator.ConfigurableProduct", on_delete=models.CASCADE,
                                     related_name="+")
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    option = models.CharField(max_length=60, blank=True)
    rule = models.CharField(max_length=160, blank=True, help_text="For blocked: the rule that made it unavailable.")
    configuration = models.CharField(max_length=16, blank=True, db_index=True,
                                     help_text="For saved and basket: the quote's code (to see it ordered).")
    at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.kind} {self.option}".strip()


class SessionSummary(models.Model):
    """Where one configurator session got to, kept by the rollup job until the session is closed and counted."""

    session = models.CharField(max_length=32, unique=True)
    configurable = models.ForeignKey("configurator.ConfigurableProduct", on_delete=models.CASCADE,
                                     related_name="+")
    version = models.PositiveIntegerField()
    started_on = models.DateField()
    stages = models.PositiveIntegerField(default=0, help_text="Bits of the funnel stages reached.")
    last_option = models.CharField(max_length=60, blank=True)
    blocked = models.JSONField(default=list, help_text="[[option, rule], ...] tried while unavailable.")
    last_at = models.DateTimeField(db_index=True)
    closed = models.BooleanField(default=False)

    def __str__(self):
        return self.session


class RollupCursor(models.Model):
    """The last fact or event already counted in the rollups, per stream."""

    stream = models.CharField(max_length=20, unique=True)
    position = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.stream} at {self.position}"


class DailyRollup(models.Model):
    """A day's count for one product's model version (what the session rollups are cut by)."""

    day = models.DateField()
    configurable = models.ForeignKey("configurator.ConfigurableProduct", on_delete=models.CASCADE,
                                     related_name="+")
    version = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.day} {self.configurable_id} v{self.version}"


class DemandDimensions(DailyRollup):
    """The dimensions every order rollup is cut by (the dashboard's filters): also the channel and the tier."""

    channel = models.CharField(max_length=10, choices=Channel.choices)
    tier = models.CharField(max_length=40, blank=True)

    class Meta:
        abstract = True


class DailyProductDemand(DemandDimensions):
    units = models.IntegerField(default=0)
    lines = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "configurable", "version", "channel", "tier"],
                                               name="unique_daily_product")]


class DailyOptionDemand(DemandDimensions):
    group = models.CharField(max_length=60)
    option = models.CharField(max_length=60)
    units = models.IntegerField(default=0)
    revenue = models.DecimalField(max_digits=14, decimal_places=2, default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "configurable", "version", "channel", "tier", "option"],
                                               name="unique_daily_option")]
        indexes = [models.Index(fields=["configurable", "day"], name="dailyoption_product_day")]


class DailyPairDemand(DemandDimensions):
    """Units ordered with both options (``first`` < ``second``)."""

    first = models.CharField(max_length=60)
    second = models.CharField(max_length=60)
    units = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "configurable", "version", "channel", "tier", "first",
                                                       "second"], name="unique_daily_pair")]
        indexes = [models.Index(fields=["configurable", "day"], name="dailypair_product_day")]


class DailyConfigurationDemand(DemandDimensions):
    """Units ordered of one full set of options (``signature``: the sorted codes joined by spaces)."""

    signature = models.CharField(max_length=64, help_text="sha1 of the options")
    options = models.TextField()
    units = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "configurable", "version", "channel", "tier",
                                                       "signature"], name="unique_daily_configuration")]


class DailyFunnel(DailyRollup):
    """Sessions started on ``day`` that reached ``stage``."""

    stage = models.CharField(max_length=10, choices=EventKind.choices)
    sessions = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "configurable", "version", "stage"],
                                               name="unique_daily_funnel")]


class DailyAbandonment(DailyRollup):
    """Sessions started on ``day`` that ended without an order, by the last option chosen."""

    option = models.CharField(max_length=60, blank=True)
    sessions = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "configurable", "version", "option"],
                                               name="unique_daily_abandonment")]


class DailyBlocked(DailyRollup):
    """Tries of an unavailable option on ``day``, by the rule that blocked it; ``lost``: sessions with such a try
    that ended without an order."""

    option = models.CharField(max_length=60)
    rule = models.CharField(max_length=160)
    attempts = models.IntegerField(default=0)
    sessions = models.IntegerField(default=0)
    lost = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "configurable", "version", "option", "rule"],
                                               name="unique_daily_blocked")]


class DemandReports(models.Model):
    """Holds the permission to read the demand reports (no table of its own is read through it)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_demand_reports", "Can see the demand reports")]

    def __str__(self):
        return "Demand reports"
