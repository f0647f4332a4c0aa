"""JSON request bodies, refused with a readable message rather than a crash further down.

``json.loads`` alone lets three kinds of body through to fail later with a 500: nesting deep enough to raise
RecursionError (``[`` × 5,000), strings holding half of a surrogate pair (``"\\ud800"`` parses, but can never
be encoded as UTF-8, so saving or printing it fails) and NUL characters (PostgreSQL refuses them in text and
JSON columns). ``parse_json`` refuses all three, and anything that is not JSON, with ``BadJSON``.
"""

import json
import re

MAX_DEPTH = 32  # arrays and objects inside each other; the store's own bodies need fewer than 10

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")
_UNENCODABLE = re.compile("[\x00\ud800-\udfff]")


class BadJSON(ValueError):
    """The body is not JSON the store accepts; the message says why, for the person who sent it."""


def _check_depth(raw, max_depth):
    """Refuse nesting deeper than ``max_depth`` before parsing, so the parser never recurses that far."""
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub(b"", raw)):
        depth += 1 if bracket in b"[{" else -1
        if depth > max_depth:
            raise BadJSON(f"is nested too deeply: at most {max_depth} levels of arrays and objects are allowed")


def _check_strings(value):
    """Refuse strings (values and keys) with a NUL or a lone surrogate; walks without recursion."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            found = _UNENCODABLE.search(item)
            if found:
                what = "a NUL character" if found.group() == "\x00" else \
                    f"\\u{ord(found.group()):04x}, half of a surrogate pair, which is not a character"
                raise BadJSON(f"contains {what}")


def parse_json(raw, *, max_depth=MAX_DEPTH):
    """The value encoded in ``raw`` (bytes or str), or BadJSON saying what is wrong with it."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    _check_depth(raw, max_depth)
    try:
        value = json.loads(raw)
    except UnicodeDecodeError:
        raise BadJSON("is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise BadJSON(f"is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None
    except (ValueError, RecursionError):
        raise BadJSON("is not valid JSON") from None
    _check_strings(value)
    return value


def parse_json_body(request, *, max_depth=MAX_DEPTH):
    """The JSON object in a request's body, or BadJSON (also for a body that is JSON but not an object)."""
    value = parse_json(request.body, max_depth=max_depth)
    if not isinstance(value, dict):
        raise BadJSON("must be a JSON object")
    return value
