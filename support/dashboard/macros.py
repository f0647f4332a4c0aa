"""Macros in the dashboard: canned replies with variables, kept by the support team."""

from django.contrib import messages
from django.urls import reverse_lazy
from django.views.generic import CreateView, DeleteView, ListView, UpdateView

from shop.staff import StaffPermissionRequiredMixin
from support.access import VIEW_REQUESTS
from support.dashboard.forms import MacroForm
from support.macros import VARIABLES
from support.models import Macro


class MacroMixin(StaffPermissionRequiredMixin):
    model = Macro
    success_url = reverse_lazy("support-dashboard:macro-list")

    def get_context_data(self, **kwargs):
        return super().get_context_data(macro_variables=VARIABLES, **kwargs)


class MacroListView(MacroMixin, ListView):
    permission_required = (VIEW_REQUESTS, "support.view_macro")
    template_name = "support/dashboard/macro_list.html"
    context_object_name = "macros"


class MacroCreateView(MacroMixin, CreateView):
    permission_required = (VIEW_REQUESTS, "support.add_macro")
    form_class = MacroForm
    template_name = "support/dashboard/macro_form.html"

    def form_valid(self, form):
        messages.success(self.request, f"Macro “{form.instance.name}” saved.")
        return super().form_valid(form)


class MacroUpdateView(MacroCreateView, UpdateView):
    permission_required = (VIEW_REQUESTS, "support.change_macro")


class MacroDeleteView(MacroMixin, DeleteView):
    permission_required = (VIEW_REQUESTS, "support.delete_macro")
    template_name = "support/dashboard/macro_delete.html"
