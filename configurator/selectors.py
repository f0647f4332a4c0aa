"""Reads of the configurator: which products can be configured, their current published versions, and what a
saved quote builds."""

from decimal import Decimal

from configurator.compiled import compiled_model, shared_definition
from configurator.models import ModelVersion, SavedConfiguration


def current_version_for_slug(slug, *, shared=False):
    """The current published version of the public configurable product with this slug, or None.

    ``shared``: its definition is the one this process decoded before (``compiled.shared_definition``: one query the
    first time, none after), for the JSON API, which reads the definition on every request; read it, never change it.
    """
    versions = (
        ModelVersion.objects.filter(
            is_current=True, retired_at__isnull=True, configurable__product__slug=slug,
            configurable__product__is_public=True,
        )
        .select_related("configurable__product")
    )
    if not shared:
        return versions.first()
    version = versions.defer("definition").first()
    if version is not None:
        version.definition = shared_definition(version)
    return version


def saved_configuration(code):
    return (
        SavedConfiguration.objects.filter(code=code)
        .select_related("version__configurable__product")
        .first()
    )


def quote_selection(quote):
    """The engine's selection a saved quote builds: its options (with those its measurements pick) and texts."""
    measurements = {code: Decimal(value) for code, value in (quote.choices.get("measurements") or {}).items()}
    return compiled_model(quote.version).selection(sorted(set(quote.choices.get("options", ()))),
                                                   measurements=measurements, texts=quote.choices.get("texts"))
