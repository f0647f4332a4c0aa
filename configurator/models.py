"""Feature models of configurable products (edited as a draft), their published versions and saved quotes."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no look-alikes (i/l/1, o/0)
CODE_LENGTH = 10  # 31^10 ≈ 8e14 codes: not guessable


def new_share_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class ConfigurableProduct(models.Model):
    """A made-to-order Oscar product with a feature model. Edits change the draft; publishing freezes a version."""

    product = models.OneToOneField("catalogue.Product", on_delete=models.CASCADE, related_name="configurable")
    base_lead_time_days = models.PositiveIntegerField(default=10, help_text="Working days to build the simplest one.")
    preview_viewbox = models.CharField(max_length=40, default="0 0 800 600")
    preview_base_svg = models.TextField(blank=True, help_text="SVG drawn under every option's layer.")
    draft_updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["product__title"]

    def __str__(self):
        return self.product.title

    @property
    def current_version(self):
        return self.versions.filter(is_current=True, retired_at__isnull=True).first()


class GroupKind(models.TextChoices):
    """What a step of a feature model asks for."""

    CHOICE = "choice", "Choice of options"
    TEXT = "text", "Free text"
    MEASUREMENT = "measurement", "Measurement"


class FeatureGroup(models.Model):

    configurable = models.ForeignKey(ConfigurableProduct, on_delete=models.CASCADE, related_name="groups")
    code = models.SlugField(max_length=60, help_text="Used in specs and analytics; never shown to shoppers.")
    name = models.CharField(max_length=80)
    help_text = models.CharField(max_length=250, blank=True)
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=12, choices=GroupKind.choices, default=GroupKind.CHOICE)
    required = models.BooleanField(default=True)
    min_choices = models.PositiveIntegerField(default=1)
    max_choices = models.PositiveIntegerField(default=1)
    visible_when = models.JSONField(null=True, blank=True, help_text="Show this step only when this condition holds.")
    # free text
    max_length = models.PositiveIntegerField(default=0)
    allowed_characters = models.CharField(max_length=60, blank=True, help_text="A character class, e.g. A-Z")
    price_per_character = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    # measurement
    unit = models.CharField(max_length=12, blank=True)
    minimum = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    maximum = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    step = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    price_per_unit = models.DecimalField(max_digits=10, decimal_places=2, default=0,
                                         help_text="Added per unit above the minimum.")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["configurable", "code"], name="unique_group_code")]

    def __str__(self):
        return self.name


class FeatureOption(models.Model):
    group = models.ForeignKey(FeatureGroup, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField(max_length=60)
    label = models.CharField(max_length=80)
    position = models.PositiveIntegerField(default=0)
    price_delta = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    lead_time_days = models.PositiveIntegerField(default=0, help_text="Extra working days this option needs.")
    swatch = models.CharField(max_length=20, blank=True, help_text="A CSS colour shown as the option's swatch.")
    layer_svg = models.TextField(blank=True, help_text="SVG fragment drawn in the preview when chosen.")
    layer_order = models.IntegerField(default=0, help_text="Stacking order of the preview layer (lower first).")
    is_default = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    early_access_until = models.DateField(
        null=True, blank=True, help_text="A new option: before this day only customers whose loyalty tier gives early "
                                         "access see and order it; everybody else sees it as coming on this day.")
    range_min = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True,
                                    help_text="For measurement steps: this option is picked from this value…")
    range_max = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True,
                                    help_text="…up to (not including) this value.")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="unique_option_code_in_group")]

    def __str__(self):
        return self.label


class BillOfMaterialsLine(models.Model):
    option = models.ForeignKey(FeatureOption, on_delete=models.CASCADE, related_name="bom_lines")
    component_code = models.CharField(max_length=60)
    quantity = models.DecimalField(max_digits=10, decimal_places=3, validators=[MinValueValidator(0)])
    unit = models.CharField(max_length=12)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.quantity} {self.unit} {self.component_code}"


class RuleKind(models.TextChoices):
    """How a rule of a feature model reads."""

    REQUIRES = "requires", "When … then also …"
    EXCLUDES = "excludes", "… never together with …"
    CONSTRAINT = "constraint", "Always …"


class FeatureRule(models.Model):

    configurable = models.ForeignKey(ConfigurableProduct, on_delete=models.CASCADE, related_name="rules")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=120, help_text="Shown to merchandisers when the rule is involved in a problem.")
    kind = models.CharField(max_length=12, choices=RuleKind.choices, default=RuleKind.REQUIRES)
    when = models.JSONField(help_text="Condition: an option code, {'all': [...]}, {'any': [...]} or {'not': ...}.")
    then = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class PriceRule(models.Model):
    configurable = models.ForeignKey(ConfigurableProduct, on_delete=models.CASCADE, related_name="price_rules")
    position = models.PositiveIntegerField(default=0)
    label = models.CharField(max_length=120, help_text="Shown to shoppers in the price breakdown.")
    when = models.JSONField()
    amount = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    percent = models.DecimalField(max_digits=6, decimal_places=2, default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class ModelVersion(models.Model):
    """A published, frozen feature model. Quotes and orders refer to it; it never changes."""

    configurable = models.ForeignKey(ConfigurableProduct, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField()
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    is_current = models.BooleanField(default=False)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["configurable", "-number"]
        constraints = [models.UniqueConstraint(fields=["configurable", "number"], name="unique_version_number")]

    def __str__(self):
        return f"{self.configurable} v{self.number}"


def default_expiry():
    return timezone.now() + timezone.timedelta(days=settings.CONFIGURATOR_QUOTE_DAYS)


class SavedConfiguration(models.Model):
    """A priced quote of one configuration, reopened and shared by its unguessable code."""

    code = models.CharField(max_length=16, unique=True, default=new_share_code, editable=False)
    version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="configurations")
    choices = models.JSONField(help_text='{"options": [...], "measurements": {...}, "texts": {...}}')
    price_breakdown = models.JSONField()
    total = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    lead_time_days = models.PositiveIntegerField()
    is_complete = models.BooleanField(default=False, help_text="Valid and complete: it can be ordered.")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="saved_configurations")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_expiry)
    in_my_designs = models.BooleanField(default=False, help_text="Saved by its signed-in owner (“Save and share”): "
                                                                 "listed in their account's My designs.")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.code

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()


class OrderLineConfiguration(models.Model):
    """The immutable snapshot of a configured order line: what was chosen, at what price, from which version.

    Later edits of the catalogue or the feature model never change it; production and demand read it.
    """

    line = models.OneToOneField("order.Line", on_delete=models.CASCADE, related_name="configuration")
    code = models.CharField(max_length=16, help_text="The saved configuration the line was ordered from.")
    version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="ordered_lines")
    snapshot = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.line} ({self.code})"

    def save(self, *args, **kwargs):
        if self.pk and OrderLineConfiguration.objects.filter(pk=self.pk).exists():
            raise ValueError("An ordered configuration never changes.")
        super().save(*args, **kwargs)
