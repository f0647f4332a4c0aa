"""Rows as plain records for an export: the named fields of each object, read with ``getattr`` (dotted paths
follow relations), and the queryset helpers every area's privacy module uses."""

from django.db.models import Q


def record(obj, fields):
    """{label: value} of ``fields`` ("label" or ("label", "dotted.path")) of one object; a callable at the end
of a path (``product.get_title``) is called."""
    row = {}
    for spec in fields:
        label, path = (spec, spec) if isinstance(spec, str) else spec
        value = obj
        for part in path.split("."):  # attributes of objects, keys of JSON fields
            value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
            if value is None:
                break
        if callable(value) and not hasattr(value, "all"):
            value = value()
        if hasattr(value, "all") and callable(value.all):
            value = [str(item) for item in value.all()]
        elif value is not None and not isinstance(value, (str, int, float, bool, dict, list)) and \
                not hasattr(value, "isoformat") and type(value).__name__ != "Decimal":
            value = str(value)
        row[label] = value
    return row


def records(queryset, fields):
    return [record(obj, fields) for obj in queryset]


def owned(subject, *, user_field="user", email_field=None):
    """The Q of rows that are the subject's: theirs by account, or (for guests' rows) by one of their e-mails."""
    query = Q(**{user_field: subject.user}) if subject.user is not None else Q(pk__in=[])
    if email_field:
        for email in subject.emails:
            query |= Q(**{f"{email_field}__iexact": email})
    return query


ERASED = "[erased]"


def blank_texts(choices):
    """A configuration's choices with every free text (a monogram, an engraving) erased."""
    if not isinstance(choices, dict) or not choices.get("texts"):
        return choices
    return {**choices, "texts": {key: ERASED for key in choices["texts"]}}
