"""A customer's saved designs: what My designs shows of each, and deleting one."""

from django.db.models import ProtectedError
from oscar.core.loading import get_model

from configurator.basket_lines import CONFIGURATION_OPTION_CODE
from configurator.models import ModelVersion, OrderLineConfiguration
from configurator.presenter import describe_choices
from configurator.preview import preview_of_choices


def designs_page(quotes):
    """[{quote, title, features, preview, requote}] for a page of designs (loaded with their version, product):
    one more query for the products' published versions, whatever the number of designs. ``requote``: its price
    no longer holds (expired, or the product changed since), so adding it to the basket prices it again."""
    quotes = list(quotes)
    current = dict(ModelVersion.objects.filter(
        configurable_id__in={quote.version.configurable_id for quote in quotes}, is_current=True,
        retired_at__isnull=True).values_list("configurable_id", "pk"))
    return [{
        "quote": quote,
        "code": quote.code,
        "title": quote.version.configurable.product.get_title(),
        "slug": quote.version.configurable.product.slug,
        "features": describe_choices(quote.version.definition, quote.choices),
        "preview": preview_of_choices(quote.version.definition, quote.choices),
        "requote": quote.is_expired or current.get(quote.version.configurable_id) != quote.version_id,
        "orderable": quote.version.configurable_id in current,
    } for quote in quotes]


def delete_design(*, design):
    """Delete a saved design; True when it is gone. One a basket, an order or an exchange still refers to stays for
    them (its link keeps opening it) but leaves its owner's My designs: False."""
    LineAttribute = get_model("basket", "LineAttribute")
    in_use = (LineAttribute.objects.filter(option__code=CONFIGURATION_OPTION_CODE, value=design.code).exists()
              or OrderLineConfiguration.objects.filter(code=design.code).exists())
    if not in_use:
        try:
            design.delete()
            return True
        except ProtectedError:  # an exchange chose it
            pass
    design.in_my_designs = False
    design.save(update_fields=["in_my_designs"])
    return False
