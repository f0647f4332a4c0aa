"""Macros in the dashboard: canned replies with variables, kept by the support team."""

from django.contrib import messages
from django.urls import reverse_lazy
from django.views.generic import CreateView, DeleteView, ListView, UpdateView

from support.dashboard.forms import MacroForm
from support.macros import VARIABLES
from support.models import Macro


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
