"""How a basket line carries its configuration: an Oscar line attribute with the quote's share code.

The configurator puts configurations in Oscar's basket; the forked basket and the pricing strategy
(shop.apps.basket, shop.apps.partner) read them back through these functions.
"""

import hashlib
import json
from decimal import Decimal

from oscar.core.loading import get_model

from configurator.compiled import shared_definitions
from configurator.models import ModelVersion, SavedConfiguration

CONFIGURATION_OPTION_CODE = "configuration"


def configuration_option():
    Option = get_model("catalogue", "Option")
    option, _ = Option.objects.get_or_create(
        code=CONFIGURATION_OPTION_CODE,
        defaults={"name": "Configuration", "type": Option.TEXT, "required": False},
    )
    return option


def configuration_code_of_options(options):
    for item in options or ():
        if item["option"].code == CONFIGURATION_OPTION_CODE:
            return item["value"]
    return None


def configuration_codes_of_basket(basket):
    """{line pk: configuration code} for the basket's lines, from their prefetched attributes."""
    Option = get_model("catalogue", "Option")
    option_id = Option.objects.filter(code=CONFIGURATION_OPTION_CODE).values_list("pk", flat=True).first()
    codes = {}
    for line in basket.all_lines():
        for attribute in line.attributes.all():
            if attribute.option_id == option_id:
                codes[line.pk] = attribute.value
    return codes


def load_configuration_quotes(basket):
    """{line pk: (code, saved quote or None)} for a basket's configured lines, in three queries whatever its size.

    Each model version is read once, and its quotes share it, however many lines are configurations of the same
    product; its definition (a large document, frozen once published) is read once per process."""
    codes = configuration_codes_of_basket(basket)
    quotes = list(SavedConfiguration.objects.filter(code__in=set(codes.values())))
    versions = (ModelVersion.objects.select_related("configurable").defer("definition")
                .in_bulk({quote.version_id for quote in quotes}))
    definitions = shared_definitions(versions.values())
    for pk, version in versions.items():
        version.definition = definitions[pk]
    found = {}
    for quote in quotes:
        quote.version = versions[quote.version_id]
        found[quote.code] = quote
    return {pk: (code, found.get(code)) for pk, code in codes.items()}


def configuration_fingerprint(quote):
    """What makes two quotes the same configuration, whatever their codes: the model version and the choices
    (options, measurements, texts). Two lines with equal fingerprints are one basket line."""
    choices = quote.choices or {}
    content = {
        "version": quote.version_id,
        "options": sorted(choices.get("options") or ()),
        "measurements": {step: str(Decimal(str(value)).normalize())
                         for step, value in (choices.get("measurements") or {}).items()},
        "texts": choices.get("texts") or {},
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:32]
