"""How a basket line carries its configuration: an Oscar line attribute with the quote's share code.

The configurator puts configurations in Oscar's basket; the forked basket and the pricing strategy
(shop.apps.basket, shop.apps.partner) read them back through these functions.
"""

import hashlib
import json
from decimal import Decimal

from oscar.core.loading import get_model

from configurator.models import SavedConfiguration

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
    """{line pk: (code, saved quote or None)} for a basket's configured lines, in two queries whatever its size."""
    codes = configuration_codes_of_basket(basket)
    found = {quote.code: quote for quote in SavedConfiguration.objects.filter(code__in=set(codes.values()))
             .select_related("version__configurable")}
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
