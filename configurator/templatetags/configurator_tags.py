import json
from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from oscar.templatetags.currency_filters import currency

from configurator.kept import Kept
from configurator.models import OrderLineConfiguration
from configurator.presenter import describe_choices, suggested_ship_date
from configurator.preview import preview_of_choices
from configurator.return_terms import configuration_terms, stock_terms
from configurator.selectors import current_version_for_slug
from configurator.shoppers import Shopper, upcoming_options
from configurator.svg import clean_svg
from configurator.views import default_options

register = template.Library()


@register.simple_tag
def configured_line(line):
    """The configuration of a basket line (features, preview, link to reopen it), or None for plain lines.

    Worked out once per line and request (the basket page asks twice), and what it shows of a configuration once per
    process: a published version never changes, so its features and picture depend on the choices alone."""
    if not hasattr(line, "_configured_line"):
        line._configured_line = _configured_line(line)  # pylint: disable=protected-access
    return line._configured_line  # pylint: disable=protected-access


def _configured_line(line):
    code, quote = line.basket.configuration_quotes.get(line.pk, (None, None))
    if quote is None:
        return None
    features, preview = presented_configuration(quote)
    url = reverse("configurator:reopen", kwargs={"slug": line.product.slug, "code": code})
    return {
        "code": code,
        "features": features,
        "preview": preview,
        "url": url,
        # "Change these choices": the configurator then puts the edited configuration in this line's place
        "change_url": f"{url}?basket_line={line.pk}",
    }


# (version pk, published at, choices as JSON) -> (features, preview)
_presented = Kept(512)


def presented_configuration(quote):
    """(features, preview markup) of a saved configuration, remembered per published version and choices."""
    version = quote.version
    if version.pk is None:  # a draft being previewed has no identity
        return _present(version.definition, quote.choices)
    key = (version.pk, version.published_at, json.dumps(quote.choices, sort_keys=True))
    return _presented.get(key, lambda: _present(version.definition, quote.choices))


def _present(definition, choices):
    return tuple(describe_choices(definition, choices)), svg_drawing(preview_of_choices(definition, choices))


@register.simple_tag(takes_context=True)
def product_ship_date(context, product):
    """When a made-to-order product, as the configurator opens it, would ship if bought now (the scheduler's date,
    the one that page shows); None when it cannot be configured."""
    version = current_version_for_slug(product.slug)
    if version is None:
        return None
    request = context.get("request")
    shopper = Shopper.of(request.user) if request is not None else Shopper()
    options = default_options(version.definition, excluding=upcoming_options(version.definition))
    return suggested_ship_date(version, options, shopper=shopper)


@register.simple_tag
def line_return_terms(line):
    """What the return policy promises for a basket line, sentence by sentence (no query: the basket's quotes
    are loaded once for all its lines).

    A configured line's terms are its configuration's, from the same function the configurator page asks; a
    line without a configuration is sold from stock (made-to-order products are never in a basket unconfigured).
    A line whose configuration no longer exists promises nothing: it cannot be bought as it is.
    """
    quotes = line.basket.configuration_quotes
    if line.pk not in quotes:
        return stock_terms()
    quote = quotes[line.pk][1]
    return configuration_terms(quote.version.definition, quote.choices) if quote is not None else []


@register.simple_tag
def option_price(option):
    """What choosing an option adds, as its card says: "+€12.00", "+10 % (+€14.90)", "+3 days", joined by " · "
    (static/js/configurator.js writes the same words when the state changes)."""
    parts = []
    if Decimal(option["price_delta"]):
        parts.append(signed_money(option["price_delta"]))
    if option.get("price_percent"):
        parts.append(f"+{option['price_percent']} % ({signed_money(option['price_percent_amount'])})")
    if option.get("lead_time_days"):
        parts.append(f"+{option['lead_time_days']} days")
    return " · ".join(parts)


@register.filter
def signed_money(amount):
    """'+€12.00' or '−€5.00' for a price difference given as a string or Decimal."""
    value = Decimal(str(amount))
    return ("−" if value < 0 else "+") + currency(abs(value))


@register.simple_tag
def order_configurations(order):
    """{line pk: frozen snapshot} for an order's configured lines, in one query."""
    return dict(OrderLineConfiguration.objects.filter(line__order=order).values_list("line_id", "snapshot"))


@register.filter
def snapshot_for(configurations, line):
    return configurations.get(line.pk) if configurations else None


@register.filter
def as_svg(snapshot):
    """The frozen preview of an ordered configuration, rebuilt from its parse tree like every stored drawing."""
    return svg_drawing(snapshot.get("preview_svg", "")) if snapshot else ""


@register.filter
def svg_drawing(markup):
    """Stored SVG as markup for a page: only what ``clean_svg`` rebuilds is ever marked safe (nothing if refused)."""
    try:
        rebuilt = clean_svg(markup)
    except ValueError:
        return ""
    return mark_safe(rebuilt)  # built element by element from an allow-list, every value escaped
