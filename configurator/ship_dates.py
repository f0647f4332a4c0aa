"""The configurator's one question to production: when would this ship if bought now?

The configurator shows a ship date beside the price, but production owns the workshop's queue and calendars.
Production depends on the configurator, never the reverse: at start-up it registers its planner here
(``configurator.production.apps``), and the configurator asks through these two functions only.
"""

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


class ShipDatePlanner(Protocol):
    def estimate_ship_date(self, version, options, quantity=1, texts=None, day=None, express=False):
        """The day ``quantity`` units of one selection bought now would ship (``express``: by a customer whose
        loyalty tier gives a free express slot)."""

    def estimate_basket_ship_date(self, lines, day=None, express=False):
        """The day a basket's lines, [(version, options, quantity, texts)], bought now would ship (None: no lines)."""


_planner = None


def register_planner(planner):
    """Production's planner answers every ship-date question from now on."""
    global _planner
    _planner = planner


def planner():
    if _planner is None:
        raise ImproperlyConfigured("No ship-date planner is registered: install the configurator.production app.")
    return _planner


def estimate_ship_date(version, options, quantity=1, texts=None, day=None, express=False):
    return planner().estimate_ship_date(version, options, quantity=quantity, texts=texts, day=day, express=express)


def estimate_basket_ship_date(lines, day=None, express=False):
    return planner().estimate_basket_ship_date(lines, day=day, express=express)
