"""What a shopper accepts before paying, and what the order keeps of it.

- The terms of sale in force (``TermsOfSalePage.current()``): the shopper ticks to accept them, the order keeps
  their version and when.
- Which lines are made to the shopper's personal specification (a measurement or a free text such as a monogram)
  and so are excluded from the 14-day right of withdrawal; the rest (preset options only, stock items) keep it.
  The classification is the return policy's own (``configurator.return_terms.configuration_item``), so checkout,
  the configurator page and support's returns never disagree.

The record is stored with the payment when the shopper clicks Pay, and written to the order by whichever path
places it (``shop.apps.checkout.models.OrderCheckoutDetails.record``).
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from configurator.return_policy import LEGAL_WITHDRAWAL_DAYS
from configurator.return_terms import configuration_item

VAT_NUMBER = re.compile(r"[A-Z]{2}[0-9A-Z]{2,13}")
VAT_SEPARATORS = re.compile(r"[\s.\-]")
VAT_NUMBER_ERROR = ("Enter the VAT number as its two-letter country code followed by its digits (and letters), "
                    "for example BE0123456789; or leave it empty.")


def normalised_vat_number(value):
    """"be 0123.456.789" → "BE0123456789"; ValidationError if it is not a country code followed by 2 to 13 digits
    and letters (the shape of every EU VAT number; whether it is registered is not checked here)."""
    compact = VAT_SEPARATORS.sub("", value or "").upper()
    if compact and not (VAT_NUMBER.fullmatch(compact) and any(ch.isdigit() for ch in compact[2:])):
        raise ValidationError(VAT_NUMBER_ERROR, code="invalid")
    return compact


@dataclass(frozen=True)
class Withdrawal:
    """The basket's lines as the right of withdrawal sees them."""

    personal: list  # [{"title", "configuration", "details"}]: made to the shopper's specification, excluded
    preset: list  # titles of the lines that keep the right (preset options only, stock items)
    days: int = LEGAL_WITHDRAWAL_DAYS


def withdrawal_of(basket):
    """Which lines of the basket are excluded from the right of withdrawal, and which keep it (no query beyond the
    basket's lines and its configurations, which the page loads anyway)."""
    personal, preset = [], []
    quotes = basket.configuration_quotes
    for line in basket.all_lines():
        code, quote = quotes.get(line.pk, (None, None))
        item = configuration_item(quote.version.definition, quote.choices) if quote is not None else None
        if item is not None and item.personalised:
            personal.append({"title": line.product.get_title(), "configuration": code,
                             "details": list(item.personal_details)})
        else:
            preset.append(line.product.get_title())
    return Withdrawal(personal=personal, preset=preset)


def acceptance_record(*, terms, basket, business, accepted_at=None):
    """What the order will keep: the company and VAT number given, the terms' version and when they were accepted,
    and the lines excluded from withdrawal (as JSON, to be stored with the payment)."""
    accepted_at = accepted_at or timezone.now()
    return {
        "company_name": business.get("company_name", ""), "vat_number": business.get("vat_number", ""),
        "terms_version": terms.version, "terms_accepted_at": accepted_at.isoformat(),
        "personal_spec_lines": withdrawal_of(basket).personal,
    }
