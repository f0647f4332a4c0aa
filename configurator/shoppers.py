"""Who is configuring, as far as the configurator cares: what their loyalty tier lets them see before everybody else
(early access to new options) and how soon what they order is made (a free express slot).

A new option may be in early access until a day (``early_access_until`` in the feature model): before that day only
shoppers whose tier gives early access see and order it; everybody else sees it as coming on that day and cannot
choose it. The engine is told which options to withhold from this shopper, with why, as plain data
(``withheld_options``); it knows nothing of tiers or dates.

The shopper's tier is read once, when first needed: one query for a signed-in customer, none for anyone else, and
none at all for a product without options in early access unless the ship date (the express slot) is asked for.
"""

from datetime import date

from django.utils import timezone
from django.utils.functional import cached_property

from shop.dates import long_date
from shop.loyalty.perks import perks_of, tier_of


class Shopper:
    """A shopper, signed in (``user_id``) or not; ``perks`` fixes what they may have without asking their tier."""

    def __init__(self, user_id=None, *, perks=None):
        self.user_id = user_id
        if perks is not None:
            self.__dict__["perks"] = frozenset(perks)

    @classmethod
    def of(cls, user):
        """The shopper of a request's user (or a quote's owner); anonymous for None."""
        return cls(user.pk if user is not None and user.is_authenticated else None)

    @cached_property
    def perks(self):
        return perks_of(tier_of(self.user_id)) if self.user_id else frozenset()

    @property
    def early_access(self):
        return "early_access" in self.perks

    @property
    def express_production(self):
        return "express_production" in self.perks

    def __repr__(self):
        return f"Shopper(user_id={self.user_id!r})"


# Making again what was ordered (a remake): nothing it holds is withheld, whoever ordered it.
UNRESTRICTED = Shopper(perks={"early_access"})


def upcoming_options(definition, today=None):
    """{option code: the day it opens to everybody} of the options still in early access today."""
    today = today or timezone.localdate()
    upcoming = {}
    for group in definition["groups"]:
        for option in group.get("options", ()):
            until = option.get("early_access_until")
            if until and date.fromisoformat(until) > today:
                upcoming[option["code"]] = date.fromisoformat(until)
    return upcoming


def coming_on(until):
    """Why a shopper without early access cannot choose the option yet (the engine's reason, and the page's)."""
    return f"coming on {long_date(until)}; until then only for customers with early access"


def early_access_note(until):
    """What a shopper with early access reads beside such an option."""
    return f"Early access for you: everybody else from {long_date(until)}"


def withheld_options(definition, shopper, today=None):
    """{option code: why} of the options this shopper may not see or choose today (none with early access)."""
    upcoming = upcoming_options(definition, today)
    if not upcoming or shopper.early_access:
        return {}
    return {code: coming_on(until) for code, until in upcoming.items()}
