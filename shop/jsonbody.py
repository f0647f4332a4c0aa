"""JSON request bodies, refused with a readable message rather than a crash further down.

``json.loads`` alone lets three kinds of body through to fail later with a 500: nesting deep enough to raise
RecursionError (``[`` × 5,000), strings holding half of a surrogate pair (``"\\ud800"`` parses, but can never
be encoded as UTF-8, so saving or printing it fails) and NUL characters (PostgreSQL refuses them in text and
JSON columns). ``parse_json`` refuses all three, and anything that is not JSON, with ``BadJSON``.

``JSONBodyForm`` is a Django form over such a body: each JSON endpoint declares the keys it reads, their types and
its other rules on a subclass, and ``shop.json_errors.form_error`` answers any error as the store's one 400.
"""

import json
import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.utils import ErrorDict

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
    if not request.body.strip():
        raise BadJSON("is empty: send a JSON object")
    value = parse_json(request.body, max_depth=max_depth)
    if not isinstance(value, dict):
        raise BadJSON("must be a JSON object")
    return value


# --- Forms over JSON bodies ------------------------------------------------------------------------------------------
# A JSON body keeps its types (a form's usual data are strings), so these fields refuse a value of the wrong type
# rather than converting it: 12 is not a name, "alu" is not a list.


class TextField(forms.CharField):
    """A JSON string (never a number or a list turned into text)."""

    default_error_messages = {"invalid": "must be text"}

    def to_python(self, value):
        if value is not None and not isinstance(value, str):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class TextListField(forms.Field):
    """A JSON array of strings; absent or null is an empty list."""

    default_error_messages = {"invalid": "must be a list of texts"}

    def to_python(self, value):
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class ObjectField(forms.Field):
    """A JSON object, passed on as it is (the form's own checks look inside); absent or null is None."""

    default_error_messages = {"invalid": "must be an object"}

    def to_python(self, value):
        if value is not None and not isinstance(value, dict):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class JSONBodyForm(forms.Form):
    """A form bound to the JSON object in a request's body: ``Form(request)``, then ``is_valid()`` as usual.

    - A body that is not a JSON object the store accepts (see ``parse_json``), or larger than ``max_body_bytes``,
      makes the form invalid with one error about the whole body (code ``invalid_json``); no field is looked at.
    - Keys the form does not declare are refused, each named (``ignore_unknown_keys`` lets them through unread).
    - ``add_error`` also takes a place in the body that is not one of the form's fields (an unknown key, an
      option code inside a list), so every error is reported where it is.
    - ``error_codes``: the ValidationError codes a client is answered as they are (``shop.json_errors.form_error``);
      any other error (a missing key, a wrong type) is answered as ``invalid_request``.
    """

    max_body_bytes = None
    ignore_unknown_keys = False
    error_codes = frozenset({"invalid_json"})

    def __init__(self, request, **kwargs):
        self.body_error = None
        try:
            data = self.read_body(request)
        except BadJSON as bad:
            data, self.body_error = {}, ValidationError(f"The body {bad}.", code="invalid_json")
        super().__init__(data=data, **kwargs)

    def read_body(self, request):
        if self.max_body_bytes is not None and len(request.body) > self.max_body_bytes:
            raise BadJSON(f"is too large: at most {self.max_body_bytes // 1024} KB")
        return parse_json_body(request)

    def full_clean(self):
        if self.body_error is None:
            return super().full_clean()
        self._errors, self.cleaned_data = ErrorDict(), {}
        self.add_error(None, self.body_error)

    def clean(self):
        if not self.ignore_unknown_keys:
            for key in sorted(set(self.data) - set(self.fields)):
                self.add_error(key, ValidationError("is not a field of this request", code="unknown_field"))
        return self.cleaned_data

    def add_error(self, field, error):
        if field not in (None, NON_FIELD_ERRORS) and field not in self.fields and field not in self._errors:
            self._errors[field] = self.error_class(renderer=self.renderer)
        super().add_error(field, error)
