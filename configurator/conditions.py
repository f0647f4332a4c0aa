"""Conditions as merchandisers type them: option codes combined with ``and``, ``or``, ``not`` and parentheses.

    parse_condition("carbon and not (rack or size_s)", known_codes)
        == {"all": ["carbon", {"not": {"any": ["rack", "size_s"]}}]}
    format_condition({"all": ["carbon", {"not": "rack"}]}) == "carbon and not rack"

``not`` binds tighter than ``and``, which binds tighter than ``or``. A chain of the same operator becomes one
``all``/``any`` list; parentheses are kept as nesting, so ``format_condition`` and ``parse_condition`` round-trip.
The JSON is the engine's condition form (see ``configurator.engine.model.as_condition``). No Django here.
"""

import difflib
import re

KEYWORDS = {"and", "or", "not"}
MAX_NESTING = 10  # parentheses and "not"s inside each other; real rules need two or three
TOKEN = re.compile(r"\s*(?:(?P<word>[A-Za-z0-9_-]+)|(?P<symbol>[()])|(?P<other>\S))")


class ConditionError(ValueError):
    """The text is not a condition; the message says where and why, in words a merchandiser understands."""


def _tokens(text):
    """(kind, value, position) triples; kind is "word", "keyword", "(" or ")"; positions count from 1."""
    tokens = []
    for match in TOKEN.finditer(text):
        position = match.start(match.lastgroup) + 1
        if match.lastgroup == "other":
            raise ConditionError(f"Unexpected “{match.group('other')}” at position {position}: use option codes, "
                                 "“and”, “or”, “not” and parentheses.")
        value = match.group(match.lastgroup)
        if match.lastgroup == "symbol":
            tokens.append((value, value, position))
        elif value.lower() in KEYWORDS:
            tokens.append(("keyword", value.lower(), position))
        else:
            tokens.append(("word", value, position))
    return tokens


class _Parser:
    def __init__(self, text):
        self.tokens = _tokens(text)
        self.index = 0
        self.codes = []  # every option code named, in order
        self.nesting = 0  # parentheses and "not"s open around the current token

    def nest(self, position):
        """Enter one more level of nesting; refused past MAX_NESTING, so parsing never recurses without bound."""
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise ConditionError(f"The condition is nested too deeply at position {position}: at most "
                                 f"{MAX_NESTING} levels of parentheses and “not” are allowed.")

    def peek(self):
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self):
        token = self.peek()
        self.index += 1
        return token

    def at_keyword(self, keyword):
        token = self.peek()
        return token is not None and token[0] == "keyword" and token[1] == keyword

    def parse(self):
        condition = self.any_of()
        token = self.peek()
        if token is not None:
            if token[0] == "word" or token[0] == "(" or token[1] == "not":
                raise ConditionError(f"Expected “and” or “or” before “{token[1]}” at position {token[2]}.")
            raise ConditionError(f"Unexpected “{token[1]}” at position {token[2]}.")
        return condition

    def any_of(self):
        parts = [self.all_of()]
        while self.at_keyword("or"):
            self.take()
            parts.append(self.all_of())
        return parts[0] if len(parts) == 1 else {"any": parts}

    def all_of(self):
        parts = [self.negation()]
        while self.at_keyword("and"):
            self.take()
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else {"all": parts}

    def negation(self):
        if self.at_keyword("not"):
            self.nest(self.take()[2])
            inner = self.negation()
            self.nesting -= 1
            return {"not": inner}
        return self.operand()

    def operand(self):
        previous = self.tokens[self.index - 1] if self.index else None
        token = self.take()
        if token is None:
            if previous is None:
                raise ConditionError("The condition is empty: write option codes, e.g. “carbon and not rack”.")
            raise ConditionError(f"The condition ends after “{previous[1]}”: an option code should follow.")
        kind, value, position = token
        if kind == "word":
            self.codes.append((value, position))
            return value
        if kind == "(":
            self.nest(position)
            inner = self.any_of()
            self.nesting -= 1
            closing = self.take()
            if closing is None:
                raise ConditionError(f"The “(” at position {position} is never closed: add a “)”.")
            if closing[0] != ")":
                raise ConditionError(f"Expected “and”, “or” or “)” before “{closing[1]}” at position {closing[2]}.")
            return inner
        if previous is None:
            raise ConditionError(f"Unexpected “{value}” at position {position}: start with an option code, "
                                 "“not” or “(”.")
        raise ConditionError(f"Unexpected “{value}” at position {position}: an option code should follow "
                             f"“{previous[1]}”.")


def parse_condition(text, known_codes=None):
    """The JSON condition written in ``text``; raises ConditionError.

    With ``known_codes`` every option code must be one of them (unknown ones are reported with the closest
    known code as a suggestion).
    """
    parser = _Parser(text or "")
    condition = parser.parse()
    if known_codes is not None:
        known = sorted(set(known_codes))
        problems = []
        for code, _position in parser.codes:
            if code in known_codes:
                continue
            message = f"Unknown option “{code}”"
            close = difflib.get_close_matches(code, known, n=1) or difflib.get_close_matches(
                code.lower(), [k.lower() for k in known], n=1)
            if close:
                suggestion = next(k for k in known if k.lower() == close[0].lower())
                message += f" (did you mean “{suggestion}”?)"
            if message not in problems:
                problems.append(message)
        if problems:
            raise ConditionError("; ".join(problems))
    return condition


def condition_codes(condition):
    """Every option code a JSON condition names (none for no condition)."""
    if condition is None:
        return set()
    if isinstance(condition, str):
        return {condition}
    if isinstance(condition, dict) and len(condition) == 1:
        (key, inner), = condition.items()
        if key == "not":
            return condition_codes(inner)
        if key in ("all", "any") and isinstance(inner, list):
            return set().union(*(condition_codes(part) for part in inner)) if inner else set()
    raise ValueError(f"Not a condition: {condition!r}")


def format_condition(condition, labels=None):
    """The text of a JSON condition (what ``parse_condition`` reads back).

    With ``labels`` (code -> label) codes are shown by their labels: readable, but no longer parseable.
    """
    if condition is None:
        return ""
    return _format(_simplified(condition), labels or {})


def _simplified(condition):
    """The same condition with one-part ``all``/``any`` lists replaced by their part."""
    if isinstance(condition, dict) and len(condition) == 1:
        (key, inner), = condition.items()
        if key == "not":
            return {"not": _simplified(inner)}
        if key in ("all", "any") and isinstance(inner, list):
            parts = [_simplified(part) for part in inner]
            return parts[0] if len(parts) == 1 else {key: parts}
    return condition


def _format(condition, labels):
    if isinstance(condition, str):
        return labels.get(condition, condition)
    if isinstance(condition, dict) and len(condition) == 1:
        (key, inner), = condition.items()
        if key == "not":
            return "not " + _wrapped(inner, labels, ("all", "any"))
        if key in ("all", "any") and isinstance(inner, list) and inner:
            # a nested list of the same kind keeps its parentheses so the text parses back to the same JSON
            wrap = ("all", "any") if key == "all" else ("any",)
            return f" {'and' if key == 'all' else 'or'} ".join(_wrapped(part, labels, wrap) for part in inner)
    raise ValueError(f"Not a condition: {condition!r}")


def _wrapped(condition, labels, wrap_kinds):
    text = _format(condition, labels)
    return f"({text})" if isinstance(condition, dict) and next(iter(condition)) in wrap_kinds else text
