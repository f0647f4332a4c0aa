"""Cross-checks the SAT answers against brute force on many small random models.

The oracle enumerates every subset of options and keeps those that ``validate`` accepts; ``validate``
reads the rules directly (no solver), so the two paths are independent.
"""

import itertools
import random

import pytest

from configurator.engine import compile_model
from configurator.engine.generate import random_model

MODELS = 60


def valid_configurations(compiled):
    codes = sorted(compiled.model.option_codes)
    valid = []
    for size in range(len(codes) + 1):
        for subset in itertools.combinations(codes, size):
            if compiled.validate(subset).valid:
                valid.append(frozenset(subset))
    return valid


def is_visible_under(model, codes, chosen):
    """Every step of these options is shown with these choices."""
    groups = {model.group_of(code) for code in codes}
    return all(group.visible_when is None or group.visible_when.holds(chosen) for group in groups)


@pytest.mark.parametrize("seed", range(MODELS))
def test_sat_answers_match_brute_force(seed):
    rng = random.Random(seed)
    model = random_model(rng.randint(5, 11), rules_per_option=rng.choice([0.5, 1.0, 1.5, 2.5]), seed=seed,
                         group_size=(1, 4), witnesses=rng.randint(1, 3))
    compiled = compile_model(model)
    valid = valid_configurations(compiled)
    codes = sorted(model.option_codes)
    for _ in range(12):
        picked = frozenset(rng.sample(codes, rng.randint(0, 3)))
        state = compiled.evaluate(sorted(picked, reverse=True))
        chosen = state.selection.options  # the picks without those of steps the other picks hide
        assert chosen <= picked and is_visible_under(model, chosen, chosen)
        assert not any(is_visible_under(model, {code}, chosen) for code in picked - chosen)
        assert {removal.group for removal in state.removed} == {model.group_of(c).code for c in picked - chosen}
        completions = [config for config in valid if chosen <= config]
        assert state.completable == bool(completions)
        expected_available = frozenset().union(*completions) if completions else frozenset()
        assert state.available == expected_available
        some = frozenset(rng.sample(codes, rng.randint(0, len(codes))))  # a step's replacements, asked one by one
        assert compiled.available_among(sorted(picked), some) == expected_available & some
        expected_forced = frozenset.intersection(*completions) - chosen if completions else frozenset()
        assert state.forced == expected_forced
        for code in codes:
            reason = compiled.explain(list(chosen), code)
            assert reason == compiled.explain(sorted(chosen, reverse=True), code)  # order never matters
            if code in expected_available:
                assert reason == []
                continue
            blocked = set(reason)
            assert blocked <= chosen
            assert not any(blocked | {code} <= config for config in valid)  # the reason does rule it out
            for dropped in blocked:  # and it is minimal: drop any one and the option is possible again
                assert any((blocked - {dropped}) | {code} <= config for config in valid)
            # with a preference (the shopper's latest choice first): a minimal reason among the fewest first ones
            prefer = rng.sample(sorted(chosen), len(chosen))
            preferred = set(compiled.explain(list(chosen), code, prefer=prefer))
            assert bool(preferred) == bool(blocked) and not any(preferred | {code} <= config for config in valid)
            assert all(any((preferred - {dropped}) | {code} <= config for config in valid) for dropped in preferred)
            if blocked:
                shortest = next(size for size in range(1, len(prefer) + 1)
                                if not any(set(prefer[:size]) | {code} <= config for config in valid))
                assert prefer[shortest - 1] in preferred and preferred <= set(prefer[:shortest])


def test_every_subset_is_completable_exactly_when_a_valid_configuration_contains_it():
    compiled = compile_model(random_model(9, rules_per_option=1.5, seed=7, group_size=(1, 3)))
    valid = valid_configurations(compiled)
    assert 0 < len(valid) < 2 ** 9
    codes = sorted(compiled.model.option_codes)
    for size in range(len(codes) + 1):
        for subset in itertools.combinations(codes, size):
            subset = frozenset(subset)
            state = compiled.evaluate(subset)
            kept = state.selection.options  # without the picks of steps the other picks hide
            assert state.completable == any(kept <= config for config in valid)
