"""Reads of the configurator: which products can be configured, and their current published versions."""

from configurator.models import ModelVersion, SavedConfiguration


def current_version_for_slug(slug):
    """The current published version of the public configurable product with this slug, or None."""
    return (
        ModelVersion.objects.filter(
            is_current=True, retired_at__isnull=True, configurable__product__slug=slug,
            configurable__product__is_public=True,
        )
        .select_related("configurable__product")
        .first()
    )


def saved_configuration(code):
    return (
        SavedConfiguration.objects.filter(code=code)
        .select_related("version__configurable__product")
        .first()
    )
