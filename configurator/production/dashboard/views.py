"""Production in the staff dashboard: the queue, a work order's page and documents, pick lists, the workshop.

Mounted at shop/dashboard/production/ by the production dashboard app (apps.py), whose permissions_map Oscar
checks before any of these views runs.
"""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import ListView, TemplateView

from configurator.models import ConfigurableProduct
from configurator.production import documents
from configurator.production.carriers import CARRIER_CHOICES
from configurator.production.dashboard.permissions import MOVE_WORK_ORDERS
from configurator.production.models import STATUS_TRANSITIONS, NonWorkingDay, Status, WorkOrder, Workstation
from configurator.production.planning import current_workshop
from configurator.production.selectors import pick_list_for, production_queue, remakes_by_cause
from configurator.production.services import LABELS, move_work_orders
from shop.loyalty.selectors import badge, badge_of, badges


class QueueFilterForm(forms.Form):
    STATUS_CHOICES = [("open", "Not shipped yet"), ("", "Any status")] + Status.choices

    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
    product = forms.ModelChoiceField(queryset=ConfigurableProduct.objects.select_related("product"), required=False,
                                     empty_label="Every product")
    due_after = forms.DateField(required=False, label="Ships from", widget=forms.DateInput(attrs={"type": "date"}))
    due_before = forms.DateField(required=False, label="Ships by", widget=forms.DateInput(attrs={"type": "date"}))
    search = forms.CharField(required=False, label="Work order", max_length=40)
    remakes = forms.BooleanField(required=False, label="Remakes only")

    def clean(self):
        data = super().clean()
        if data.get("due_after") and data.get("due_before") and data["due_after"] > data["due_before"]:
            raise forms.ValidationError("“Ships from” is after “Ships by”: no work order can match.")
        return data


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(choices=[s for s in Status.choices if s[0] != Status.CANCELLED],
                                  label="Move to")
    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                           label="Note (the reason, when a quality check fails)")
    numbers = forms.CharField(widget=forms.MultipleHiddenInput, required=False)
    # to ship: the parcel (the service says what is missing or wrong)
    carrier = forms.CharField(required=False, max_length=20, label="Carrier (to ship)")
    tracking_number = forms.CharField(required=False, max_length=60, label="Tracking number (to ship)")


def queue_filters(request):
    """The queue's filters from the query string: (form, queryset) — an invalid filter shows its error."""
    data = request.GET.copy()
    data.setdefault("status", "open")
    form = QueueFilterForm(data)
    if not form.is_valid():
        return form, WorkOrder.objects.none()
    filters = form.cleaned_data
    product = filters.get("product")
    return form, production_queue(status=filters.get("status"), product=product.pk if product else None,
                                  due_before=filters.get("due_before"), due_after=filters.get("due_after"),
                                  search=filters.get("search", ""), remakes_only=filters.get("remakes", False))


class QueueView(ListView):
    """Fulfilment → Production: work orders first paid first, filtered, with bulk moves and pick lists; a Gold (or
    better) customer's items show their loyalty badge (the page's badges read at once)."""

    template_name = "production/dashboard/queue.html"
    context_object_name = "work_orders"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form, queryset = queue_filters(self.request)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = badges(work_order.order.user_id for work_order in context["work_orders"])
        for work_order in context["work_orders"]:
            work_order.loyalty_badge = badge_of(found, work_order.order.user_id)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filter_form=self.filter_form, statuses=MoveForm.base_fields["to_status"].choices,
                       carriers=CARRIER_CHOICES, remake_causes=remakes_by_cause(),
                       query=query.urlencode(),
                       may_move=self.request.user.has_perm(MOVE_WORK_ORDERS), move_form=MoveForm())
        return context


class MoveView(View):
    """POST: move one or many work orders; each refused move is named with its reason."""

    def post(self, request):
        form = MoveForm(request.POST)
        numbers = [number for number in request.POST.getlist("numbers") if number][:500]
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
            back = reverse("dashboard:production-queue")
        if not form.is_valid():
            if "to_status" in form.errors:
                messages.error(request, "Choose a status to move to.")
            for name, errors in form.errors.items():
                if name != "to_status":
                    messages.error(request, f"{form.fields[name].label}: {' '.join(errors)}")
            return redirect(back)
        if not numbers:
            messages.error(request, "Select at least one work order to move.")
            return redirect(back)
        data = form.cleaned_data
        result = move_work_orders(numbers=numbers, to_status=data["to_status"], by=request.user, note=data["note"],
                                  carrier=data["carrier"], tracking_number=data["tracking_number"])
        label = LABELS[form.cleaned_data["to_status"]]
        if result.moved:
            moved = ", ".join(work_order.number for work_order in result.moved)
            messages.success(request, f"Moved to {label}: {moved}.")
        for _, reason in result.refused:
            messages.error(request, reason)
        return redirect(back)


class WorkOrderView(TemplateView):
    """One work order: its spec, preview, QR code, history and the moves it can make (the QR code opens this); the
    customer's loyalty badge when they are Gold or better."""

    template_name = "production/dashboard/work_order.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        work_order = get_object_or_404(WorkOrder.objects.select_related("order", "line", "remake_of"),
                                       number=kwargs["number"])
        events = list(work_order.events.select_related("by").order_by("at", "pk"))
        context.update(
            work_order=work_order, spec=work_order.spec, events=events,
            moves=[(status, LABELS[status]) for status in STATUS_TRANSITIONS[work_order.status]],
            may_move=self.request.user.has_perm(MOVE_WORK_ORDERS), carriers=CARRIER_CHOICES,
            qr_svg=documents.qr_svg(documents.work_order_url(work_order)),
            siblings=list(WorkOrder.objects.filter(order_id=work_order.order_id).exclude(pk=work_order.pk)
                          .only("number", "status", "product_title", "unit", "units")),
            remakes=list(work_order.remakes.only("number", "status", "remake_cause", "remake_of_id")),
            loyalty_badge=badge(work_order.order.user_id),
        )
        return context


class SpecDocumentView(View):
    """The spec as a PDF to print, JSON for machines, or CSV for spreadsheets."""

    FORMATS = {
        "pdf": ("application/pdf", documents.spec_pdf),
        "json": ("application/json", documents.spec_json),
        "csv": ("text/csv; charset=utf-8", documents.spec_csv),
    }

    def get(self, request, number, extension):
        if extension not in self.FORMATS:
            raise Http404("Specs come as PDF, JSON or CSV.")
        work_order = get_object_or_404(WorkOrder, number=number)
        content_type, build = self.FORMATS[extension]
        response = HttpResponse(build(work_order), content_type=content_type)
        disposition = "inline" if extension == "pdf" else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="work-order-{work_order.number}.{extension}"'
        return response


class PickListView(TemplateView):
    """Components to pick for every work order the queue's filters show (GET), or for the selected ones (POST).

    The selection is posted with the queue's CSRF token, so neither the token nor a note ever lands in a URL
    (browser history, proxy logs, Referer headers); a GET carries only the filters.
    """

    template_name = "production/dashboard/pick_list.html"
    LIMIT = 5000
    SELECTION_PARAMETERS = ("numbers", "pick", "csrfmiddlewaretoken", "note")

    def get(self, request, *args, **kwargs):
        if any(name in request.GET for name in self.SELECTION_PARAMETERS):
            return render(request, "400.html", status=400, context={"message": (
                "A pick list of selected work orders is asked for with the queue's “Pick list of the selected” "
                "button, not by a link: open the production queue and select them there.")})
        form, queryset = queue_filters(request)
        numbers = list(queryset.values_list("number", flat=True)[:self.LIMIT])
        query = request.GET.copy()
        query["format"] = "csv"
        return self.pick_list(request, numbers, filter_form=form, csv_query=query.urlencode())

    def post(self, request, *args, **kwargs):
        numbers = [number for number in request.POST.getlist("numbers") if number]
        if not numbers:
            messages.error(request, "Select the work orders to pick for, or take the pick list of all shown.")
            return redirect("dashboard:production-queue")
        return self.pick_list(request, numbers, selected=numbers[:self.LIMIT])

    def pick_list(self, request, numbers, **context):
        work_orders, lines = pick_list_for(numbers[:self.LIMIT])
        if request.GET.get("format") == "csv" or request.POST.get("format") == "csv":
            response = HttpResponse(documents.pick_list_csv(lines), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="pick-list.csv"'
            return response
        return self.render_to_response(self.get_context_data(work_orders=work_orders, lines=lines, **context))


class WorkshopView(TemplateView):
    """Each workstation's capacity and what the queue books on it over the next two weeks; the closures."""

    template_name = "production/dashboard/workshop.html"
    DAYS = 14

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        workshop = current_workshop()
        days = [workshop.today + timedelta(days=offset) for offset in range(self.DAYS)]
        stations = []
        for station in Workstation.objects.all():
            scheduled = workshop.stations.get(station.code)
            load = workshop.load(station.code) if scheduled else {}
            cells = []
            for day in days:
                open_ = scheduled is not None and scheduled.is_open(day)
                used = load.get(day, 0)
                cells.append({"day": day, "open": open_, "used": used,
                              "share": round(100 * used / station.daily_capacity_minutes)
                              if open_ and station.daily_capacity_minutes else 0})
            backlog_days = len({day for day in load if day >= workshop.today})
            stations.append({"station": station, "cells": cells, "booked_days": backlog_days})
        context.update(days=days, stations=stations,
                       closures=NonWorkingDay.objects.filter(date__gte=workshop.today).select_related("workstation"),
                       today=workshop.today)
        return context
