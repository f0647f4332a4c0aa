"""The demo workshop's set-up, read from shop/demo/data/production.toml and checked before the seed uses it.

Workstations with their daily capacity, closures, production's order e-mails, and each product's routing (see the
file's comments). Besides each field's type, the check makes sure a closure or a step names a workstation of the
file, a routing a product with a feature model, and a step's ``when`` an option or free-text step of that model.
"""

from datetime import date
from typing import Annotated

from pydantic import Field, model_validator

from shop.demo.datafile import DATA_DIR, WEEKDAYS, Data, Weekday, read
from shop.demo.feature_models import FEATURE_MODELS

Code = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Name = Annotated[str, Field(min_length=1)]


class WorkstationData(Data):
    code: Code
    name: Name
    minutes_per_day: int = Field(gt=0)
    working_days: list[Weekday] = Field(min_length=1)

    @property
    def working_weekdays(self):
        """The days as Workstation.working_weekdays stores them: "01234" for Monday to Friday."""
        return "".join(str(WEEKDAYS.index(day)) for day in WEEKDAYS if day in self.working_days)


class Closure(Data):
    date: date
    workstation: Code | None = None  # None: the whole workshop, shipping and the support desk
    reason: Name


class OrderEmail(Data):
    code: Annotated[str, Field(pattern=r"^[A-Z]+(_[A-Z]+)*$")]
    name: Name


class Step(Data):
    operation: Code
    name: Name
    workstation: Code
    minutes: int = Field(gt=0)
    when: str = ""  # an option code, or the code of a free-text step
    quality_check: bool = False


class WorkshopSetup(Data):
    workstations: list[WorkstationData] = Field(min_length=1)
    closures: list[Closure]
    order_emails: list[OrderEmail]
    routings: dict[str, list[Step]]

    @model_validator(mode="after")
    def known_names(self):
        stations = {station.code for station in self.workstations}
        for index, closure in enumerate(self.closures):
            if closure.workstation is not None and closure.workstation not in stations:
                raise ValueError(f"closures[{index}]: no workstation {closure.workstation!r} in workstations")
        for upc, steps in self.routings.items():
            if upc not in FEATURE_MODELS:
                raise ValueError(f"routings.{upc}: no feature model for this upc (data/feature_models/{upc}.json)")
            codes = when_codes(FEATURE_MODELS[upc])
            for index, step in enumerate(steps):
                if step.workstation not in stations:
                    raise ValueError(f"routings.{upc}[{index}]: no workstation {step.workstation!r} in workstations")
                if step.when and step.when not in codes:
                    raise ValueError(f"routings.{upc}[{index}]: when: {step.when!r} is no option or free-text step "
                                     f"of {upc}")
        return self


def when_codes(definition):
    """What a routing step may depend on: the options, and the free-text steps, of a feature model."""
    return {option["code"] for group in definition["groups"] for option in group["options"]} | {
        group["code"] for group in definition["groups"] if group["kind"] == "text"}


def load_workshop_setup(data_dir=DATA_DIR):
    return read(data_dir / "production.toml", WorkshopSetup)


WORKSHOP = load_workshop_setup()
