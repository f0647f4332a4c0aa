"""Changes merchandisers make in the dashboard: draft edits, checks, publishing and retiring versions.

Each function is one transaction; the views only call these.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_text_list

from configurator.dashboard.selectors import uses_of_options
from configurator.definition import build_definition
from configurator.engine import ModelError, check_model, compile_model, model_from_definition
from configurator.model_diff import definition_fingerprint
from configurator.models import ConfigurableProduct, FeatureGroup, FeatureOption
from configurator.services import DraftProblem, PublishError, drawing_problems, publish_model, replace_draft


class DraftEditRefused(Exception):
    """The edit would break the draft; the message says why and what to do first."""


def mark_draft_changed(configurable):
    """Record that the draft changed (the list page compares this with the current version's publish date)."""
    now = timezone.now()
    ConfigurableProduct.objects.filter(pk=configurable.pk).update(draft_updated_at=now)
    configurable.draft_updated_at = now


@transaction.atomic
def save_draft_item(*, configurable, form):
    """Save a valid form of a step, option, rule or price rule of the draft."""
    item = form.save()
    mark_draft_changed(configurable)
    return item


def deletion_refusal(*, configurable, item):
    """Why this step or option cannot be deleted (rules still name its options), or None."""
    if isinstance(item, FeatureGroup):
        codes = [option.code for option in item.options.all()]
        uses = uses_of_options(configurable, codes, except_group=item)
        what = f"Step “{item.name}” has options that are"
    elif isinstance(item, FeatureOption):
        uses = uses_of_options(configurable, [item.code])
        what = f"Option “{item.label}” ({item.code}) is"
    else:
        return None
    if not uses:
        return None
    them = "it" if len(uses) == 1 else "them"
    return f"{what} still used by {get_text_list(uses, 'and')}: change or delete {them} first."


@transaction.atomic
def delete_draft_item(*, configurable, item):
    """Delete a step (with its options), option, rule or price rule, unless the draft still needs it."""
    refusal = deletion_refusal(configurable=configurable, item=item)
    if refusal:
        raise DraftEditRefused(refusal)
    item.delete()
    mark_draft_changed(configurable)


def draft_problems(configurable):
    """The problems of the draft by name; a draft the engine cannot even read is one blocking problem."""
    return definition_problems(build_definition(configurable))


def definition_problems(definition):
    """The problems of the draft's definition (``build_definition``), as ``draft_problems`` names them."""
    try:
        return drawing_problems(definition) + check_model(compile_model(model_from_definition(definition)))
    except ModelError as error:
        return [DraftProblem("malformed", f"The draft cannot be checked: {error}")]


class DraftChangedMeanwhile(DraftEditRefused):
    """The draft is no longer the one the merchandiser confirmed (somebody edited it meanwhile)."""


@transaction.atomic
def publish_draft(*, configurable, user, confirmed_draft=None):
    """Publish the draft as the new current version; raises PublishError listing the blocking problems.

    ``confirmed_draft``: the fingerprint (``definition_fingerprint``) of the draft the merchandiser confirmed; when
    the draft is another one by now, DraftChangedMeanwhile is raised and nothing is published."""
    if confirmed_draft is not None and confirmed_draft != definition_fingerprint(build_definition(configurable)):
        raise DraftChangedMeanwhile("The draft changed since you looked at it: check the changes again, then "
                                    "confirm.")
    try:
        version = publish_model(configurable=configurable, user=user)
    except ModelError as error:
        raise PublishError([DraftProblem("malformed", f"The draft cannot be checked: {error}")]) from None
    return version


@transaction.atomic
def retire_version(*, version):
    """Retire a version: no new quotes use it. Returns whether it was the current one (the product then can't
    be configured until a version is published again)."""
    if version.retired_at is not None:
        raise DraftEditRefused(f"Version {version.number} was already retired on "
                               f"{timezone.localtime(version.retired_at):%d %b %Y}.")
    was_current = version.is_current
    version.retired_at = timezone.now()
    version.is_current = False
    version.save(update_fields=["retired_at", "is_current"])
    return was_current


def make_configurable(*, product):
    """Give a made-to-order product an empty feature model (the draft); the form checked the product."""
    try:
        with transaction.atomic():
            return ConfigurableProduct.objects.create(product=product)
    except IntegrityError:
        raise DraftEditRefused(f"“{product.title}” is already configurable: edit its feature model instead.") from None


@transaction.atomic
def save_product_settings(*, configurable, form):
    """Save a valid form of the product's settings (lead time, preview); they are part of the draft."""
    configurable = form.save()
    mark_draft_changed(configurable)
    return configurable


@transaction.atomic
def restore_version(*, configurable, version):
    """Replace the draft by a copy of a published version (its steps, options, rules, price rules, settings).

    A stored definition the store no longer accepts raises DefinitionError and changes nothing."""
    definition = type(version).objects.values_list("definition", flat=True).get(pk=version.pk)
    replace_draft(configurable=configurable, definition=definition)
    mark_draft_changed(configurable)
