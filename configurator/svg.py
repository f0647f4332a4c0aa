"""Preview layers are SVG fragments written by staff: only plain drawing elements and attributes pass.

No scripts, event handlers, styles, links or external references can reach a shopper's page.
"""

import xml.etree.ElementTree as ElementTree

ELEMENTS = {"g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon"}
ATTRIBUTES = {
    "d", "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "x1", "y1", "x2", "y2", "points", "fill",
    "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "stroke-opacity",
    "fill-opacity", "fill-rule", "opacity", "transform",
}


def svg_fragment_problems(fragment):
    """What is wrong with an SVG fragment, as sentences (an empty list means it is safe to show)."""
    if not fragment.strip():
        return []
    try:
        root = ElementTree.fromstring(f"<g>{fragment}</g>")
    except ElementTree.ParseError as error:
        return [f"The drawing is not well-formed SVG ({error})."]
    problems = []
    for element in root.iter():
        if element.tag not in ELEMENTS:
            problems.append(f"<{element.tag}> is not allowed in a preview layer.")
        for name, value in element.attrib.items():
            if name not in ATTRIBUTES:
                problems.append(f"The attribute {name!r} is not allowed in a preview layer.")
            elif "url(" in value.replace(" ", "").lower():
                problems.append(f"The attribute {name!r} may not refer to other content.")
        if (element.text or "").strip():
            problems.append("Text is not allowed in a preview layer.")
    return problems
