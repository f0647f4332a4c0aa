"""Reads for the feature-model dashboard, each in a fixed number of queries whatever the model's size."""

from django.db.models import BooleanField, Case, Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from configurator.conditions import condition_codes, format_condition
from configurator.models import (
    ConfigurableProduct,
    FeatureGroup,
    FeatureOption,
    FeatureRule,
    ModelVersion,
    PriceRule,
    RuleKind,
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
    options = list(options)
    seen = {}
    for option in options:
        seen[option.label] = seen.get(option.label, 0) + 1
    return {option.code: option.label if seen[option.label] == 1 else f"{option.label} ({option.group.name})"
            for option in options}


def readable_condition(condition, labels):
    """A condition in words with option labels, e.g. "Carbon and not Rear rack"; never fails on odd JSON."""
    try:
        return format_condition(condition, labels)
    except ValueError:
        return f"(unreadable condition: {condition!r})"


def describe_rule(rule, labels):
    when, then = readable_condition(rule.when, labels), readable_condition(rule.then, labels)
    if rule.kind == RuleKind.REQUIRES:
        return f"When {when}, then also {then}"
    if rule.kind == RuleKind.EXCLUDES:
        return f"{when} never together with {then}"
    return f"Always {when}"


def describe_price_change(price_rule):
    if price_rule.percent:
        return f"{price_rule.percent:+}%"
    return f"{price_rule.amount:+}"


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
