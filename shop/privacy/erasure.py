"""Erasing a customer's personal data: every registered area removes it, or anonymises it where the store must
keep the record (an order's number, amounts and VAT, what was ordered, how it was built; counts for reports).

The account goes last: the other areas find the customer's rows by the account and the e-mail addresses the
subject was made with, which the account's erasure changes."""

from django.db import transaction

from shop.privacy.registry import holders

ACCOUNT = "Account"


@transaction.atomic
def erase_personal_data(subject):
    """Erase ``subject``'s data everywhere; returns {area: rows erased or anonymised}."""
    ordered = sorted(holders(), key=lambda holder: holder.name == ACCOUNT)
    return {holder.name: holder.erase(subject) for holder in ordered}
