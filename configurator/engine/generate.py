"""Random feature models for tests and benchmarks (seeded, so every run builds the same model).

Rules are drawn at random but kept only when a set of hidden "witness" configurations satisfies
them, so the model always has valid configurations and most options stay possible, like a real
product's model (a random rule set of that density would almost always be contradictory).
"""

from __future__ import annotations

import random

from .model import All, Any, Excludes, FeatureModel, Group, Not, Opt, Option, Requires


def random_model(options=100, rules_per_option=2.0, seed=0, group_size=(2, 6), optional_share=0.3,
                 multi_share=0.15, visibility_share=0.1, witnesses=12):
    rng = random.Random(seed)
    groups, codes, index = [], [], 0
    while index < options:
        size = min(rng.randint(*group_size), options - index)
        group_options = [Option(f"o{index + i}", price_delta=rng.randint(0, 40) * 5) for i in range(size)]
        index += size
        multi = size > 2 and rng.random() < multi_share
        required = rng.random() >= optional_share
        visible_when = Opt(rng.choice(codes)) if codes and rng.random() < visibility_share else None
        groups.append(Group(
            code=f"g{len(groups)}", options=group_options, required=required,
            min_choices=1 if required else 0, max_choices=rng.randint(2, size) if multi else 1,
            visible_when=visible_when,
        ))
        codes.extend(o.code for o in group_options)
    samples = [_witness(groups, rng) for _ in range(witnesses)]
    rules, wanted, attempts = [], int(rules_per_option * options), 0
    while len(rules) < wanted and attempts < wanted * 50:
        attempts += 1
        rule = _random_rule(rng, codes)
        if all(rule.holds(sample) for sample in samples):
            rules.append(rule)
    return FeatureModel(groups=groups, rules=rules, base_price=100, name=f"random-{options}-{seed}")


def _witness(groups, rng):
    chosen = set()
    for group in groups:
        if group.visible_when is not None and not group.visible_when.holds(chosen):
            continue
        low = max(group.min_choices, 1) if group.required else rng.choice([0, 0, 1])
        count = rng.randint(low, max(low, group.max_choices)) if low else 0
        chosen.update(o.code for o in rng.sample(group.options, min(count, len(group.options))))
    return chosen


def _random_rule(rng, codes):
    kind = rng.random()
    a, b, c = rng.sample(codes, 3)
    if kind < 0.45:
        return Requires(a, b if rng.random() < 0.6 else Any(b, c))
    if kind < 0.85:
        return Excludes(a, b)
    if kind < 0.95:
        return Requires(All(a, b), Not(c))
    return Requires(Any(a, b), c)


def random_partial_selection(compiled, rng, max_picks=5):
    """Pick options one by one among those still available, as a shopper would."""
    chosen = set()
    for _ in range(rng.randint(0, max_picks)):
        evaluation = compiled.evaluate(chosen)
        candidates = sorted(c for c in evaluation.available - chosen if not compiled.model.group_of(c).measured)
        if not candidates:
            break
        chosen.add(rng.choice(candidates))
    return chosen


def random_dimacs(variables, clauses_per_variable=3.0, seed=0):
    """DIMACS CNF text of a satisfiable random formula shaped like a large published feature model: clauses of two
    or three literals (requires / excludes / one-of), each kept true by a hidden planted assignment."""
    rng = random.Random(seed)
    planted = [rng.random() < 0.5 for _ in range(variables + 1)]
    lines = []
    for _ in range(int(clauses_per_variable * variables)):
        clause = [n if rng.random() < 0.5 else -n for n in rng.sample(range(1, variables + 1), rng.choice((2, 2, 3)))]
        if not any((lit > 0) == planted[abs(lit)] for lit in clause):
            clause[0] = -clause[0]
        lines.append(" ".join(map(str, clause)) + " 0")
    return f"c random, seed {seed}\np cnf {variables} {len(lines)}\n" + "\n".join(lines) + "\n"
