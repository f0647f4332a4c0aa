"""The draft in the shopper's real configurator page, before it is published: the page shoppers get
(templates/configurator/configure.html, its state from ``configurator.presenter.configuration_state``), for a
definition built from the draft on the fly.

The draft is never saved as a version: it is an unsaved ``ModelVersion``, which ``compiled_model`` compiles
without caching (a version without a primary key has no identity), so a preview never touches what the cache
holds for published versions. The page is a plain GET form: choosing re-evaluates as the shopper's plain form
does, and nothing can be saved or put in a basket from it.
"""

from django.shortcuts import render
from django.views import View

from configurator.dashboard.selectors import next_version_number
from configurator.dashboard.services import definition_problems
from configurator.dashboard.views import ConfigurableMixin, product_model_url
from configurator.definition import build_definition
from configurator.engine import SelectionError
from configurator.models import ModelVersion
from configurator.presenter import configuration_state
from configurator.shoppers import Shopper, upcoming_options
from configurator.views import default_options, selection_from_form, without_field


def draft_version(configurable, definition, number):
    """The draft as an unsaved version (never to be saved): what the presenter and the engine read."""
    return ModelVersion(configurable=configurable, number=number, definition=definition)


def preview_state(version, data, shopper):
    """(state, error) of the selection in ``data`` (the plain form's fields), as the shopper's page computes it: the
    default options when nothing is chosen; on bad input, the page without the offending field and its message."""
    options, measurements, texts = selection_from_form(data, version.definition)
    if not (options or measurements or texts):
        options = default_options(version.definition, excluding=upcoming_options(version.definition))
    try:
        return configuration_state(version, options, measurements, texts, shopper=shopper), None
    except SelectionError as error:
        try:
            return configuration_state(version, *without_field(error.field, options, measurements, texts),
                                       shopper=shopper), error
        except SelectionError:
            return configuration_state(version, shopper=shopper), error


class DraftPreviewView(ConfigurableMixin, View):
    """Staff with the permissions to see the feature model try its draft as a shopper without early access does."""

    http_method_names = ["get"]  # nothing is saved, quoted or put in a basket from a draft
    template_name = "configurator/dashboard/preview.html"

    def get(self, request, *args, **kwargs):
        configurable = self.configurable
        definition = build_definition(configurable)
        errors = [problem for problem in definition_problems(definition) if problem.blocks_publishing]
        context = {"configurable": configurable, "product": configurable.product,
                   "back_url": product_model_url(configurable, "status")}
        if errors:
            return render(request, "configurator/dashboard/preview_problems.html", {**context, "errors": errors})
        version = draft_version(configurable, definition, next_version_number(configurable))
        state, error = preview_state(version, request.GET, Shopper())
        return render(request, self.template_name, {
            **context, "version": version, "state": state, "error": error, "quote": None, "notice": None,
            "handoff": None, "previous": "", "undo_url": None,
        }, status=400 if error else 200)
