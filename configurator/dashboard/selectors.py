"""Reads for the feature-model dashboard, each in a fixed number of queries whatever the model's size."""

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone
from oscar.core.loading import get_model

from configurator.basket_lines import CONFIGURATION_OPTION_CODE
from configurator.conditions import condition_codes
from configurator.model_diff import distinct_labels, price_change_text, rule_meaning
from configurator.models import (
    ConfigurableProduct,
    FeatureGroup,
    FeatureOption,
    FeatureRule,
    ModelVersion,
    PriceRule,
    SavedConfiguration,
)

MADE_TO_ORDER = "made-to-order"  # the Oscar product class whose products may get a feature model


def _count(model, link):
    """A subquery counting the rows of ``model`` whose ``link`` is the outer configurable product."""
    rows = model.objects.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def configurable_products_overview():
    """Every configurable product with its counts, current version and whether the draft changed since (1 query)."""
    current = ModelVersion.objects.filter(configurable=OuterRef("pk"), is_current=True, retired_at__isnull=True)
    return (
        ConfigurableProduct.objects.select_related("product")
        .annotate(
            group_count=_count(FeatureGroup, "configurable"),
            option_count=_count(FeatureOption, "group__configurable"),
            rule_count=_count(FeatureRule, "configurable"),
            price_rule_count=_count(PriceRule, "configurable"),
            current_number=Subquery(current.values("number")[:1]),
            current_published_at=Subquery(current.values("published_at")[:1]),
        )
        .annotate(draft_changed=Case(
            When(Q(current_published_at__isnull=False) & Q(draft_updated_at__gt=F("current_published_at")),
                 then=Value(True)),
            default=Value(False), output_field=BooleanField(),
        ))
        .order_by("product__title")
    )


def feature_model_for_editing(pk):
    """The configurable product with its draft (steps with options, rules, price rules) and its versions."""
    return (
        ConfigurableProduct.objects.select_related("product")
        .prefetch_related(
            Prefetch("groups", queryset=FeatureGroup.objects.order_by("position", "pk")
                     .prefetch_related(Prefetch("options", queryset=FeatureOption.objects.order_by("position", "pk")
                                                .prefetch_related("bom_lines")))),
            "rules",
            "price_rules",
            Prefetch("versions", queryset=ModelVersion.objects.defer("definition").select_related("published_by")
                     .order_by("-number")),
        )
        .filter(pk=pk)
        .first()
    )


def draft_options(configurable):
    """The draft's options with their steps, in order (one query)."""
    return list(
        FeatureOption.objects.filter(group__configurable=configurable).select_related("group")
        .order_by("group__position", "group__pk", "position", "pk")
    )


def option_labels(options):
    """Code -> what a merchandiser calls the option: its label, with the step's name when labels repeat."""
    return distinct_labels((option.code, option.label, option.group.name) for option in options)


def describe_rule(rule, labels):
    return rule_meaning(rule.kind, rule.when, rule.then, labels)


def describe_price_change(price_rule):
    return price_change_text(price_rule.amount, price_rule.percent)


def _codes(condition):
    try:
        return condition_codes(condition) if condition is not None else set()
    except ValueError:
        return set()


def uses_of_options(configurable, codes, *, except_group=None):
    """Where the draft names any of these option codes: ["rule “…”", "price rule “…”", "step “…” (shown when)"]."""
    codes = set(codes)
    uses = [f"rule “{rule.name}”" for rule in configurable.rules.all()
            if (_codes(rule.when) | _codes(rule.then)) & codes]
    uses += [f"price rule “{rule.label}”" for rule in configurable.price_rules.all() if _codes(rule.when) & codes]
    groups = configurable.groups.exclude(visible_when=None)
    if except_group is not None:
        groups = groups.exclude(pk=except_group.pk)
    uses += [f"the condition showing step “{group.name}”" for group in groups if _codes(group.visible_when) & codes]
    return uses


def products_to_make_configurable():
    """Public made-to-order products that have no feature model yet, by title (1 query)."""
    Product = get_model("catalogue", "Product")
    return (Product.objects.filter(is_public=True, product_class__slug=MADE_TO_ORDER, configurable__isnull=True)
            .order_by("title", "pk"))


def product_with_class(pk):
    """The Oscar product with its class and, if any, its configurable product; None when no product has this id."""
    Product = get_model("catalogue", "Product")
    return Product.objects.select_related("product_class", "configurable").filter(pk=pk).first()


def current_version_of(configurable):
    """The version shoppers configure now, with its definition (one query), or None."""
    return configurable.versions.filter(is_current=True, retired_at__isnull=True).first()


def next_version_number(configurable):
    """The number the draft gets when it is published (one query)."""
    return (configurable.versions.aggregate(n=Max("number"))["n"] or 0) + 1


@dataclass(frozen=True)
class VersionReach:
    """What still refers to a version: saved quotes (all of them, and those still valid) and basket lines."""

    quotes: int
    valid_quotes: int
    basket_lines: int


def version_reach(version, *, now=None):
    """The quotes of a version and the lines of live baskets (not merged into another, not ordered) that carry one
    of them (two queries)."""
    now = now or timezone.now()
    quotes = SavedConfiguration.objects.filter(version=version)
    counts = quotes.aggregate(quotes=Count("pk"), valid=Count("pk", filter=Q(expires_at__gt=now)))
    Basket, LineAttribute = get_model("basket", "Basket"), get_model("basket", "LineAttribute")
    # a line attribute's value is JSON: the code is stored as a JSON string, "code" (codes need no escaping)
    as_json = quotes.annotate(json=Concat(Value('"'), "code", Value('"'), output_field=TextField())).values("json")
    lines = (LineAttribute.objects
             .filter(option__code=CONFIGURATION_OPTION_CODE,
                     line__basket__status__in=(Basket.OPEN, Basket.SAVED, Basket.FROZEN))
             .annotate(text=Cast("value", TextField())).filter(text__in=as_json)
             .values("line").distinct().count())
    return VersionReach(quotes=counts["quotes"], valid_quotes=counts["valid"], basket_lines=lines)
