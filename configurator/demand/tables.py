"""A report's table: what the page shows under its chart and what its CSV download holds, cell for cell."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from shop.spreadsheets import csv_text

TENTH = Decimal("0.1")
CENT = Decimal("0.01")
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


def cents(amount):
    """A summed amount of money to the cent: SQLite hands sums of decimals back through a float (16.7000000000000,
    or 36 for 36.00), so the page, the chart and the CSV would show them so."""
    if amount is None:
        return None
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
