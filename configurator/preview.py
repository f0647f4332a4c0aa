"""The layered preview picture of a configuration: pure composition, no Django, no database.

A feature-model definition carries a base drawing and, per option, a layer (its SVG and a stacking order).
The picture of a set of chosen options is the base followed by the layers of the chosen options, lowest order
first; a visible step without a choice yet shows its default option, so the picture is always a whole product.
Every drawing is rebuilt by ``clean_svg`` on the way out (stored markup is staff input, never trusted).

Used by the configurator page and API (``presenter``), order snapshots (``services``), basket and order pages
(``templatetags``) and the demo's preview renderer (``shop.demo.render_previews``).
"""

import logging
from html import escape

from configurator.engine import as_condition
from configurator.svg import clean_svg

logger = logging.getLogger(__name__)

DEFAULT_VIEWBOX = "0 0 800 600"


def compose_preview(definition, codes):
    """The picture of ``codes`` chosen (and visible steps' defaults) as one SVG document."""
    preview = definition.get("preview") or {}
    layers = []
    for group in definition["groups"]:
        picked = [o for o in group["options"] if o["code"] in codes]
        if not picked and _visible(group, codes):
            picked = [o for o in group["options"] if o.get("default")]
        layers += [(o["layer"]["order"], o["layer"]["svg"]) for o in picked if o.get("layer")]
    body = "".join(_drawing(svg) for _, svg in sorted(layers, key=lambda layer: layer[0]))
    title = escape(definition.get("name", "Your configuration"))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{escape(preview.get("viewbox", DEFAULT_VIEWBOX))}" '
            f'role="img" aria-label="Preview of {title}">{_drawing(preview.get("base", ""))}{body}</svg>')


def preview_of_choices(definition, choices):
    """The picture of a saved selection (a quote's or an order line's ``choices``)."""
    return compose_preview(definition, set(choices.get("options", ())))


def default_codes(definition):
    """The options a product starts with: each step's default."""
    return [option["code"] for group in definition["groups"] for option in group.get("options", ())
            if option.get("default")]


def _drawing(markup):
    """A stored drawing rebuilt from its parse tree; one that no longer passes is left out of the picture."""
    try:
        return clean_svg(markup)
    except ValueError as error:
        logger.warning("Preview drawing left out: %s", error)
        return ""


def _visible(group, codes):
    condition = group.get("visible_when")
    return condition is None or as_condition(condition).holds(codes)
