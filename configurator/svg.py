"""Preview drawings are SVG written by staff: untrusted markup, rebuilt before it is stored or shown.

``clean_svg`` parses the markup with defusedxml (no DTD, no entities, no external references) and writes a new
fragment from the parse tree: only allow-listed SVG elements and attributes, every value escaped, comments and
processing instructions dropped. Nothing the browser could run as script (``<script>``, ``on*`` handlers,
``<foreignObject>``, links, animations, styles, URLs) survives; what cannot be kept is refused with a sentence
naming it, so a merchandiser knows what to change. The raw markup is never echoed: the dashboard stores the
rebuilt fragment and every page renders stored drawings through ``clean_svg`` again (so markup saved before this
check existed is rebuilt too).
"""

import re
import xml.etree.ElementTree as ElementTree
from functools import lru_cache
from html import escape

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_WRAPPER = "svg-fragment-wrapper"

SHAPES = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon"}
TEXT_ELEMENTS = {"text", "tspan", "title", "desc"}
ELEMENTS = SHAPES | TEXT_ELEMENTS | {"svg", "g", "defs", "linearGradient", "radialGradient", "stop", "clipPath"}

PRESENTATION = {
    "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset",
    "stroke-miterlimit", "stroke-opacity", "fill-opacity", "fill-rule", "clip-rule", "opacity", "transform",
    "stop-color", "stop-opacity", "font-family", "font-size", "font-weight", "font-style", "text-anchor",
    "dominant-baseline", "letter-spacing", "visibility", "clip-path",
}
GEOMETRY = {"d", "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "fx", "fy", "x1", "y1", "x2", "y2",
            "points", "dx", "dy", "offset", "pathLength", "gradientUnits", "gradientTransform", "spreadMethod",
            "clipPathUnits"}
DOCUMENT = {"viewBox", "preserveAspectRatio", "role", "aria-label", "aria-hidden", "focusable"}
ATTRIBUTES = PRESENTATION | GEOMETRY | DOCUMENT | {"id"}

# A paint or clip may point at a gradient or clip path of the same drawing, and nowhere else.
LOCAL_REFERENCE = re.compile(r"url\(\s*#preview-[A-Za-z0-9_-]+\s*\)")
REFERENCE_ATTRIBUTES = {"fill", "stroke", "clip-path"}
# Ids share the page with the store's own elements: a fixed prefix keeps a drawing from shadowing them.
PREVIEW_ID = re.compile(r"preview-[A-Za-z0-9_-]{1,60}")
DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)", re.IGNORECASE)
ROLES = {"img", "presentation", "none", "group"}
# Characters that make a browser read a value as something other than a number, colour or name.
SUSPICIOUS = re.compile(r"url\(|expression\(|javascript:|data:|[<>\\]|&#|@import", re.IGNORECASE)


@lru_cache(maxsize=1024)
def clean_svg(markup):
    """The drawing rebuilt from its parse tree as a safe SVG fragment (raises ValueError naming what is refused).

    ``markup`` is a fragment (zero or more elements, e.g. a preview layer) or a whole ``<svg>`` drawing. The same
    markup always rebuilds the same way, so the last 1,024 drawings are remembered: a basket or order page of many
    configured lines rebuilds each layer once per process, not once per line and request.
    """
    if not markup or not markup.strip():
        return ""
    if DECLARATION.search(markup):
        raise ValueError("The drawing may not declare a DOCTYPE or entities: write the SVG elements themselves.")
    try:
        root = fromstring(f'<{_WRAPPER} xmlns="{SVG_NAMESPACE}">{markup}</{_WRAPPER}>', forbid_dtd=True,
                          forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise ValueError(f"The drawing may not declare a DOCTYPE, entities or external references ({error}).") \
            from None
    except ElementTree.ParseError as error:
        reason = str(error).split(": line ")[0]  # positions would count the wrapper, not the merchandiser's text
        raise ValueError(f"The drawing is not well-formed SVG ({reason}).") from None
    if (root.text or "").strip():
        raise ValueError("Text is only allowed inside <text>, <tspan>, <title> or <desc> in a preview drawing.")
    return "".join(_rebuild(child, parent_holds_text=False) for child in root)


def svg_fragment_problems(fragment):
    """What is wrong with an SVG fragment, as sentences (an empty list means it is safe to show)."""
    try:
        clean_svg(fragment)
    except ValueError as error:
        return [str(error)]
    return []


def _rebuild(element, *, parent_holds_text):
    name = _element_name(element.tag)
    attributes = "".join(f' {attribute}="{_attribute_value(value)}"'
                         for attribute, value in _clean_attributes(name, element.attrib))
    if name == "svg":
        attributes = f' xmlns="{SVG_NAMESPACE}"' + attributes
    holds_text = name in TEXT_ELEMENTS
    text = element.text or ""
    if text.strip() and not holds_text:
        raise ValueError(f"Text is only allowed inside <text>, <tspan>, <title> or <desc>, not in <{name}>.")
    inner = escape(text, quote=True) if holds_text else ""
    inner += "".join(_rebuild(child, parent_holds_text=holds_text) for child in element)
    tail = element.tail or ""
    if tail.strip() and not parent_holds_text:
        raise ValueError(f"Text is only allowed inside <text>, <tspan>, <title> or <desc>, not after <{name}>.")
    tail = escape(tail, quote=True) if parent_holds_text else ""
    body = f"<{name}{attributes}>{inner}</{name}>" if inner else f"<{name}{attributes}/>"
    return body + tail


def _attribute_value(value):
    # Tabs and line breaks as character references, so parsing the output again gives back the same value.
    return escape(value, quote=True).replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def _element_name(tag):
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if namespace != SVG_NAMESPACE:
        shown = f"{namespace}:{local}" if namespace else local
        raise ValueError(f"<{shown}> is not allowed in a preview layer: only SVG drawing elements are.")
    if local not in ELEMENTS:
        raise ValueError(f"<{local}> is not allowed in a preview layer.")
    return local


def _clean_attributes(element_name, attributes):
    for qualified, value in attributes.items():
        if qualified.startswith("{"):
            namespace, _, local = qualified[1:].partition("}")
            raise ValueError(f"The attribute {local!r} (namespace {namespace}) is not allowed in a preview layer.")
        if qualified not in ATTRIBUTES:
            raise ValueError(f"The attribute {qualified!r} is not allowed in a preview layer.")
        if qualified == "id" and not PREVIEW_ID.fullmatch(value):
            raise ValueError(f"The id {value!r} of <{element_name}> must start with 'preview-' (e.g. preview-shine) "
                             "and use only letters, digits, - and _.")
        if qualified == "role" and value not in ROLES:
            raise ValueError(f"The role {value!r} is not allowed in a preview layer.")
        checked = "" if qualified == "aria-label" else value  # a label is read out, never fetched or run
        if qualified in REFERENCE_ATTRIBUTES:
            checked = LOCAL_REFERENCE.sub("", checked)
        if SUSPICIOUS.search(checked):
            raise ValueError(f"The attribute {qualified!r} may not refer to other content "
                             "(only url(#preview-…) of a gradient or clip path in this drawing).")
        yield qualified, value
