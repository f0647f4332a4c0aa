"""The return policy as this store is configured: the terms of a configuration, a quote or an ordered line.

The rules live in ``configurator.return_policy`` (pure); this module gives them the store's settings and reads
the configurations, so the configurator page, the basket and checkout, and support's returns all ask the same
function.
"""

from django.conf import settings

from configurator.return_policy import Policy, item_of, terms


def current_policy():
    return Policy(window_days=settings.RETURN_WINDOW_DAYS)


def configuration_item(definition, choices):
    """The policy's view of a configuration: ``choices`` holds its "measurements" and "texts" (a selection's
    choices, a quote's or an order line snapshot's)."""
    return item_of(definition, measurements=choices.get("measurements"), texts=choices.get("texts"))


def stock_item():
    """A product sold from stock (an accessory): not made to order."""
    return item_of({}, made_to_order=False)


def configuration_terms(definition, choices):
    """What the policy promises for this configuration, sentence by sentence."""
    return terms(current_policy(), configuration_item(definition, choices))


def stock_terms():
    return terms(current_policy(), stock_item())
