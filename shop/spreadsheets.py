"""CSV exports open in spreadsheets: cells that would run as formulas are defused."""

import csv
import io
from decimal import Decimal


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula (=, +, -, @ first) is written with a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(header, rows):
    """A CSV document: the header, then each row with every text cell defused (numbers are left as they are)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell if isinstance(cell, (int, float, Decimal)) or cell is None else spreadsheet_safe(cell)
                         for cell in row])
    return buffer.getvalue()
