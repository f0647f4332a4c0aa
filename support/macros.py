"""Macros: canned replies whose variables ({{ first_name }}, {{ order_number }}, ...) are filled per request.

Only the variables listed here exist; they are plain substitutions, never template code, so a macro
cannot reach anything else of the request or the site. The values are written to read inside an English sentence:
the product is named without its own leading "The", so that a macro's "photos of the {{ product }}" reads "photos
of the Atelier Sneaker", never "of the The Atelier Sneaker"; the ship date is the site's long date.
"""

import re
from typing import NamedTuple

VARIABLE = re.compile(r"{{\s*([a-z_]+)\s*}}")
LEADING_THE = re.compile(r"^the\s+(?=\S)", re.IGNORECASE)
VARIABLES = {
    "first_name": "the customer's first name",
    "customer_name": "the customer's full name",
    "reference": "the request's reference (R-10001)",
    "order_number": "the linked order's number",
    "ship_date": "the linked order's estimated ship date, as the site writes it (Friday 4 December 2026)",
    "product": "the product of the linked line (or the order's first line), without a leading “The”: write "
               "“the {{ product }}” or “your {{ product }}”",
    "agent_first_name": "your first name",
}


def unknown_variables(body):
    return sorted({name for name in VARIABLE.findall(body) if name not in VARIABLES})


class FilledMacro(NamedTuple):
    text: str
    unfilled: list  # the variables the macro uses that had no value (e.g. no ship date: nothing left to make)


def render_macro(body, values):
    """The macro's text with each variable replaced; a variable without a value becomes an empty string."""
    return VARIABLE.sub(lambda match: str(values.get(match.group(1)) or ""), body)


def unfilled_variables(body, values):
    """The variables the macro uses that have no value here (each once, in order): their sentences need a look."""
    return list(dict.fromkeys(name for name in VARIABLE.findall(body) if name in VARIABLES and not values.get(name)))


def fill_variables(body, values):
    return FilledMacro(render_macro(body, values), unfilled_variables(body, values))


def name_after_the(title):
    """A name as it reads after "the" (or "your"): "The Atelier Sneaker" → "Atelier Sneaker"; others unchanged."""
    return LEADING_THE.sub("", title.strip())
