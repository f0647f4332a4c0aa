"""Answers a shopper's questions about a compiled feature model with an incremental SAT solver.

One solver is kept alive per compiled model and asked with assumptions (the chosen options), so a
question costs a few solver calls, not a recompilation. Answers depend only on the *set* of choices:
option codes are put in a canonical order before the solver sees them. ``evaluate`` first drops the input
of steps that the other choices hide (``drop_hidden_inputs``): the selection it answers for, prices and
hands on is the one that would be built, and ``Evaluation.removed`` says what was dropped and why.

What one shopper may see is data too: ``withheld`` ({option code: why}) names options this shopper may not see or
choose yet (new options in early access for some loyalty tiers). The solver is asked with those options assumed
false, so they are never available, forced or needed by an answer, and choosing one is refused with its reason.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from pysat.solvers import Solver

from .cnf import compile_cnf
from .model import offered_only
from .pricing import price_breakdown
from .selection import Selection, check_offered, drop_hidden_inputs, make_selection, not_offered_yet

SOLVER = "g4"  # Glucose 4.1: incremental with assumptions, cores, propagation and phases; fastest here


@contextmanager
def collector_paused():
    """Building (or unpickling) a large model makes many small objects that all live on: meanwhile the cyclic garbage
    collector would walk the process's whole heap again and again for nothing (in a web worker, most of the time of
    a build). It is paused for that while and resumed as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class Evaluation:
    completable: bool  # can the current choices still be completed to a valid configuration?
    available: frozenset  # options in at least one valid completion of the current choices
    forced: frozenset  # options (not chosen) in every valid completion
    selection: Selection  # what was chosen, without the input of hidden steps
    effective: Selection  # the choices with the forced options added: what would be built
    price: object  # PriceBreakdown of the effective selection
    removed: tuple = ()  # Removal per hidden step whose input was dropped, in step order


@dataclass(frozen=True)
class Validation:
    valid: bool
    reasons: tuple  # human-readable, naming groups, options and rules


class CompiledModel:
    """A feature model compiled to clauses with its solver. Thread-safe; build once per published version."""

    def __init__(self, model, solver_name=SOLVER, cnf=None):
        """``cnf``: the model's clauses as ``compile_cnf`` made them before (stored), instead of compiling again."""
        self.model = model
        self.cnf = compile_cnf(model) if cnf is None else cnf
        self.literal = dict(self.cnf.literal_of)
        self._options_of_var = {}
        for code, lit in self.literal.items():
            self._options_of_var.setdefault(abs(lit), []).append(code)
        self._solver = Solver(name=solver_name, bootstrap_with=self.cnf.clauses)
        self._lock = threading.Lock()

    # --- public API ----------------------------------------------------------------------------
    def selection(self, chosen=(), measurements=None, texts=None, withheld=None):
        if isinstance(chosen, Selection):
            return check_offered(self.model, chosen, withheld)
        return make_selection(self.model, chosen, measurements, texts, withheld)

    def evaluate(self, chosen=(), *, measurements=None, texts=None, withheld=None):
        selection, removed = drop_hidden_inputs(self.model, self.selection(chosen, measurements, texts, withheld))
        assumptions = self._assumptions(selection.options) + self._withheld(withheld)
        with self._lock:
            available, forced = self._available_and_forced(assumptions, selection.options)
        forced = frozenset(forced or ())
        effective = Selection(selection.options | forced, selection.measurements, selection.texts)
        return Evaluation(
            completable=available is not None,
            available=frozenset(available or ()),
            forced=forced,
            selection=selection,
            effective=effective,
            price=price_breakdown(self.model, effective),
            removed=removed,
        )

    def available_among(self, chosen, codes, *, withheld=None):
        """Those of ``codes`` that ``evaluate(chosen, withheld=withheld).available`` holds, asked one by one: for a
        few options (a step's replacements of its current choice), a solver call each instead of a whole evaluation.
        """
        selection, _ = drop_hidden_inputs(self.model, self.selection(chosen, withheld=withheld))
        assumptions = self._assumptions(selection.options) + self._withheld(withheld)
        lits = {code: self.literal[code] for code in codes if code in self.literal}
        with self._lock:
            if not lits or not self._solver.solve(assumptions=assumptions):
                return frozenset()
            model, found = self._solver.get_model(), set()
            for code, lit in lits.items():  # an option true in a completion found before needs no call of its own
                if abs(lit) <= len(model) and model[abs(lit) - 1] == lit:
                    found.add(code)
                elif self._solver.solve(assumptions=assumptions + [lit]):
                    found.add(code)
                    model = self._solver.get_model()
        return frozenset(found)

    def explain(self, chosen, code, *, measurements=None, texts=None, withheld=None, prefer=()):
        """A minimal list of current choices that rules ``code`` out ([] when it is available or never possible).

        The returned choices together leave no valid configuration with ``code``; without any one of
        them, the rest do. (Other choices may rule it out independently: the answer is one minimal reason.)
        Options ``withheld`` from the shopper stay unchosen throughout; they are never part of the answer.
        ``prefer`` (chosen codes, the one a shopper would most likely change first) picks among several minimal
        reasons: the answer is found among the fewest of the first preferred choices that rule ``code`` out, so
        it names the first preferred choice that takes part in any reason, and keeps preferred ones over others.
        """
        selection = self.selection(chosen, measurements, texts, withheld)
        if code not in self.literal:
            return []
        target = self.literal[code]
        rank = {choice: index for index, choice in enumerate(prefer)}
        order = sorted(selection.options, key=lambda choice: (rank.get(choice, len(rank)), choice))
        choices = [self.literal[choice] for choice in order]
        fixed = self._withheld(withheld)
        with self._lock:
            if self._solver.solve(assumptions=fixed + choices + [target]):
                return []
            if prefer:
                core = self._preferred_core(fixed, choices, target)
            else:
                core = self._core(choices)
            index = len(core) - 1 if prefer else 0
            while 0 <= index < len(core):  # with a preference, the least preferred choices are dropped first
                trial = core[:index] + core[index + 1:]
                if self._solver.solve(assumptions=fixed + trial + [target]):
                    index += -1 if prefer else 1  # this choice is needed to rule the option out
                elif prefer:
                    core, index = trial, index - 1
                else:
                    core = [lit for lit in trial if lit in set(self._solver.get_core() or ())]
        return sorted(self._codes_of(core, selection.options))

    def _preferred_core(self, fixed, choices, target):
        """Of the shortest run of the first ``choices`` that still rules ``target`` out (found by halving: a longer
        run rules out whatever a shorter one does), the choices in the solver's core. Every reason within that run
        holds its last choice, so the core does too."""
        low, high = 0, len(choices)  # the first `low` choices leave `target` possible; the first `high` do not
        while high - low > 1:
            middle = (low + high) // 2
            if self._solver.solve(assumptions=fixed + choices[:middle] + [target]):
                low = middle
            else:
                high = middle
        self._solver.solve(assumptions=fixed + choices[:high] + [target])
        return self._core(choices[:high])

    def validate(self, chosen=(), *, measurements=None, texts=None, withheld=None):
        """For a complete selection: valid or not, with reasons (checked rule by rule, not by the solver); an option
        ``withheld`` from the shopper makes it invalid, with the reason."""
        selection = self.selection(chosen, measurements, texts)
        chosen_codes = selection.options
        reasons = [not_offered_yet(self.model.option(code), why) + "."
                   for code, why in sorted((withheld or {}).items()) if code in chosen_codes]
        for group in self.model.groups:
            visible = group.visible_when is None or group.visible_when.holds(chosen_codes)
            picked = [o for o in group.options if o.code in chosen_codes]
            given = dict(selection.texts).get(group.code) or dict(selection.measurements).get(group.code)
            if not visible:
                if picked or given is not None:
                    reasons.append(f"{group.label} is {offered_only(group.visible_when, self._label)}.")
                continue
            if group.kind == "choice":
                if group.required and len(picked) < max(group.min_choices, 1):
                    reasons.append(f"Choose {_count(max(group.min_choices, 1))} {group.label.lower()}.")
                elif picked and len(picked) < group.min_choices:
                    reasons.append(f"Choose at least {group.min_choices} {group.label.lower()}.")
                if len(picked) > group.max_choices:
                    reasons.append(f"Choose at most {group.max_choices} {group.label.lower()}.")
            elif group.required and given is None:
                reasons.append(f"Enter {group.label.lower()}.")
        for rule in self.model.rules:
            if not rule.holds(chosen_codes):
                reasons.append(f"Rule broken: {rule.name}.")
        return Validation(valid=not reasons, reasons=tuple(reasons))

    def _label(self, code):
        return self.model.option(code).label

    # --- solver work ---------------------------------------------------------------------------
    def _assumptions(self, codes):
        return [self.literal[code] for code in sorted(codes)]

    def _withheld(self, withheld):
        """Assumptions keeping the withheld options unchosen (an inactive one has no literal: it never holds)."""
        return [-self.literal[code] for code in sorted(withheld or ()) if code in self.literal]

    def _codes_of(self, lits, chosen):
        return {code for lit in lits for code in self._options_of_var[abs(lit)]
                if code in chosen and self.literal[code] == lit}

    def _core(self, choices):
        core = set(self._solver.get_core() or ())
        return [lit for lit in choices if lit in core]

    def _available_and_forced(self, assumptions, chosen):
        """Options available with the current choices, and the unchosen ones that are forced.

        Each satisfying assignment found proves every option true in it available, and every option
        false in it not forced; the solver is nudged (phases) towards options not yet covered and away from
        covered ones (else its saved phases keep choosing those), so a handful of calls settles most options.
        Literals are compared as sets, in C, not in Python loops.
        """
        solver = self._solver
        if not solver.solve(assumptions=assumptions):
            return None, None
        found = set(solver.get_model())
        _, implied = solver.propagate(assumptions=assumptions)
        implied = set(implied or ())
        codes_of = {}
        for code, lit in self.literal.items():
            if -lit not in implied:
                codes_of.setdefault(lit, []).append(code)
        chosen_lits = {self.literal[code] for code in chosen}
        covered = found.intersection(codes_of)
        always = covered - chosen_lits
        pending = set(codes_of) - covered
        spread = True  # did the last completion cover more than the option asked for?
        while pending:
            lit = pending.pop()
            if spread:  # prefer completions that cover what is left, leaving out options already covered
                solver.set_phases([-c for c in covered] + list(pending))
            if solver.solve(assumptions=assumptions + [lit]):
                found = set(solver.get_model())
                covered.add(lit)
                spread = bool(pending & found)
                covered |= pending & found
                pending -= found
                always &= found
        forced = set()
        candidates = sorted(always)
        while candidates:
            lit = candidates.pop()
            if lit in implied or not solver.solve(assumptions=assumptions + [-lit]):
                forced.add(lit)
            else:  # a completion without it: drop every candidate that completion also lacks
                found = set(solver.get_model())
                candidates = [c for c in candidates if c in found]
        available = {code for lit in covered for code in codes_of[lit]}
        return available, {code for lit in forced for code in codes_of[lit]}


def _count(n):
    return "a" if n == 1 else str(n)
