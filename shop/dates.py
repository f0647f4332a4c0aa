"""The site's one long date, "Thursday 3 December 2026": pages, e-mails, spec PDFs and support macros all print it
through `long_date` (a built-in template filter, so templates need no `{% load %}`)."""

from django import template
from django.utils.formats import date_format

LONG_DATE_FORMAT = "l j F Y"

register = template.Library()


@register.filter
def long_date(day):
    """Thursday 3 December 2026 (in the active language); empty for no date."""
    return date_format(day, LONG_DATE_FORMAT) if day else ""
