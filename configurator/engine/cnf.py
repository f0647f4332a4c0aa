"""Compiles a feature model to propositional clauses, with small named encodings that read like the rules.

Every active option gets a literal; a required single-choice group of exactly two options (a yes/no
feature, such as every DIMACS variable) shares one variable: the second option is the negation of the
first. Conditions get Tseitin literals (l <-> condition). With ``guarded=True`` every rule's clauses
carry a selector literal, so unsatisfiable cores can name the rules that contradict each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pysat.card import CardEnc, EncType

from .model import All, Any, Constraint, Excludes, Not, Opt, Requires

PAIRWISE_LIMIT = 6  # at-most-one over up to this many literals uses plain pairwise clauses


@dataclass
class Cnf:
    top: int = 0
    clauses: list = field(default_factory=list)
    literal_of: dict = field(default_factory=dict)  # option code -> literal
    selectors: dict = field(default_factory=dict)  # selector variable -> rule or group name
    _tseitin: dict = field(default_factory=dict)
    _false: int = 0

    def new_var(self):
        self.top += 1
        return self.top

    def add(self, clause, guard=None):
        self.clauses.append(list(clause) + ([-guard] if guard else []))

    def false(self):
        if not self._false:
            self._false = self.new_var()
            self.add([-self._false])
        return self._false

    # --- cardinality ------------------------------------------------------------------------
    def at_most(self, lits, k, guard=None):
        if k >= len(lits):
            return
        if k == 0:
            for lit in lits:
                self.add([-lit], guard)
        elif k == 1 and len(lits) <= PAIRWISE_LIMIT:
            for i, a in enumerate(lits):
                for b in lits[i + 1:]:
                    self.add([-a, -b], guard)
        else:
            self._card(CardEnc.atmost(lits, k, top_id=self.top, encoding=EncType.seqcounter), guard)

    def at_least(self, lits, k, guard=None):
        if k <= 0:
            return
        if k == 1:
            self.add(lits, guard)
        elif k > len(lits):
            self.add([], guard)
        else:
            self._card(CardEnc.atleast(lits, k, top_id=self.top, encoding=EncType.seqcounter), guard)

    def _card(self, encoding, guard):
        self.top = max(self.top, encoding.nv)
        for clause in encoding.clauses:
            self.add(clause, guard)

    # --- conditions -------------------------------------------------------------------------
    def literal(self, condition):
        """A literal equivalent to the condition."""
        if isinstance(condition, Opt):
            return self.literal_of.get(condition.code) or self.false()  # an inactive option never holds
        if isinstance(condition, Not):
            return -self.literal(condition.part)
        if condition in self._tseitin:
            return self._tseitin[condition]
        parts = [self.literal(p) for p in condition.parts]
        var = self.new_var()
        if isinstance(condition, All):  # var <-> p1 and p2 ...
            for p in parts:
                self.add([-var, p])
            self.add([var] + [-p for p in parts])
        else:  # var <-> p1 or p2 ...
            self.add([-var] + parts)
            for p in parts:
                self.add([-p, var])
        self._tseitin[condition] = var
        return var

    def conjunction(self, condition):
        """Literals whose conjunction is the condition (flattening nested and/not-or)."""
        if isinstance(condition, All):
            return [lit for part in condition.parts for lit in self.conjunction(part)]
        if isinstance(condition, Not) and isinstance(condition.part, Any):
            return [-lit for part in condition.part.parts for lit in self.disjunction(part)]
        return [self.literal(condition)]

    def disjunction(self, condition):
        """Literals whose disjunction is the condition (flattening nested or/not-and)."""
        if type(condition) is Opt:  # the common case, first
            return [self.literal_of.get(condition.code) or self.false()]
        if isinstance(condition, Any):
            literal_of = self.literal_of
            return [lit for part in condition.parts  # options read directly: a DIMACS clause is one such "or"
                    for lit in ([literal_of.get(part.code) or self.false()] if type(part) is Opt
                                else self.disjunction(part))]
        if isinstance(condition, Not) and isinstance(condition.part, All):
            return [-lit for part in condition.part.parts for lit in self.conjunction(part)]
        return [self.literal(condition)]

    # --- rules ------------------------------------------------------------------------------
    def implies(self, if_, then, guard=None):
        self.add([-lit for lit in self.conjunction(if_)] + self.disjunction(then), guard)

    def never_together(self, parts, guard=None):
        self.add([-lit for part in parts for lit in self.conjunction(part)], guard)

    def always(self, condition, guard=None):
        self.add(self.disjunction(condition), guard)

    def selector(self, name, guarded):
        if not guarded:
            return None
        var = self.new_var()
        self.selectors[var] = name
        return var


def is_yes_no(group):
    options = group.active_options
    return (group.kind != "text" and group.required and group.visible_when is None and group.min_choices <= 1
            and group.max_choices == 1 and len(options) == 2 and len(group.options) == 2)


def compile_cnf(model, guarded=False):
    cnf = Cnf()
    # Option literals first, in model order, so the guarded and plain compilations agree on them.
    for group in model.groups:
        if is_yes_no(group):
            yes, no = group.options
            cnf.literal_of[yes.code] = var = cnf.new_var()
            cnf.literal_of[no.code] = -var
        else:
            for option in group.active_options:
                cnf.literal_of[option.code] = cnf.new_var()
    for group in model.groups:
        if not is_yes_no(group):
            encode_group(cnf, group, cnf.selector(f"visibility of {group.label}", guarded))
    for rule in model.rules:
        guard = cnf.selector(rule.name, guarded)
        if isinstance(rule, Requires):
            cnf.implies(rule.if_, rule.then, guard)
        elif isinstance(rule, Excludes):
            cnf.never_together(rule.parts, guard)
        elif isinstance(rule, Constraint):
            cnf.always(rule.condition, guard)
        else:
            raise TypeError(f"Unknown rule {rule!r}")
    return cnf


def encode_group(cnf, group, guard):
    lits = [cnf.literal_of[o.code] for o in group.active_options]
    if not lits:
        return
    visible = cnf.literal(group.visible_when) if group.visible_when is not None else None
    if visible is not None:
        for lit in lits:  # a hidden group has no choices
            cnf.add([-lit, visible], guard)
    single = group.kind == "measurement"
    cnf.at_most(lits, 1 if single else group.max_choices)
    at_least = 1 if single else max(group.min_choices, 1)
    if group.required:
        if visible is None:
            cnf.at_least(lits, at_least, guard)
        else:
            # visible -> at least k: guard the encoding with the visibility literal (and the selector).
            gate = cnf.new_var()
            cnf.add([-gate, visible])
            cnf.add([gate, -visible] + ([-guard] if guard else []))
            cnf.at_least(lits, at_least, gate)
    elif at_least > 1:
        chosen_any = cnf.literal(Any(*[Opt(o.code) for o in group.active_options]))
        cnf.at_least(lits, at_least, chosen_any)
