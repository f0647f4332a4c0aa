"""Reading one data file of the demo store (shop/demo/data/): parsed, then checked against its pydantic schema.

No Django here, so the feature models can be read by a plain script too (shop/demo/render_previews.py). TOML for
what people write (it has comments and multi-line strings, and never guesses a type: "NO" stays Norway's code),
JSON for the feature models, which are stored in the configurator's own definition format.

A file that is missing, malformed or has a bad field is refused with a DemoCopyError that names the file and the
field's place in it (``body[2].text``), before the seed writes anything.
"""

import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

DATA_DIR = Path(__file__).resolve().parent / "data"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # as the files write them; Monday is 0 in Python


class DemoCopyError(Exception):
    """A data file of the demo is missing, unreadable or has a bad field; the message names file and field."""


def unwrap(text):
    """Text as stored: wrapped lines joined (nothing between two tags, else one space), ends trimmed."""
    text = re.sub(r"(?<=>)[ \t]*\n\s*(?=<)", "", text)
    return re.sub(r"[ \t]*\n\s*", " ", text).strip()


def amount(value):
    if not isinstance(value, str) or not re.fullmatch(r"\d+\.\d{2}", value):
        raise ValueError('write an amount as a string with two decimals, like "149.00"')
    return Decimal(value)


Text = Annotated[str, AfterValidator(unwrap), Field(min_length=1)]  # may be wrapped over several lines
Letter = Annotated[str, AfterValidator(str.strip), Field(min_length=1)]  # line breaks kept, blank ends dropped
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Price = Annotated[Decimal, BeforeValidator(amount), Field(gt=0)]
Weekday = Literal[WEEKDAYS]


class Data(BaseModel):
    """A part of a data file: every field known (a misspelt one is refused), types exact, read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def choices(model, field, *, blank=False):
    """The values a model's field accepts (its choices, and "" with ``blank``), as a type for a schema."""
    return Literal[("",) * blank + tuple(value for value, _ in model._meta.get_field(field).choices)]


def describe(path):
    try:
        return str(path.relative_to(DATA_DIR.parents[2]))
    except ValueError:
        return str(path)


def where(location):
    """A field's place in a file, as it is written there: body[2].text."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "(file)"


def load(path):
    """A TOML or JSON file's data, by its suffix."""
    parse, language = (json.load, "JSON") if path.suffix == ".json" else (tomllib.load, "TOML")
    try:
        with open(path, "rb") as handle:
            return parse(handle)
    except FileNotFoundError:
        raise DemoCopyError(f"{describe(path)}: the file is missing") from None
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise DemoCopyError(f"{describe(path)}: not valid {language}: {error}") from None


def check(path, data, schema):
    """The data of a file, checked against its schema."""
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        raise DemoCopyError(f"{describe(path)}: {'; '.join(map(problem_text, error.errors()))}") from None


def problem_text(problem):
    """One problem, where it is and what: a check of the whole file names the place itself."""
    if not problem["loc"] and problem["type"] == "value_error":
        return str(problem["ctx"]["error"])
    return f"{where(problem['loc'])}: {problem['msg']}"


def read(path, schema, **extra):
    """One data file, parsed and checked against its schema; ``extra`` fields come from elsewhere (its name)."""
    data = load(path)
    for name in extra.keys() & data.keys():
        raise DemoCopyError(f"{describe(path)}: {name}: leave it out, the file's name gives it")
    return check(path, {**data, **extra}, schema)
