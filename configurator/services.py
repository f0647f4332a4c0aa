"""Services of the configurator: publishing feature models and quoting configurations.

Each function does one thing in one transaction; views, the seed and tests call these.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from oscar.templatetags.currency_filters import currency

from configurator.basket_lines import CONFIGURATION_OPTION_CODE, configuration_option
from configurator.compiled import compiled_model
from configurator.definition import build_definition, check_definition
from configurator.engine import SelectionError, check_model, compile_model, model_from_definition
from configurator.models import (
    BillOfMaterialsLine,
    FeatureGroup,
    FeatureOption,
    FeatureRule,
    GroupKind,
    ModelVersion,
    OrderLineConfiguration,
    PriceRule,
    SavedConfiguration,
)
from configurator.presenter import describe_choices
from configurator.preview import compose_preview
from configurator.selectors import current_version_for_slug, quote_selection
from configurator.shoppers import Shopper, withheld_options
from configurator.svg import svg_fragment_problems


@dataclass(frozen=True)
class DraftProblem:
    """A problem of the draft outside the rules (e.g. an unsafe preview drawing); always blocks publishing."""

    kind: str
    message: str
    codes: tuple = ()
    blocks_publishing: bool = True


def drawing_problems(definition):
    problems = [DraftProblem("unsafe_drawing", f"Preview base drawing: {message}")
                for message in svg_fragment_problems((definition.get("preview") or {}).get("base", ""))]
    for group in definition["groups"]:
        for option in group["options"]:
            for message in svg_fragment_problems((option.get("layer") or {}).get("svg", "")):
                problems.append(DraftProblem("unsafe_drawing", f"{group['label']}: {option['label']}: {message}",
                                             (option["code"],)))
    return problems


class PublishError(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@transaction.atomic
def publish_model(*, configurable, user=None):
    """Freeze the draft as the product's new current version, unless the checks find a blocking problem."""
    definition = build_definition(configurable)
    problems = drawing_problems(definition) + check_model(compile_model(model_from_definition(definition)))
    blocking = [p for p in problems if p.blocks_publishing]
    if blocking:
        raise PublishError(blocking)
    number = (configurable.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    configurable.versions.filter(is_current=True).update(is_current=False)
    return ModelVersion.objects.create(configurable=configurable, number=number, definition=definition,
                                       published_by=user, is_current=True)


@transaction.atomic
def replace_draft(*, configurable, definition):
    """Replace the draft model by a definition (the JSON of a version): used to seed and to restore versions.

    Raises DefinitionError, changing nothing, when the definition is not valid (``check_definition``)."""
    check_definition(definition)
    configurable.groups.all().delete()
    configurable.rules.all().delete()
    configurable.price_rules.all().delete()
    preview = definition.get("preview") or {}
    configurable.preview_viewbox = preview.get("viewbox", configurable.preview_viewbox)
    configurable.preview_base_svg = preview.get("base", "")
    configurable.base_lead_time_days = definition.get("base_lead_time_days", configurable.base_lead_time_days)
    configurable.save()
    bom_lines = []
    for position, group in enumerate(definition["groups"]):
        stored = FeatureGroup.objects.create(
            configurable=configurable, position=position, code=group["code"], name=group.get("label", group["code"]),
            help_text=group.get("help_text", ""), kind=group.get("kind", GroupKind.CHOICE),
            required=group.get("required", True), min_choices=group.get("min_choices", 1),
            max_choices=group.get("max_choices", 1), visible_when=group.get("visible_when"),
            max_length=group.get("max_length") or 0, allowed_characters=group.get("allowed_characters") or "",
            price_per_character=Decimal(str(group.get("price_per_character") or 0)), unit=group.get("unit") or "",
            minimum=group.get("minimum"), maximum=group.get("maximum"), step=group.get("step"),
            price_per_unit=Decimal(str(group.get("price_per_unit") or 0)),
        )
        for option_position, option in enumerate(group.get("options", ())):
            layer = option.get("layer") or {}
            saved = FeatureOption.objects.create(
                group=stored, position=option_position, code=option["code"], label=option.get("label", option["code"]),
                price_delta=Decimal(str(option.get("price_delta") or 0)),
                lead_time_days=option.get("lead_time_days", 0), swatch=option.get("swatch") or "",
                layer_svg=layer.get("svg", ""), layer_order=layer.get("order", 0),
                is_default=option.get("default", False), is_active=option.get("active", True),
                early_access_until=option.get("early_access_until"),
                range_min=option.get("range_min"), range_max=option.get("range_max"),
            )
            bom_lines += [
                BillOfMaterialsLine(option=saved, component_code=line["component"],
                                    quantity=Decimal(str(line["quantity"])), unit=line["unit"])
                for line in option.get("bom", ())
            ]
    BillOfMaterialsLine.objects.bulk_create(bom_lines)
    FeatureRule.objects.bulk_create(_draft_rule(configurable, position, rule)
                                    for position, rule in enumerate(definition.get("rules", ())))
    PriceRule.objects.bulk_create(
        PriceRule(configurable=configurable, position=position, label=rule.get("label", ""), when=rule["when"],
                  amount=Decimal(str(rule.get("amount") or 0)), percent=Decimal(str(rule.get("percent") or 0)))
        for position, rule in enumerate(definition.get("price_rules", ()))
    )


def _draft_rule(configurable, position, rule):
    kind = rule["kind"]
    if kind == "requires":
        when, then = rule["if"], rule["then"]
    elif kind == "excludes":
        first, *rest = rule["conditions"]
        when, then = first, rest[0] if len(rest) == 1 else {"all": rest}
    else:
        when, then = rule["condition"], None
    return FeatureRule(configurable=configurable, position=position, name=rule.get("name", ""), kind=kind,
                       when=when, then=then)


@transaction.atomic
def save_configuration(*, version, options=(), measurements=None, texts=None, owner=None, shopper=None,
                       keep=False):
    """Price the selection on the server and keep it as a quote with a share code (raises SelectionError).

    ``keep``: the owner saved it themselves ("Save and share"), so it is listed in their My designs (a quote made to
    put a configuration in the basket is not).

    Input of steps the other choices hide is not quoted (the engine drops it); the returned quote's
    ``removed`` (not stored) names what was dropped and why. An option in early access is refused (SelectionError,
    with the day it opens) unless ``shopper`` (by default the owner; anonymous without one) has early access.
    """
    compiled = compiled_model(version)
    withheld = withheld_options(version.definition, shopper or Shopper.of(owner))
    evaluation = compiled.evaluate(options, measurements=measurements, texts=texts, withheld=withheld)
    selection = evaluation.effective  # forced options are part of what gets built
    validation = compiled.validate(selection)
    picked = sorted(code for code in selection.options if not compiled.model.group_of(code).measured)
    quote = SavedConfiguration.objects.create(
        version=version,
        choices={"options": picked, "measurements": {k: str(v) for k, v in selection.measurements},
                 "texts": dict(selection.texts)},
        price_breakdown=evaluation.price.as_dict(), total=evaluation.price.total,
        currency=settings.OSCAR_DEFAULT_CURRENCY, lead_time_days=evaluation.price.lead_time_days,
        is_complete=evaluation.completable and validation.valid, owner=owner, in_my_designs=keep and owner is not None,
        expires_at=timezone.now() + timezone.timedelta(days=settings.CONFIGURATOR_QUOTE_DAYS),
    )
    quote.removed = evaluation.removed
    return quote


def add_configuration_to_basket(*, basket, configuration, quantity=1):
    """Put a saved, complete configuration in the basket, priced from its quote: one line per configuration, so an
    equal configuration already there (same version, options, measurements and texts) gains the quantity instead.
    More than the cap per line raises LineQuantityTooHigh and changes nothing.

    A configuration holding an option in early access (saved, or shared, by a customer with early access) goes
    only into the basket of a customer with early access: anybody else's is refused with SelectionError naming the
    option and the day it opens to everybody, and nothing changes."""
    withheld = withheld_options(configuration.version.definition, basket.shopper)
    if withheld:
        compiled_model(configuration.version).selection(quote_selection(configuration), withheld=withheld)
    product = configuration.version.configurable.product
    line, _ = basket.add_product(product, quantity,
                                 options=[{"option": configuration_option(), "value": configuration.code}])
    basket.reset_offer_applications()
    return line


def configuration_snapshot(quote):
    """Everything the workshop and the customer need about a configuration, frozen as plain data."""
    definition = quote.version.definition
    selection = quote_selection(quote)
    options = [
        {"group": group["code"], "group_label": group["label"], "code": option["code"], "label": option["label"],
         "price_delta": option["price_delta"], "bom": option.get("bom", [])}
        for group in definition["groups"] for option in group["options"] if option["code"] in selection.options
    ]
    return {
        "product": definition.get("name", ""),
        "version": quote.version.number,
        "code": quote.code,
        "choices": quote.choices,
        "options": options,
        "measurements": quote.choices.get("measurements") or {},
        "texts": quote.choices.get("texts") or {},
        "features": [list(pair) for pair in describe_choices(definition, quote.choices)],
        "price": quote.price_breakdown,
        "lead_time_days": quote.lead_time_days,
        "preview_svg": compose_preview(definition, selection.options),
    }


@transaction.atomic
def snapshot_order_configurations(*, order):
    """Freeze the configuration of every configured line of a just-placed order (once per line)."""
    lines = order.lines.prefetch_related("attributes__option").select_related("configuration")
    codes = {}
    for line in lines:
        if hasattr(line, "configuration"):
            continue
        for attribute in line.attributes.all():
            if attribute.option is not None and attribute.option.code == CONFIGURATION_OPTION_CODE:
                codes[line] = attribute.value
    quotes = {q.code: q for q in SavedConfiguration.objects.filter(code__in=codes.values())
              .select_related("version")}
    created = []
    for line, code in codes.items():
        quote = quotes.get(code)
        if quote is None:
            continue
        created.append(OrderLineConfiguration.objects.create(line=line, code=code, version=quote.version,
                                                             snapshot=configuration_snapshot(quote)))
    return created


def requote_configuration(*, quote, owner=None, shopper=None):
    """Price an expired or outdated quote again on the product's current version.

    Returns (new quote or None, [what changed, in sentences]). Options that are no longer offered, or not yet to
    ``shopper`` (in early access), are dropped and named; when the result is not complete any more, no quote is
    made and the reasons are given.
    """
    product = quote.version.configurable.product
    version = current_version_for_slug(product.slug)
    if version is None:
        return None, [f"{product.get_title()} cannot be configured at the moment."]
    compiled = compiled_model(version)
    owner = owner or quote.owner
    shopper = shopper or Shopper.of(owner)
    withheld = withheld_options(version.definition, shopper)
    labels = {o["code"]: o["label"] for g in quote.version.definition["groups"] for o in g["options"]}
    options, changes = [], []
    for code in quote.choices.get("options", ()):
        if code in withheld:
            changes.append(f"“{labels.get(code, code)}” is {withheld[code]}, so we left it out.")
        elif code in compiled.model.option_codes and compiled.model.option(code).active:
            options.append(code)
        else:
            changes.append(f"“{labels.get(code, code)}” is no longer offered, so we left it out.")
    try:
        new = save_configuration(version=version, options=options, measurements=quote.choices.get("measurements"),
                                 texts=quote.choices.get("texts"), owner=owner, shopper=shopper)
    except SelectionError as error:
        steps = {g["code"]: g["label"] for g in version.definition["groups"]}
        said = f"{steps[error.field]} {error.message}" if error.field in steps else error.message
        return None, changes + [f"{said[:1].upper()}{said[1:]}."]
    changes += [f"{removal}, so we left it out." for removal in new.removed]
    if not new.is_complete:
        state = compiled.validate(compiled.evaluate(options, measurements=quote.choices.get("measurements"),
                                                    texts=quote.choices.get("texts"), withheld=withheld).effective)
        return None, changes + list(state.reasons)
    if new.total != quote.total:
        changes.append(f"The price changed from {currency(quote.total, quote.currency)} to "
                       f"{currency(new.total, new.currency)}.")
    return new, changes


@transaction.atomic
def replace_basket_configuration(*, basket, line, configuration):
    """Swap a basket line's configuration for a new quote, keeping the quantity (merged into an equal line, if the
    basket has one: all or nothing, so a merge past the cap per line leaves the basket as it was)."""
    quantity = line.quantity
    line.delete()
    basket.reset_offer_applications()  # forgets the lines and their quotes too
    return add_configuration_to_basket(basket=basket, configuration=configuration, quantity=quantity)
