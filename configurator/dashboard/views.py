"""Dashboard pages where merchandisers edit feature models. Thin: reads come from selectors, changes from services.

Every page needs staff status and the model permissions of what it shows or changes (``permissions_map`` in
apps.py, checked by Oscar before the view runs); anonymous visitors are sent to the login page, signed-in users
without the permissions get 403.
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import DeleteView, TemplateView
from django.views.generic.edit import CreateView, UpdateView

from configurator.dashboard.forms import (
    GroupForm,
    MakeConfigurableForm,
    OptionForm,
    PriceRuleForm,
    ProductSettingsForm,
    RuleForm,
)
from configurator.dashboard.permissions import MAKE_CONFIGURABLE, RESTORE_VERSION
from configurator.dashboard.selectors import (
    configurable_products_overview,
    describe_price_change,
    describe_rule,
    draft_options,
    feature_model_for_editing,
    option_labels,
)
from configurator.dashboard.services import (
    DraftEditRefused,
    definition_problems,
    delete_draft_item,
    deletion_refusal,
    make_configurable,
    restore_version,
    save_draft_item,
    save_product_settings,
)
from configurator.definition import DefinitionError, build_definition
from configurator.model_diff import diff_definitions, readable_condition
from configurator.models import (
    ConfigurableProduct,
    FeatureGroup,
    FeatureOption,
    FeatureRule,
    GroupKind,
    ModelVersion,
    PriceRule,
)


class ProductListView(TemplateView):
    template_name = "configurator/dashboard/product_list.html"

    def get_context_data(self, **kwargs):
        make_form = None
        if self.request.user.has_perms(MAKE_CONFIGURABLE):
            make_form = MakeConfigurableForm()
        return super().get_context_data(products=list(configurable_products_overview()), make_form=make_form,
                                        **kwargs)


class MakeConfigurableView(View):
    """Give a public made-to-order product an empty feature model, then open it."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = MakeConfigurableForm(request.POST, candidates=())
        if not form.is_valid():
            for error in form.errors.get("product", ()):
                messages.error(request, f"Not made configurable: {error}")
            return HttpResponseRedirect(reverse("dashboard:feature-model-list"))
        product = form.cleaned_data["product"]
        try:
            configurable = make_configurable(product=product)
        except DraftEditRefused as refusal:
            messages.error(request, f"Not made configurable: {refusal}")
            return HttpResponseRedirect(reverse("dashboard:feature-model-list"))
        messages.success(request, f"“{product.title}” is configurable now: add its steps and options, then publish "
                                  "the draft.")
        return HttpResponseRedirect(product_model_url(configurable))


class ProductModelView(TemplateView):
    """The draft of one product (steps, options, rules, price rules), its problems and its versions."""

    template_name = "configurator/dashboard/product_model.html"

    def get_context_data(self, **kwargs):
        configurable = feature_model_for_editing(self.kwargs["pk"])
        if configurable is None:
            raise Http404("No configurable product has this id.")
        groups = list(configurable.groups.all())
        labels = option_labels(option for group in groups for option in group.options.all())
        definition = build_definition(configurable)
        problems = definition_problems(definition)
        versions = list(configurable.versions.all())
        current = next((v for v in versions if v.is_current and v.retired_at is None), None)
        draft_changed = current is not None and configurable.draft_updated_at > current.published_at
        return super().get_context_data(
            configurable=configurable,
            groups=[(group, readable_condition(group.visible_when, labels) if group.visible_when else "")
                    for group in groups],
            rules=[(rule, describe_rule(rule, labels)) for rule in configurable.rules.all()],
            price_rules=[(rule, readable_condition(rule.when, labels), describe_price_change(rule))
                         for rule in configurable.price_rules.all()],
            errors=[p for p in problems if p.blocks_publishing],
            warnings=[p for p in problems if not p.blocks_publishing],
            problem_codes={code for p in problems if p.blocks_publishing for code in p.codes},
            versions=versions,
            current_version=current,
            draft_changed=draft_changed,
            # what publishing would change for shoppers (the current version's definition: one query)
            changes=diff_definitions(current.definition, definition) if draft_changed else None,
            next_number=versions[0].number + 1 if versions else 1,
            may_restore=self.request.user.has_perms(RESTORE_VERSION),
            **kwargs,
        )


def product_model_url(configurable, anchor=""):
    url = reverse("dashboard:feature-model-detail", kwargs={"pk": configurable.pk})
    return f"{url}#{anchor}" if anchor else url


class ConfigurableMixin:
    """Views below one configurable product (``pk`` in the URL); its draft items are looked up within it."""

    def dispatch(self, request, *args, **kwargs):
        # runs after the permission check, which Oscar wraps around every URL of the app
        self.configurable = get_object_or_404(ConfigurableProduct.objects.select_related("product"), pk=kwargs["pk"])
        return self.before_handling(request, *args, **kwargs) or super().dispatch(request, *args, **kwargs)

    def before_handling(self, request, *args, **kwargs):
        """Load more from the URL; a response returned here is sent instead of handling the request."""
        return None


class RestoreVersionView(ConfigurableMixin, View):
    """Replace the draft by a copy of a published version: it deletes and recreates every draft item."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        version = get_object_or_404(ModelVersion.objects.defer("definition"), pk=kwargs["version_pk"],
                                    configurable=self.configurable)
        try:
            restore_version(configurable=self.configurable, version=version)
        except DefinitionError as error:
            messages.error(request, f"Version {version.number} cannot be restored, the draft is unchanged. {error}")
            return HttpResponseRedirect(product_model_url(self.configurable, "versions"))
        messages.success(request, f"The draft is now a copy of version {version.number}: publish it to offer it "
                                  "again.")
        return HttpResponseRedirect(product_model_url(self.configurable, "status"))


class ProductSettingsView(ConfigurableMixin, UpdateView):
    """The product's base lead time and preview canvas, part of the draft like its steps."""

    model = ConfigurableProduct
    form_class = ProductSettingsForm
    template_name = "configurator/dashboard/item_form.html"

    def get_object(self, queryset=None):
        return self.configurable

    def get_context_data(self, **kwargs):
        return super().get_context_data(configurable=self.configurable, noun="settings",
                                        title="Product settings",
                                        cancel_url=product_model_url(self.configurable, "settings"), **kwargs)

    def form_valid(self, form):
        self.object = save_product_settings(configurable=self.configurable, form=form)
        messages.success(self.request, f"Saved the settings of {self.configurable}.")
        return HttpResponseRedirect(product_model_url(self.configurable, "settings"))


# --- Draft items: steps, options, rules, price rules ---------------------------------------------------------------


class DraftItemMixin(ConfigurableMixin):
    """Create/update/delete of one kind of draft item; ``noun`` names it in titles and messages."""

    template_name = "configurator/dashboard/item_form.html"
    noun = ""
    anchor = ""
    condition_fields = False  # show the option codes the conditions may use

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["configurable"] = self.configurable
        if self.condition_fields:
            kwargs["known_codes"] = [option.code for option in self.all_draft_options]
        return kwargs

    @cached_property
    def all_draft_options(self):
        return draft_options(self.configurable)

    def item_name(self, item):
        return str(item)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(configurable=self.configurable, noun=self.noun, title=self.get_title(),
                                           cancel_url=product_model_url(self.configurable, self.anchor), **kwargs)
        if self.condition_fields:
            context["condition_options"] = self.all_draft_options
        return context

    def get_success_url(self):
        return product_model_url(self.configurable, self.anchor)

    def form_valid(self, form):
        self.object = save_draft_item(configurable=self.configurable, form=form)
        messages.success(self.request, f"Saved {self.noun} “{self.item_name(self.object)}”.")
        return HttpResponseRedirect(self.get_success_url())


class DraftItemCreateView(DraftItemMixin, CreateView):
    def new_item(self):
        return self.model(configurable=self.configurable)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.new_item()}

    def get_title(self):
        return f"Add {self.noun}"


class DraftItemUpdateView(DraftItemMixin, UpdateView):
    def get_object(self, queryset=None):
        item = super().get_object(queryset)
        self.saved_name = self.item_name(item)  # the form edits the instance in place: keep the name it had
        return item

    def get_title(self):
        return f"Edit {self.noun} “{self.saved_name}”"


class DraftItemDeleteView(DraftItemMixin, DeleteView):
    template_name = "configurator/dashboard/item_delete.html"

    def get_form_class(self):
        return forms.Form  # a bare confirmation

    def get_form_kwargs(self):
        return DeleteView.get_form_kwargs(self)

    def get_title(self):
        return f"Delete {self.noun} “{self.item_name(self.object)}”?"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            refusal=deletion_refusal(configurable=self.configurable, item=self.object), **kwargs)

    def form_valid(self, form):
        name = self.item_name(self.object)
        try:
            delete_draft_item(configurable=self.configurable, item=self.object)
        except DraftEditRefused as refusal:
            messages.error(self.request, str(refusal))
            return HttpResponseRedirect(self.get_success_url())
        messages.success(self.request, f"Deleted {self.noun} “{name}”.")
        return HttpResponseRedirect(self.get_success_url())


class GroupMixin:
    model = FeatureGroup
    form_class = GroupForm
    pk_url_kwarg = "group_pk"
    noun = "step"
    anchor = "steps"
    condition_fields = True

    def get_queryset(self):
        return self.configurable.groups.all()

    def get_success_url(self):
        return product_model_url(self.configurable, f"step-{self.object.pk}" if self.object.pk else "steps")


class GroupCreateView(GroupMixin, DraftItemCreateView):
    pass


class GroupUpdateView(GroupMixin, DraftItemUpdateView):
    pass


class GroupDeleteView(GroupMixin, DraftItemDeleteView):
    def get_success_url(self):
        return product_model_url(self.configurable, "steps")


class OptionMixin:
    model = FeatureOption
    form_class = OptionForm
    pk_url_kwarg = "option_pk"
    noun = "option"

    def get_queryset(self):
        return FeatureOption.objects.filter(group__configurable=self.configurable).select_related("group")

    def get_success_url(self):
        return product_model_url(self.configurable, f"step-{self.object.group_id}")

    def get_context_data(self, **kwargs):
        group = self.object.group if getattr(self, "object", None) else self.group
        return super().get_context_data(group=group, **kwargs)


class OptionCreateView(OptionMixin, DraftItemCreateView):
    def before_handling(self, request, *args, **kwargs):
        self.group = get_object_or_404(self.configurable.groups.all(), pk=kwargs["group_pk"])
        if self.group.kind == GroupKind.TEXT:
            messages.error(request, f"Step “{self.group.name}” asks for free text: it has no options.")
            return HttpResponseRedirect(product_model_url(self.configurable, f"step-{self.group.pk}"))
        return None

    def new_item(self):
        return FeatureOption(group=self.group)

    def get_title(self):
        return f"Add option to step “{self.group.name}”"


class OptionUpdateView(OptionMixin, DraftItemUpdateView):
    pass


class OptionDeleteView(OptionMixin, DraftItemDeleteView):
    pass


class RuleMixin:
    model = FeatureRule
    form_class = RuleForm
    pk_url_kwarg = "rule_pk"
    noun = "rule"
    anchor = "rules"
    condition_fields = True

    def get_queryset(self):
        return self.configurable.rules.all()


class RuleCreateView(RuleMixin, DraftItemCreateView):
    pass


class RuleUpdateView(RuleMixin, DraftItemUpdateView):
    pass


class RuleDeleteView(RuleMixin, DraftItemDeleteView):
    pass


class PriceRuleMixin:
    model = PriceRule
    form_class = PriceRuleForm
    pk_url_kwarg = "price_rule_pk"
    noun = "price rule"
    anchor = "price-rules"
    condition_fields = True

    def get_queryset(self):
        return self.configurable.price_rules.all()


class PriceRuleCreateView(PriceRuleMixin, DraftItemCreateView):
    pass


class PriceRuleUpdateView(PriceRuleMixin, DraftItemUpdateView):
    pass


class PriceRuleDeleteView(PriceRuleMixin, DraftItemDeleteView):
    pass
