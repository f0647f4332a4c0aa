"""A report's table: what the page shows under its chart and what its CSV download holds, cell for cell."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from shop.spreadsheets import csv_text

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
THOUSANDTH = Decimal("0.001")


@dataclass
class Table:
    slug: str
    title: str
    header: list
    rows: list = field(default_factory=list)
    note: str = ""

    def csv(self):
        return csv_text(self.header, self.rows)

    def column(self, index):
        return [row[index] for row in self.rows]


def percent(part, whole):
    """``part`` of ``whole`` in percent, to a tenth (None when there is no whole)."""
    if not whole:
        return None
    return (Decimal(100) * Decimal(part) / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def ratio(numerator, denominator, places=THOUSANDTH):
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(places, rounding=ROUND_HALF_UP)


def money(amount):
    """An amount summed by the database (SQLite may hand back an int or a float-ish Decimal) to the cent."""
    return Decimal(str(amount or 0)).quantize(CENT, rounding=ROUND_HALF_UP)
