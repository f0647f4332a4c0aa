"""The return policy: one function says what may happen to an item, and why, before and after purchase.

Pure Python (no Django): the configurator page and the checkout show the terms an item will have (``terms``),
support decides a return with the same table (``decide``), so the two cannot disagree. The terms are not
written separately: they are read off ``decide`` for a day inside and a day outside the window.

The rules:
- the return window counts from delivery (``window_days``, 30 by default; the legal withdrawal period is 14);
- faults and damage in transit are always covered, inside the window or not;
- an item made to the customer's personal specification (measurements, a monogram) is not taken back because
  they changed their mind, but it is remade if it does not fit or is not as expected;
- an item built only from preset options, and a stock item, may be returned for any reason inside the window;
- an item that reached the customer later than promised may be returned inside the window, personalised or not.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

DEFAULT_WINDOW_DAYS = 30
LEGAL_WITHDRAWAL_DAYS = 14


class Reason(StrEnum):
    FIT = "fit"
    NOT_AS_EXPECTED = "not_as_expected"
    FAULTY = "faulty"
    LATE = "late"
    CHANGED_MIND = "changed_mind"
    OTHER = "other"

    @property
    def label(self):
        return REASON_LABELS[self]


REASON_LABELS = {
    Reason.FIT: "Size or fit",
    Reason.NOT_AS_EXPECTED: "Colour or material not as expected",
    Reason.FAULTY: "Faulty or damaged",
    Reason.LATE: "Arrived late",
    Reason.CHANGED_MIND: "Changed my mind",
    Reason.OTHER: "Something else",
}


class Outcome(StrEnum):
    REFUND = "refund"
    REMAKE = "remake"
    EXCHANGE = "exchange"
    CREDIT = "credit"

    @property
    def label(self):
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    Outcome.REFUND: "A refund to my card",
    Outcome.REMAKE: "A remake",
    Outcome.EXCHANGE: "An exchange for another configuration",
    Outcome.CREDIT: "Store credit",
}
ALL_OUTCOMES = (Outcome.REFUND, Outcome.REMAKE, Outcome.EXCHANGE, Outcome.CREDIT)


@dataclass(frozen=True)
class Item:
    """What the policy needs to know of an item.

    ``made_to_order``: built for this order from a configuration (a stock item is not, and cannot be remade).
    ``personal_details``: the labels of what makes it personal (measurements, filled-in free texts), e.g.
    ("Rider height", "Monogram"); empty for an item built only from preset options.
    """

    made_to_order: bool = True
    personal_details: tuple = ()

    @property
    def personalised(self):
        return bool(self.personal_details)


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    why: str
    outcomes: tuple = ()  # what the customer may ask for, when eligible
    window_ends: date | None = None  # the last day of the window (None: no delivery yet, or not limited)

    @property
    def outcome_labels(self):
        return [outcome.label for outcome in self.outcomes]


@dataclass(frozen=True)
class Policy:
    window_days: int = DEFAULT_WINDOW_DAYS

    def __post_init__(self):
        if self.window_days < LEGAL_WITHDRAWAL_DAYS:
            raise ValueError(f"A return window of {self.window_days} days is shorter than the "
                             f"{LEGAL_WITHDRAWAL_DAYS}-day legal withdrawal period.")

    def window_ends(self, delivered_on):
        return delivered_on + timedelta(days=self.window_days) if delivered_on else None


def _personal(item):
    """"your rider height", "your width, depth and monogram"; a step labelled "Your height" reads "your height"."""
    details = [detail.lower().removeprefix("your ") for detail in item.personal_details]
    listed = details[0] if len(details) == 1 else f"{', '.join(details[:-1])} and {details[-1]}"
    return f"your {listed}"


def _remakeable(outcomes, item):
    return tuple(outcome for outcome in outcomes if item.made_to_order or outcome != Outcome.REMAKE)


def decide(policy, item, reason, *, delivered_on, today):
    """May this item be returned for this reason today, what may the customer ask for, and why (a sentence).

    ``delivered_on`` None means it has not reached the customer yet: nothing to return (a question about an
    order on its way is a help request, not a return).
    """
    reason = Reason(reason)
    if delivered_on is None:
        return Verdict(False, "It has not been delivered yet: a return starts once it has reached you.")
    ends = policy.window_ends(delivered_on)
    days = policy.window_days
    if reason == Reason.FAULTY:
        return Verdict(True, "Faults and damage in transit are always covered, whenever they show.",
                       _remakeable(ALL_OUTCOMES, item), None)
    if today > ends:
        return Verdict(False, f"The {days}-day return window for this item ended on {_day(ends)} ({days} days after "
                              "delivery). Faults and damage in transit are still covered: choose “Faulty or "
                              "damaged” if that is the problem.", (), ends)
    if reason == Reason.LATE:
        return Verdict(True, f"It reached you later than we promised, so you may return it within {days} days of "
                             "delivery, even if it was made for you.",
                       (Outcome.REFUND, Outcome.EXCHANGE, Outcome.CREDIT), ends)
    if item.personalised:
        if reason == Reason.CHANGED_MIND:
            return Verdict(False, f"It was made to your personal specification ({_personal(item)}), so it can't be "
                                  "returned because you changed your mind. If it doesn't fit or isn't as expected, "
                                  "choose that reason: we remake it.", (), ends)
        return Verdict(True, f"It was made to your personal specification ({_personal(item)}): within {days} days "
                             "of delivery we remake it.",
                       (Outcome.REMAKE, Outcome.EXCHANGE), ends)
    if reason == Reason.CHANGED_MIND:
        return Verdict(True, f"It is built from our preset options, so you may return it within {days} days of "
                             "delivery for any reason.", (Outcome.REFUND, Outcome.EXCHANGE, Outcome.CREDIT), ends)
    return Verdict(True, f"Within {days} days of delivery you may return it for any reason.",
                   _remakeable(ALL_OUTCOMES, item), ends)


def terms(policy, item):
    """What the policy promises for an item, as the shopper reads it before buying: read off ``decide``."""
    delivered, inside, outside = date(2000, 1, 1), date(2000, 1, 2), date(2000, 1, 1) + timedelta(
        days=policy.window_days + 1)
    days = policy.window_days
    sentences = []
    change_of_mind = decide(policy, item, Reason.CHANGED_MIND, delivered_on=delivered, today=inside)
    if change_of_mind.eligible:
        sentences.append(f"Return it within {days} days of delivery for any reason.")
    else:
        sentences.append(f"Made to your personal specification ({_personal(item)}): it can't be returned because "
                         "you changed your mind.")
        fit = decide(policy, item, Reason.FIT, delivered_on=delivered, today=inside)
        if fit.eligible and Outcome.REMAKE in fit.outcomes:
            sentences.append(f"If it doesn't fit or isn't as expected, we remake it (within {days} days of "
                             "delivery).")
    if decide(policy, item, Reason.FAULTY, delivered_on=delivered, today=outside).eligible:
        sentences.append("Faults and damage in transit are always covered.")
    return sentences


def _day(value):
    """The site's long date (shop.dates.long_date, in English): Thursday 3 December 2026."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def item_of(definition, *, made_to_order=True, measurements=None, texts=None):
    """The policy's view of a configuration: personal when a measurement or a free text is filled in.

    ``definition``: the model version's definition (its groups' codes, kinds and labels); ``measurements`` and
    ``texts``: {group code: value} of the configuration (a selection, a quote or an order line's snapshot).
    """
    kinds = {group["code"]: (group["kind"], group["label"]) for group in definition.get("groups", ())}
    filled = [code for code, value in {**(measurements or {}), **(texts or {})}.items()
              if str(value or "").strip() and kinds.get(code, ("", ""))[0] in ("measurement", "text")]
    order = list(kinds)
    details = tuple(kinds[code][1] for code in sorted(filled, key=order.index))
    return Item(made_to_order=made_to_order, personal_details=details)
