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
- A legal page's slug is its file name too (data/legal/<slug>.toml, the four in ``LEGAL_PAGES``); the terms of sale
  carry a ``version``, which every order records when its buyer accepts them.

Every file is checked with pydantic (Wagtail's own dependency, through shop/demo/datafile.py): a missing, misspelt
or malformed field is refused with a DemoCopyError naming the file and the field.
"""

from dataclasses import dataclass
from datetime import date, time
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from shop.cms.models import HelpArticlePage, OpeningHours
from shop.demo.datafile import (
    DATA_DIR,
    Data,
    DemoCopyError,
    Price,
    Slug,
    Text,
    describe,
    read,
)
from shop.demo.datafile import unwrap as unwrap  # re-exported: the copy's own tests check how text is unwrapped

Topic = Literal[tuple(key for key, _ in HelpArticlePage.TOPICS)]
Weekday = Literal[tuple(key for key, _ in OpeningHours.WEEKDAYS)]


class Step(Data):
    title: Text
    text: Text


class HomeCopy(Data):
    title: Text
    hero_title: Text
    hero_text: Text
    hero_cta_label: Text
    featured_title: Text
    how_it_works_title: Text
    steps: list[Step] = Field(min_length=1)


class Paragraph(Data):
    type: Literal["paragraph"]
    html: Text

    def stream_value(self):
        return self.html


class Callout(Data):
    type: Literal["callout"]
    title: Text
    text: Text

    def stream_value(self):
        return {"title": self.title, "text": self.text}


class Quote(Data):
    type: Literal["quote"]
    text: Text

    def stream_value(self):
        return self.text


Block = Annotated[Paragraph | Callout | Quote, Field(discriminator="type")]


class StreamCopy(Data):
    body: list[Block] = Field(min_length=1)

    def stream(self):
        """The body as StreamField data: (block type, value) pairs."""
        return [(block.type, block.stream_value()) for block in self.body]


class ContentPageCopy(StreamCopy):
    title: Text
    slug: Slug
    intro: Text


class Hours(Data):
    weekday: Weekday
    opens: time | None = None
    closes: time | None = None
    closed: bool = False

    @model_validator(mode="after")
    def open_or_closed(self):
        if self.closed != (self.opens is None and self.closes is None):
            raise ValueError("give opens and closes (like 09:00:00), or closed = true, not both")
        return self


class LocationCopy(Data):
    title: Text
    slug: Slug
    intro: Text
    street_address: list[Text] = Field(min_length=1)
    phone: Text
    email: Text
    directions: Text
    opening_hours: list[Hours] = Field(min_length=1)


class HelpCentreCopy(Data):
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
    summary: Annotated[Text, Field(max_length=250)]  # HelpArticlePage.summary holds 250 characters


class ProductCopy(Data):
    key: Slug
    title: Text
    upc: Text
    category: Text
    price: Price
    image: Annotated[str, Field(pattern=r"^[a-z0-9-]+\.png$")]
    description: Text


class AccessoryCopy(ProductCopy):
    stock: int = Field(ge=0)


class CatalogueCopy(Data):
    categories: list[Text] = Field(min_length=1)
    products: list[ProductCopy] = Field(min_length=1)
    accessories: list[AccessoryCopy] = Field(default_factory=list)

    @model_validator(mode="after")
    def known_categories(self):
        for product in self.products + self.accessories:
            if product.category not in self.categories:
                raise ValueError(f"{product.key}: category {product.category!r} is not in categories")
        return self


class Country(Data):
    alpha2: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    alpha3: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    numeric: Annotated[str, Field(pattern=r"^[0-9]{3}$")]
    name: Text


class ShippingCopy(Data):
    countries: list[Country] = Field(min_length=1)  # in the order the checkout lists them


LEGAL_PAGES = ("terms-of-sale", "privacy", "cookies", "legal-notice")  # the footer lists them in this order
TERMS_OF_SALE = "terms-of-sale"


class LegalCopy(StreamCopy):
    slug: Slug  # the file's name, not written in the file
    title: Text
    intro: Text
    last_updated: date
    version: Annotated[Text, Field(max_length=64)] | None = None  # the terms of sale's, recorded with each order

    @model_validator(mode="after")
    def versioned_terms(self):
        if (self.slug == TERMS_OF_SALE) != (self.version is not None):
            raise ValueError("the terms of sale need a version = \"...\"; other legal pages have none")
        return self


@dataclass(frozen=True)
class DemoCopy:
    home: HomeCopy
    about: ContentPageCopy
    workshop: LocationCopy
    help_centre: HelpCentreCopy
    help_articles: list[HelpArticleCopy]
    catalogue: CatalogueCopy
    shipping: ShippingCopy
    legal_pages: list[LegalCopy]


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
        legal_pages=[read(data_dir / "legal" / f"{slug}.toml", LegalCopy, slug=slug) for slug in LEGAL_PAGES],
    )


@cache
def demo_copy():
    """The store's own demo copy, read once per process."""
    return load_demo_copy()
