"""Building and compiling a model grows linearly with its size: no rule check walks every option.

Counted, never timed: option codes are a ``str`` whose hashing is counted, so every lookup of a code (in a dict, a
set, a difference of sets) is seen. A DIMACS-shaped model ten times larger must cost about ten times the lookups;
checking each rule's codes against every option (the quadratic build it replaced) costs a hundred times as many.
"""

import random

from configurator.engine import Any, Constraint, FeatureModel, Group, Opt, Option, compile_model


class CountedCode(str):
    hashes = 0

    def __hash__(self):
        CountedCode.hashes += 1
        return str.__hash__(self)


def dimacs_shaped(variables, seed=3):
    """Like ``from_dimacs``: variable N a yes/no group, three clauses of two or three literals per variable."""
    rng = random.Random(seed)
    yes = [CountedCode(f"x{n}=1") for n in range(variables)]
    no = [CountedCode(f"x{n}=0") for n in range(variables)]
    groups = [Group(code=f"x{n}", options=(Option(yes[n]), Option(no[n]))) for n in range(variables)]
    rules = [Constraint(Any(*[Opt(rng.choice((yes, no))[n]) for n in rng.sample(range(variables), rng.choice((2, 3)))]),
                        name=f"clause {index}")
             for index in range(3 * variables)]
    return groups, rules


def lookups(variables):
    groups, rules = dimacs_shaped(variables)
    CountedCode.hashes = 0
    compile_model(FeatureModel(groups=groups, rules=rules))
    return CountedCode.hashes


def test_building_and_compiling_a_model_looks_each_code_up_a_bounded_number_of_times():
    few, many = lookups(200), lookups(2000)
    assert few > 0
    assert many < 12 * few  # ten times the model: about ten times the lookups (quadratic would be ~100 times)
