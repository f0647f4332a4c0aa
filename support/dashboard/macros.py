"""Macros in the dashboard: canned replies with variables, kept by the support team, and used in a reply.

On the request screen "Insert" asks `MacroReplyView` for the chosen macro filled in for the request and puts it at
the cursor of the reply (static/js/support-macros.js), keeping what the agent typed; without JavaScript the same
form reloads the screen with the reply filled in (`RequestView`). Both show what `macro_reply` says.
"""

from django.contrib import messages
from django.http import JsonResponse
from django.urls import reverse_lazy
from django.views import View
from django.views.generic import CreateView, DeleteView, ListView, UpdateView

from shop.json_errors import INVALID_REQUEST, json_error
from shop.params import id_param
from support import services
from support.dashboard.forms import KEEP, MacroForm, StaffMessageForm
from support.macros import VARIABLES
from support.models import Macro, SupportRequest


def active_macro(macro_id):
    """The macro of this id an agent may use; None for no id, an unknown one or one switched off."""
    return Macro.objects.filter(pk=macro_id, is_active=True).first() if macro_id is not None else None


def macro_reply(support_request, macro, agent):
    """What using `macro` puts in the reply form: its text filled in for the request, the macro itself (its use is
    counted when the reply is sent), the status it sets (when the form offers it: else keep) and a notice for the
    agent that names the variables which had nothing to fill in."""
    filled = services.fill_macro(support_request, macro, agent)
    notice = f"Macro “{macro.name}” filled in: check it before sending."
    if filled.unfilled:
        names = ", ".join(f"{{{{ {name} }}}}" for name in filled.unfilled)
        notice += f" This request has nothing to fill in for {names}: rewrite what uses it."
    offered = dict(StaffMessageForm.base_fields["status_after"].choices)
    return {"macro": macro.pk, "name": macro.name, "text": filled.text, "notice": notice,
            "status_after": macro.set_status if macro.set_status in offered else KEEP}


class MacroReplyView(View):
    """GET ?macro=<id>: the macro filled in for this request, as JSON (see `macro_reply`). It saves nothing; bad
    input answers 4xx in the store's one JSON error shape."""

    def get(self, request, reference):
        support_request = (SupportRequest.objects.select_related("customer", "order", "line")
                           .filter(reference=reference).first())
        if support_request is None:
            return json_error(404, "not_found", f"No request has the reference {reference}.", field="reference")
        macro_id = id_param(request.GET.get("macro", ""))
        if macro_id is None:
            return json_error(400, INVALID_REQUEST, "Choose a macro from the list (by its number).", field="macro")
        macro = active_macro(macro_id)
        if macro is None:
            return json_error(404, "not_found", "No macro in use has this number: it may have been switched off or "
                                                "deleted. Reload the page for the current list.", field="macro")
        return JsonResponse(macro_reply(support_request, macro, request.user))


class MacroMixin:
    model = Macro
    success_url = reverse_lazy("dashboard:support-macro-list")

    def get_context_data(self, **kwargs):
        return super().get_context_data(macro_variables=VARIABLES, **kwargs)


class MacroListView(MacroMixin, ListView):
    template_name = "support/dashboard/macro_list.html"
    context_object_name = "macros"


class MacroCreateView(MacroMixin, CreateView):
    form_class = MacroForm
    template_name = "support/dashboard/macro_form.html"

    def form_valid(self, form):
        messages.success(self.request, f"Macro “{form.instance.name}” saved.")
        return super().form_valid(form)


class MacroUpdateView(MacroCreateView, UpdateView):
    pass


class MacroDeleteView(MacroMixin, DeleteView):
    template_name = "support/dashboard/macro_delete.html"
