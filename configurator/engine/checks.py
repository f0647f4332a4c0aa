"""Checks a model before it is published, reporting problems by name.

- no valid configuration at all (and the rules that together make it so);
- options that can never be chosen (and the rules that rule them out);
- groups always forced to one option;
- rules that contradict each other: found as minimal unsatisfiable sets of rule selectors.
"""

from __future__ import annotations

from dataclasses import dataclass

from pysat.solvers import Solver

from .cnf import compile_cnf
from .engine import SOLVER

UNSATISFIABLE = "unsatisfiable"
DEAD_OPTION = "dead_option"
FORCED_GROUP = "forced_group"
CONTRADICTION = "contradiction"


@dataclass(frozen=True)
class Problem:
    kind: str
    message: str
    codes: tuple = ()  # the options or groups concerned
    rules: tuple = ()  # names of the rules involved

    @property
    def blocks_publishing(self):
        return self.kind in (UNSATISFIABLE, CONTRADICTION, DEAD_OPTION)


def check_model(compiled):
    """Problems of a compiled model, most serious first; an empty list means it can be published."""
    model = compiled.model
    guarded = compile_cnf(model, guarded=True)
    selectors = sorted(guarded.selectors)
    with Solver(name=SOLVER, bootstrap_with=guarded.clauses) as solver:
        if not solver.solve(assumptions=selectors):
            rules = _minimal_rules(solver, selectors, [], guarded.selectors)
            return [Problem(UNSATISFIABLE, "No configuration satisfies all the rules"
                            + (f": {_and(rules)} contradict each other." if rules else "."), rules=tuple(rules))]
        problems = []
        evaluation = compiled.evaluate()
        for group in model.groups:
            for option in group.active_options:
                if option.code in evaluation.available:
                    continue
                lit = guarded.literal_of[option.code]
                rules = _minimal_rules(solver, selectors, [lit], guarded.selectors)
                label = f"{group.label}: {option.label}"
                if len(rules) > 1:
                    problems.append(Problem(CONTRADICTION, f"{_and(rules)} contradict each other: "
                                            f"{label} can never be chosen.", (option.code,), tuple(rules)))
                else:
                    why = f" ({rules[0]})" if rules else ""
                    problems.append(Problem(DEAD_OPTION, f"{label} can never be chosen{why}.", (option.code,),
                                            tuple(rules)))
        for group in model.groups:
            options = group.active_options
            possible = [o for o in options if o.code in evaluation.available]
            if len(options) > 1 and len(possible) == 1 and group.required and group.visible_when is None:
                problems.append(Problem(FORCED_GROUP, f"{group.label} is always forced to {possible[0].label}.",
                                        (group.code,)))
    return problems


def _minimal_rules(solver, selectors, extra, names):
    """Names of a minimal set of rules that, with ``extra``, admit no configuration."""
    if solver.solve(assumptions=selectors + extra):
        return []
    core = [s for s in selectors if s in set(solver.get_core() or ())]
    index = 0
    while index < len(core):
        trial = core[:index] + core[index + 1:]
        if solver.solve(assumptions=trial + extra):
            index += 1
        else:
            core = [s for s in trial if s in set(solver.get_core() or ())]
    return [names[s] for s in core]


def _and(names):
    quoted = [f"“{n}”" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
