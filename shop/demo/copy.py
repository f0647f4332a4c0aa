"""The demo store's copy: read from the TOML files in shop/demo/data/ and checked before the seed uses it.

Pages, help articles, the workshop, the catalogue's products and the countries we ship to are data, not code, so a
copywriter edits them without touching Python (Wagtail's bakerydemo keeps its demo content apart the same way).
TOML because Python reads it without a dependency (tomllib), it has comments and multi-line strings, and it never
guesses a type: "NO" stays Norway's code and "056" stays a string, where YAML would make them false and 56.

Writing the files (shop/demo/data/README.md says the same for editors):
- Long text may be wrapped: a line break with the spaces around it reads as one space, and between two tags (``>``
  then ``<``) as nothing, so rich text is written one element per line and stored exactly as before.
- Rich text uses only the tags the matching Wagtail fields allow; prices are strings like "149.00".
- A help article's slug is its file name (data/help/<slug>.toml); help.toml lists the articles in their order.

Every file is checked with pydantic (Wagtail's own dependency): a missing, misspelt or malformed field is refused
with a DemoCopyError naming the file and the field.
"""

import re
import tomllib
from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from shop.cms.models import HelpArticlePage, OpeningHours

DATA_DIR = Path(__file__).resolve().parent / "data"


class DemoCopyError(Exception):
    """A data file of the demo copy is missing, unreadable or has a bad field; the message names file and field."""


def unwrap(text):
    """Text as stored: wrapped lines joined (nothing between two tags, else one space), ends trimmed."""
    text = re.sub(r"(?<=>)[ \t]*\n\s*(?=<)", "", text)
    return re.sub(r"[ \t]*\n\s*", " ", text).strip()


def amount(value):
    if not isinstance(value, str) or not re.fullmatch(r"\d+\.\d{2}", value):
        raise ValueError('write an amount as a string with two decimals, like "149.00"')
    return Decimal(value)


Text = Annotated[str, AfterValidator(unwrap), Field(min_length=1)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Topic = Literal[tuple(key for key, _ in HelpArticlePage.TOPICS)]
Weekday = Literal[tuple(key for key, _ in OpeningHours.WEEKDAYS)]
Price = Annotated[Decimal, BeforeValidator(amount), Field(gt=0)]


class Copy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Step(Copy):
    title: Text
    text: Text


class HomeCopy(Copy):
    title: Text
    hero_title: Text
    hero_text: Text
    hero_cta_label: Text
    featured_title: Text
    how_it_works_title: Text
    steps: list[Step] = Field(min_length=1)


class Paragraph(Copy):
    type: Literal["paragraph"]
    html: Text

    def stream_value(self):
        return self.html


class Callout(Copy):
    type: Literal["callout"]
    title: Text
    text: Text

    def stream_value(self):
        return {"title": self.title, "text": self.text}


class Quote(Copy):
    type: Literal["quote"]
    text: Text

    def stream_value(self):
        return self.text


Block = Annotated[Paragraph | Callout | Quote, Field(discriminator="type")]


class StreamCopy(Copy):
    body: list[Block] = Field(min_length=1)

    def stream(self):
        """The body as StreamField data: (block type, value) pairs."""
        return [(block.type, block.stream_value()) for block in self.body]


class ContentPageCopy(StreamCopy):
    title: Text
    slug: Slug
    intro: Text


class Hours(Copy):
    weekday: Weekday
    opens: time | None = None
    closes: time | None = None
    closed: bool = False

    @model_validator(mode="after")
    def open_or_closed(self):
        if self.closed != (self.opens is None and self.closes is None):
            raise ValueError("give opens and closes (like 09:00:00), or closed = true, not both")
        return self


class LocationCopy(Copy):
    title: Text
    slug: Slug
    intro: Text
    street_address: list[Text] = Field(min_length=1)
    phone: Text
    email: Text
    directions: Text
    opening_hours: list[Hours] = Field(min_length=1)


class HelpCentreCopy(Copy):
    title: Text
    slug: Slug
    intro: Text
    articles: list[Slug] = Field(min_length=1)

    @model_validator(mode="after")
    def listed_once(self):
        twice = sorted({slug for slug in self.articles if self.articles.count(slug) > 1})
        if twice:
            raise ValueError(f"articles lists {', '.join(twice)} more than once")
        return self


class HelpArticleCopy(StreamCopy):
    slug: Slug  # the file's name, not written in the file
    title: Text
    topic: Topic
    summary: Text


class ProductCopy(Copy):
    key: Slug
    title: Text
    upc: Text
    category: Text
    price: Price
    image: Annotated[str, Field(pattern=r"^[a-z0-9-]+\.png$")]
    description: Text


class AccessoryCopy(ProductCopy):
    stock: int = Field(ge=0)


class CatalogueCopy(Copy):
    categories: list[Text] = Field(min_length=1)
    products: list[ProductCopy] = Field(min_length=1)
    accessories: list[AccessoryCopy] = Field(default_factory=list)

    @model_validator(mode="after")
    def known_categories(self):
        for product in self.products + self.accessories:
            if product.category not in self.categories:
                raise ValueError(f"{product.key}: category {product.category!r} is not in categories")
        return self


class Country(Copy):
    alpha2: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    alpha3: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    numeric: Annotated[str, Field(pattern=r"^[0-9]{3}$")]
    name: Text


class ShippingCopy(Copy):
    countries: list[Country] = Field(min_length=1)  # in the order the checkout lists them


@dataclass(frozen=True)
class DemoCopy:
    home: HomeCopy
    about: ContentPageCopy
    workshop: LocationCopy
    help_centre: HelpCentreCopy
    help_articles: list[HelpArticleCopy]
    catalogue: CatalogueCopy
    shipping: ShippingCopy


def describe(path):
    try:
        return str(path.relative_to(DATA_DIR.parents[2]))
    except ValueError:
        return str(path)


def read(path, schema, **extra):
    """One data file, parsed and checked against its schema."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise DemoCopyError(f"{describe(path)}: the file is missing") from None
    except tomllib.TOMLDecodeError as error:
        raise DemoCopyError(f"{describe(path)}: not valid TOML: {error}") from None
    for name in extra.keys() & data.keys():
        raise DemoCopyError(f"{describe(path)}: {name}: leave it out, the file's name gives it")
    try:
        return schema.model_validate({**data, **extra})
    except ValidationError as error:
        problems = "; ".join(f"{where(problem['loc'])}: {problem['msg']}" for problem in error.errors())
        raise DemoCopyError(f"{describe(path)}: {problems}") from None


def where(location):
    """A field's place in a file, as it is written there: body[2].text."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "(file)"


def load_demo_copy(data_dir=DATA_DIR):
    """Every data file of the demo copy, checked; DemoCopyError (file and field named) at the first bad one."""
    data_dir = Path(data_dir)
    help_centre = read(data_dir / "help.toml", HelpCentreCopy)
    listed = set(help_centre.articles)
    for path in sorted((data_dir / "help").glob("*.toml")):
        if path.stem not in listed:
            raise DemoCopyError(f"{describe(path)}: not listed in the articles of {describe(data_dir / 'help.toml')}")
    return DemoCopy(
        home=read(data_dir / "home.toml", HomeCopy),
        about=read(data_dir / "about.toml", ContentPageCopy),
        workshop=read(data_dir / "workshop.toml", LocationCopy),
        help_centre=help_centre,
        help_articles=[read(data_dir / "help" / f"{slug}.toml", HelpArticleCopy, slug=slug)
                       for slug in help_centre.articles],
        catalogue=read(data_dir / "catalogue.toml", CatalogueCopy),
        shipping=read(data_dir / "shipping.toml", ShippingCopy),
    )


@cache
def demo_copy():
    """The store's own demo copy, read once per process."""
    return load_demo_copy()
