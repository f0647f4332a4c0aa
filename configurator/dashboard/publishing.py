"""Publishing the draft and retiring a version: each is a page saying what will happen (GET), then the change (a
POST from that page's button, which carries ``confirm=yes``). A POST without it changes nothing and leads to the
page, so no stray form or replayed request publishes or retires anything unseen.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from configurator.dashboard.selectors import current_version_of, next_version_number, version_reach
from configurator.dashboard.services import (
    DraftChangedMeanwhile,
    DraftEditRefused,
    definition_problems,
    publish_draft,
    retire_version,
)
from configurator.dashboard.views import ConfigurableMixin, product_model_url
from configurator.definition import build_definition
from configurator.model_diff import definition_fingerprint, diff_definitions
from configurator.models import ModelVersion
from configurator.services import PublishError

CONFIRMED = "yes"  # the value of the ``confirm`` field of the confirmation pages' buttons


def confirmed(request):
    return request.POST.get("confirm") == CONFIRMED


class PublishView(ConfigurableMixin, TemplateView):
    """What publishing the draft changes for shoppers (the diff against the current version, the quotes it
    touches, the draft's problems), then publishing it."""

    template_name = "configurator/dashboard/publish_confirm.html"

    def get_context_data(self, **kwargs):
        configurable = self.configurable
        definition = build_definition(configurable)
        problems = definition_problems(definition)
        current = current_version_of(configurable)
        return super().get_context_data(
            configurable=configurable,
            number=next_version_number(configurable),
            current_version=current,
            changes=diff_definitions(current.definition, definition) if current else None,
            reach=version_reach(current) if current else None,
            errors=[p for p in problems if p.blocks_publishing],
            warnings=[p for p in problems if not p.blocks_publishing],
            fingerprint=definition_fingerprint(definition),
            cancel_url=product_model_url(configurable, "status"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        configurable = self.configurable
        here = reverse("dashboard:feature-model-publish", kwargs={"pk": configurable.pk})
        if not confirmed(request):
            messages.info(request, "Nothing was published yet: check what publishing changes, then confirm.")
            return HttpResponseRedirect(here)
        try:
            version = publish_draft(configurable=configurable, user=request.user,
                                    confirmed_draft=request.POST.get("draft") or None)
        except DraftChangedMeanwhile as refusal:
            messages.warning(request, str(refusal))
            return HttpResponseRedirect(here)
        except PublishError as error:
            messages.error(request, f"Not published: the draft of {configurable} has "
                                    f"{len(error.problems)} problem{'s' if len(error.problems) != 1 else ''} "
                                    "to fix first.")
            for problem in error.problems:
                messages.error(request, problem.message)
            return HttpResponseRedirect(product_model_url(configurable, "status"))
        messages.success(request, f"Published version {version.number} of {configurable}: shoppers configure "
                                  "it from now on.")
        return HttpResponseRedirect(product_model_url(configurable, "versions"))


class RetireVersionView(ConfigurableMixin, TemplateView):
    """What retiring a version means (whether the product can still be configured, the quotes and basket lines
    that refer to it), then retiring it."""

    template_name = "configurator/dashboard/retire_confirm.html"

    def before_handling(self, request, *args, **kwargs):
        self.version = get_object_or_404(ModelVersion.objects.defer("definition"), pk=kwargs["version_pk"],
                                         configurable=self.configurable)

    def get_context_data(self, **kwargs):
        version = self.version
        current = None if version.is_current else current_version_of(self.configurable)
        return super().get_context_data(
            configurable=self.configurable,
            version=version,
            is_current=version.is_current and version.retired_at is None,
            current_version=current,
            reach=version_reach(version) if version.retired_at is None else None,
            cancel_url=product_model_url(self.configurable, "versions"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        version = self.version
        if not confirmed(request):
            messages.info(request, f"Version {version.number} was not retired: check what retiring it means, "
                                   "then confirm.")
            return HttpResponseRedirect(reverse("dashboard:feature-model-version-retire",
                                                kwargs={"pk": self.configurable.pk, "version_pk": version.pk}))
        try:
            was_current = retire_version(version=version)
        except DraftEditRefused as refusal:
            messages.info(request, str(refusal))
        else:
            if was_current:
                messages.warning(request, f"Retired version {version.number}. It was the current version: "
                                          f"{self.configurable} can no longer be configured until you publish "
                                          "again.")
            else:
                messages.success(request, f"Retired version {version.number}.")
        return HttpResponseRedirect(product_model_url(self.configurable, "versions"))
