"""Support reports in the dashboard: every report as a bar chart and a table over a period, and as CSV."""

from datetime import datetime, time, timedelta

from django import forms
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from shop.spreadsheets import csv_text
from support.reports import REPORTS as DESK_REPORTS
from support.returns.reports import REPORTS as RETURN_REPORTS

REPORTS = {**DESK_REPORTS, **RETURN_REPORTS}

MAX_PERIOD_DAYS = 732


def all_reports(start, end):
    return [build(start, end) for build in REPORTS.values()]


class PeriodForm(forms.Form):
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To (inclusive)", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError("“To” is before “From”.")
            if (end - start).days > MAX_PERIOD_DAYS:
                raise forms.ValidationError("Choose a period of at most two years.")
        return data


def period(request):
    """(form, start, end) from the query string: the last 30 days unless given; aware datetimes, end exclusive."""
    today = timezone.localdate()
    data = {"start": request.GET.get("start") or (today - timedelta(days=29)).isoformat(),
            "end": request.GET.get("end") or today.isoformat()}
    form = PeriodForm(data)
    if not form.is_valid():
        return form, None, None
    zone = timezone.get_current_timezone()
    start = datetime.combine(form.cleaned_data["start"], time.min, tzinfo=zone)
    end = datetime.combine(form.cleaned_data["end"] + timedelta(days=1), time.min, tzinfo=zone)
    return form, start, end


class ReportsView(TemplateView):
    template_name = "support/dashboard/reports.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, start, end = period(self.request)
        context.update(period_form=form, reports=all_reports(start, end) if start else [],
                       query=self.request.GET.urlencode())
        return context


class ReportCsvView(View):
    def get(self, request, report):
        if report not in REPORTS:
            raise Http404("No such report.")
        form, start, end = period(request)
        if start is None:
            errors = " ".join(e for errors in form.errors.values() for e in errors)
            return HttpResponse(f"Invalid period: {errors}", status=400, content_type="text/plain; charset=utf-8")
        built = REPORTS[report](start, end)
        response = HttpResponse(csv_text(built.header, built.rows), content_type="text/csv; charset=utf-8")
        filename = f"support-{report}-{start:%Y%m%d}-{(end - timedelta(days=1)):%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
