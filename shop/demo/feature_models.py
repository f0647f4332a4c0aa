"""Feature models of the three made-to-order demo products, read from shop/demo/data/feature_models/<upc>.json.

Each file is a definition in the configurator's own format, exactly what a published model version stores (see
``configurator/engine/definition.py``) plus what the shop keeps per option: a ``swatch`` colour, a preview
``layer`` ({"order", "svg"}) and the bill of materials (``bom``) the workshop picks. The seed hands it to
``configurator.services.replace_draft`` as it is.

A file is checked twice before the seed uses it: its shape and formats here (pydantic), then by the engine itself
(``model_from_definition``: unknown option codes in rules, two options with one code). Either refusal is a
DemoCopyError naming the file and the place.

Previews are flat side views in a 800 x 600 viewBox, drawn in the palette of the product illustrations
(cream #F4EFE6, ink #1F2A37, terracotta #C8553D, sage #6B8F71, mustard #E0A458, navy #2F4858). The ``preview.base``
fragment is always drawn; each chosen option adds its layer, lowest ``order`` first. Fragments use only plain
shapes with fill and stroke attributes, so they pass ``configurator.svg.clean_svg``.

Nothing here needs Django set up: ``python -m shop.demo.render_previews`` reads these files as a plain script.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from configurator.engine import ModelError, model_from_definition
from shop.demo.datafile import DATA_DIR, Data, DemoCopyError, check, describe, load

FOLDER = "feature_models"  # in shop/demo/data/: one <upc>.json per made-to-order product of catalogue.toml

Code = Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
Number = Annotated[str, Field(pattern=r"^-?\d+(\.\d+)?$")]  # a decimal written as a string: "-10.00", "0.35", "120"
Label = Annotated[str, Field(min_length=1)]
Colour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]
Day = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]  # a date written as a string: "2027-03-01"


class AllOf(Data):
    all: list[Condition] = Field(min_length=1)


class AnyOf(Data):
    any: list[Condition] = Field(min_length=1)


class NotThis(Data):
    not_: Condition = Field(alias="not")


Condition = Code | AllOf | AnyOf | NotThis  # an option code, {"all": [...]}, {"any": [...]} or {"not": ...}


class Layer(Data):
    order: int
    svg: str = Field(min_length=1)


class BomLine(Data):
    component: str = Field(pattern=r"^[A-Z0-9]+(-[A-Z0-9]+)*$")
    quantity: Number
    unit: Label


class Option(Data):
    code: Code
    label: Label
    price_delta: Number
    lead_time_days: int = Field(ge=0)
    default: bool
    active: bool
    early_access_until: Day | None  # a new option in early access for some loyalty tiers until this day
    range_min: Number | None
    range_max: Number | None
    swatch: Colour | None
    layer: Layer | None
    bom: list[BomLine]


class Group(Data):
    code: Code
    label: Label
    required: bool
    min_choices: int = Field(ge=0)
    max_choices: int = Field(ge=0)
    help_text: str
    visible_when: Condition | None


class ChoiceGroup(Group):
    kind: Literal["choice"]
    options: list[Option] = Field(min_length=1)


class MeasurementGroup(Group):
    kind: Literal["measurement"]
    unit: Label
    minimum: Number
    maximum: Number
    step: Number
    price_per_unit: Number
    options: list[Option]  # the ranges an answer falls into (each range_min <= value < range_max), if any


class TextGroup(Group):
    kind: Literal["text"]
    max_length: int = Field(gt=0)
    allowed_characters: str
    price_per_character: Number
    options: list[Option] = Field(max_length=0)


class Requires(Data):
    kind: Literal["requires"]
    name: Label
    if_: Condition = Field(alias="if")
    then: Condition


class Excludes(Data):
    kind: Literal["excludes"]
    name: Label
    conditions: list[Condition] = Field(min_length=2)


class Constraint(Data):
    kind: Literal["constraint"]
    name: Label
    condition: Condition


class PriceRule(Data):
    label: Label
    when: Condition
    amount: Number
    percent: Number


class Preview(Data):
    viewbox: str = Field(pattern=r"^-?\d+ -?\d+ \d+ \d+$")
    base: str


class FeatureModel(Data):
    name: Label
    base_price: Number
    base_lead_time_days: int = Field(ge=0)
    preview: Preview
    groups: list[Annotated[ChoiceGroup | MeasurementGroup | TextGroup, Field(discriminator="kind")]] = Field(
        min_length=1)
    rules: list[Annotated[Requires | Excludes | Constraint, Field(discriminator="kind")]]
    price_rules: list[PriceRule]


def read_feature_model(path):
    """One feature model file: checked, then returned as the JSON-ready definition it holds."""
    definition = load(path)
    check(path, definition, FeatureModel)
    try:
        model_from_definition(definition)
    except ModelError as error:
        raise DemoCopyError(f"{describe(path)}: {error}") from None
    return definition


def load_feature_models(data_dir=DATA_DIR):
    """Every demo feature model by its product's UPC (the file's name), checked; DemoCopyError at a bad one."""
    folder = data_dir / FOLDER
    models = {path.stem: read_feature_model(path) for path in sorted(folder.glob("*.json"))}
    if not models:
        raise DemoCopyError(f"{describe(folder)}: no feature model (<upc>.json) in the folder")
    return models


FEATURE_MODELS = load_feature_models()
