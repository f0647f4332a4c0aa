"""Loads a DIMACS CNF file's text as a feature model, so the engine can be checked on published models.

Variable N becomes a required single-choice group ``xN`` with the options ``xN=1`` and ``xN=0``;
each clause becomes a constraint (``-3 5 0`` reads "x3=0 or x5=1").
"""

from __future__ import annotations

from .engine import CompiledModel, collector_paused
from .model import Any, Constraint, FeatureModel, Group, ModelError, Opt, Option


def parse_dimacs(text):
    """(number of variables, list of clauses) from DIMACS CNF text."""
    variables, clauses, current = None, [], []
    for line_number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith(("c", "%")):
            continue
        if line.startswith("p"):
            parts = line.split()
            if len(parts) != 4 or parts[1] != "cnf":
                raise ModelError(f"Line {line_number}: expected 'p cnf <variables> <clauses>'.")
            variables = int(parts[2])
            continue
        try:
            literals = list(map(int, line.split()))
        except ValueError:
            token = next(token for token in line.split() if not _is_int(token))
            raise ModelError(f"Line {line_number}: {token!r} is not a literal.") from None
        if literals and literals[-1] == 0 and 0 not in literals[:-1]:  # the usual line: one whole clause
            clauses.append(current + literals[:-1])
            current = []
            continue
        for literal in literals:
            if literal == 0:
                clauses.append(current)
                current = []
            else:
                current.append(literal)
    if current:
        clauses.append(current)
    if variables is None:
        raise ModelError("No 'p cnf' header.")
    for clause in clauses:
        if clause and max(max(clause), -min(clause)) > variables:
            literal = next(literal for literal in clause if abs(literal) > variables)
            raise ModelError(f"Literal {literal} names a variable beyond {variables}.")
    return variables, clauses


def _is_int(token):
    try:
        int(token)
    except ValueError:
        return False
    return True


def option_code(literal):
    return f"x{abs(literal)}={1 if literal > 0 else 0}"


def feature_model_from_dimacs(text):
    variables, clauses = parse_dimacs(text)
    groups = [
        Group(code=f"x{n}", options=(Option(f"x{n}=1"), Option(f"x{n}=0")))
        for n in range(1, variables + 1)
    ]
    literals = {}  # one Opt per literal, shared by every clause naming it
    rules = [
        Constraint(Any(*[literals.get(lit) or literals.setdefault(lit, Opt(option_code(lit))) for lit in clause]),
                   name=f"clause {index}")
        for index, clause in enumerate(clauses, start=1)
    ]
    return FeatureModel(groups=groups, rules=rules, name="dimacs")


def from_dimacs(text):
    """A compiled model with ``evaluate(chosen_codes)`` and ``explain(chosen_codes, code)``."""
    with collector_paused():
        return CompiledModel(feature_model_from_dimacs(text))
