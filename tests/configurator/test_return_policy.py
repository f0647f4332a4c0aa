"""The return policy's table (configurator.return_policy, pure Python), walked day by day on a frozen clock, and
the terms a shopper reads before buying, which must never promise what the policy refuses (or refuse what it
grants)."""

from datetime import date, timedelta

import pytest
from freezegun import freeze_time

from configurator.return_policy import ALL_OUTCOMES, Item, Outcome, Policy, Reason, decide, terms

POLICY = Policy()  # the store's default: 30 days from delivery
PRESET = Item()
MONOGRAMMED = Item(personal_details=("Monogram",))
MEASURED = Item(personal_details=("Width", "Depth"))
STOCK = Item(made_to_order=False)
ITEMS = {"preset options": PRESET, "monogram": MONOGRAMMED, "measurements": MEASURED, "stock": STOCK}
NOT_FAULTS = [reason for reason in Reason if reason != Reason.FAULTY]


def asked_today(item, reason, delivered_on, policy=POLICY):
    """The policy's answer on the frozen clock's day."""
    return decide(policy, item, reason, delivered_on=delivered_on, today=date.today())


def days_after_delivery(days, item, reason, delivered="2026-03-02", ordered="2026-01-20"):
    """Order on ``ordered``, receive it on ``delivered`` (weeks later: it is made to order), ask ``days`` later."""
    with freeze_time(ordered) as clock:
        clock.move_to(delivered)
        delivered_on = date.today()
        clock.move_to(delivered_on + timedelta(days=days))
        return asked_today(item, reason, delivered_on)


def test_day_30_after_delivery_is_inside_the_window_and_day_31_outside():
    inside = days_after_delivery(30, PRESET, Reason.CHANGED_MIND)
    outside = days_after_delivery(31, PRESET, Reason.CHANGED_MIND)
    assert inside.eligible and inside.window_ends == date(2026, 4, 1)
    assert inside.outcomes == (Outcome.REFUND, Outcome.EXCHANGE, Outcome.CREDIT)
    assert not outside.eligible and outside.outcomes == ()
    assert outside.why.startswith("The 30-day return window for this item ended on Wednesday 1 April 2026 (30 days "
                                  "after delivery). Faults and damage in transit are still covered")


def test_the_window_counts_from_delivery_not_from_the_order():
    # ordered 20 January, delivered 2 March: on 1 April (71 days after the order) the window is still open
    assert days_after_delivery(30, PRESET, Reason.OTHER, delivered="2026-03-02", ordered="2026-01-20").eligible
    assert not days_after_delivery(31, PRESET, Reason.OTHER, delivered="2026-01-21", ordered="2026-01-20").eligible
    with freeze_time("2026-03-02"):
        waiting = asked_today(PRESET, Reason.CHANGED_MIND, None)
    assert not waiting.eligible and waiting.why.startswith("It has not been delivered yet")


@pytest.mark.parametrize("kind", ITEMS)
@pytest.mark.parametrize("reason", NOT_FAULTS)
def test_day_31_is_outside_for_every_item_and_every_reason_but_a_fault(kind, reason):
    on_day_30 = days_after_delivery(30, ITEMS[kind], reason)
    on_day_31 = days_after_delivery(31, ITEMS[kind], reason)
    personal_change_of_mind = ITEMS[kind].personalised and reason == Reason.CHANGED_MIND
    assert on_day_30.eligible is not personal_change_of_mind
    assert not on_day_31.eligible


@pytest.mark.parametrize("item, details", [(MONOGRAMMED, "your monogram"), (MEASURED, "your width and depth"),
                                           (Item(personal_details=("Your height",)), "your height")])
def test_made_to_a_personal_specification_is_not_taken_back_for_a_change_of_mind_but_remade(item, details):
    change_of_mind = days_after_delivery(5, item, Reason.CHANGED_MIND)
    assert not change_of_mind.eligible and change_of_mind.outcomes == ()
    assert change_of_mind.why == (f"It was made to your personal specification ({details}), so it can't be returned "
                                  "because you changed your mind. If it doesn't fit or isn't as expected, choose that "
                                  "reason: we remake it.")
    for reason in (Reason.FIT, Reason.NOT_AS_EXPECTED):
        remade = days_after_delivery(5, item, reason)
        assert remade.eligible and remade.outcomes == (Outcome.REMAKE, Outcome.EXCHANGE)
    late = days_after_delivery(5, item, Reason.LATE)  # promised late: returnable, personal or not
    assert late.eligible and Outcome.REFUND in late.outcomes


def test_preset_options_may_be_returned_for_a_change_of_mind():
    verdict = days_after_delivery(5, PRESET, Reason.CHANGED_MIND)
    assert verdict.eligible and Outcome.REFUND in verdict.outcomes
    assert "built from our preset options" in verdict.why


@pytest.mark.parametrize("kind", ITEMS)
def test_faults_are_covered_years_after_the_window(kind):
    verdict = days_after_delivery(3 * 365, ITEMS[kind], Reason.FAULTY)
    assert verdict.eligible and verdict.window_ends is None
    assert verdict.why == "Faults and damage in transit are always covered, whenever they show."
    expected = tuple(o for o in ALL_OUTCOMES if o != Outcome.REMAKE) if kind == "stock" else ALL_OUTCOMES
    assert verdict.outcomes == expected


@pytest.mark.parametrize("reason", list(Reason))
@pytest.mark.parametrize("days", [0, 14, 30, 400])
def test_a_stock_item_is_never_remade(reason, days):
    assert Outcome.REMAKE not in days_after_delivery(days, STOCK, reason).outcomes


def test_a_window_shorter_than_the_legal_withdrawal_period_is_refused():
    with pytest.raises(ValueError, match="A return window of 13 days is shorter than the 14-day legal withdrawal"):
        Policy(window_days=13)
    shortest = Policy(window_days=14)
    with freeze_time("2026-03-16"):
        assert asked_today(PRESET, Reason.CHANGED_MIND, date(2026, 3, 2), shortest).eligible  # day 14
    with freeze_time("2026-03-17"):
        assert not asked_today(PRESET, Reason.CHANGED_MIND, date(2026, 3, 2), shortest).eligible  # day 15


ANY_REASON = "Return it within {days} days of delivery for any reason."
NO_CHANGE_OF_MIND = "it can't be returned because you changed your mind."
REMADE = "If it doesn't fit or isn't as expected, we remake it (within {days} days of delivery)."
FAULTS = "Faults and damage in transit are always covered."


def promise(sentences, days, reason, day):
    """What a shopper who read the terms expects for a return ``day`` days after delivery: True (they may return
    it), False (they may not), None (the terms do not say)."""
    if reason == Reason.FAULTY:
        return True if FAULTS in sentences else None
    if day > days:
        return False if any(f"within {days} days of delivery" in sentence for sentence in sentences) else None
    if ANY_REASON.format(days=days) in sentences:
        return True
    if reason == Reason.CHANGED_MIND and any(sentence.endswith(NO_CHANGE_OF_MIND) for sentence in sentences):
        return False
    if reason in (Reason.FIT, Reason.NOT_AS_EXPECTED) and REMADE.format(days=days) in sentences:
        return True
    return None


@pytest.mark.parametrize("window", [14, 30, 60])
@pytest.mark.parametrize("kind", ITEMS)
def test_the_terms_shown_before_purchase_never_disagree_with_the_decision(window, kind):
    policy, item = Policy(window_days=window), ITEMS[kind]
    sentences = terms(policy, item)
    delivered = date(2026, 3, 2)
    for day in (0, 1, window - 1, window, window + 1, window + 3 * 365):
        for reason in Reason:
            verdict = decide(policy, item, reason, delivered_on=delivered, today=delivered + timedelta(days=day))
            expected = promise(sentences, window, reason, day)
            assert expected in (None, verdict.eligible), (kind, day, reason, sentences, verdict.why)
            if expected and reason in (Reason.FIT, Reason.NOT_AS_EXPECTED) and REMADE.format(days=window) in sentences:
                assert Outcome.REMAKE in verdict.outcomes  # "we remake it"
    # the terms speak about the two things a shopper must know: a change of mind, and faults
    assert promise(sentences, window, Reason.CHANGED_MIND, 1) is not None
    assert promise(sentences, window, Reason.FAULTY, window + 1) is True


@pytest.mark.parametrize("item, first", [
    (PRESET, "Return it within 30 days of delivery for any reason."),
    (STOCK, "Return it within 30 days of delivery for any reason."),
    (MONOGRAMMED, "Made to your personal specification (your monogram): it can't be returned because you changed "
                  "your mind."),
    (MEASURED, "Made to your personal specification (your width and depth): it can't be returned because you "
               "changed your mind."),
])
def test_the_terms_read_as_a_shopper_reads_them(item, first):
    sentences = terms(POLICY, item)
    assert sentences[0] == first and sentences[-1] == FAULTS
    assert (REMADE.format(days=30) in sentences) is item.personalised
