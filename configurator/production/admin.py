"""Django admin for the workshop's set-up: workstations (capacity, working days), closures and routings.

Production planners edit these here (their role holds the model permissions); the dashboard's Workshop
capacity page shows the result and links here. Every change reschedules the queue. A change that would move
customers' ship dates is shown first (which orders would ship later or sooner, by how much) and kept only once the
planner confirms it; without that nothing is saved, and nobody is told anything. Fields that move dates are not
editable in the lists, where no such question could be asked.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.template.response import TemplateResponse

from configurator.production.impact import impact_of
from configurator.production.models import NonWorkingDay, RoutingStep, Workstation

CONFIRMED = "_dates_confirmed"


class ConfirmDateMoves:
    """Asks before keeping a change that moves ship dates: the valid form is tried (``impact_of``) and, if any order's
    date would move, the planner sees the moves and posts the same form again with ``_dates_confirmed``."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and CONFIRMED not in request.POST:
            page = self._date_moves_page(request, object_id)
            if page is not None:
                return page
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _date_moves_page(self, request, object_id):
        """The confirmation page, or None: go on as Django admin does (refusals, form errors, nothing moves)."""
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        allowed = self.has_change_permission(request, obj) if object_id else self.has_add_permission(request)
        if (object_id and obj is None) or not allowed or "_saveasnew" in request.POST:
            return None
        form = self.get_form(request, obj, change=bool(object_id))(request.POST, request.FILES, instance=obj)
        if not form.is_valid():
            return None
        impact = impact_of(form.save)
        if not impact.moves_anything:
            return None
        fields = [(name, value) for name, values in request.POST.lists() if name != "csrfmiddlewaretoken"
                  for value in values]
        return TemplateResponse(request, "production/admin/confirm_date_moves.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "title": "Confirm: this moves ship dates",
            "subject": form.instance if object_id else f"new {self.opts.verbose_name}", "impact": impact,
            "fields": fields, "confirmed": CONFIRMED, "back_url": request.get_full_path()})

WEEKDAYS = [("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"), ("3", "Thursday"), ("4", "Friday"),
            ("5", "Saturday"), ("6", "Sunday")]


class WeekdaysField(forms.MultipleChoiceField):
    """Working weekdays as checkboxes, stored as the digits of the days ticked ("01234": Monday to Friday)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"required": "Tick at least one working day."})
        super().__init__(choices=WEEKDAYS, **kwargs)

    def prepare_value(self, value):
        return list(value) if isinstance(value, str) else value

    def clean(self, value):
        return "".join(sorted(set(super().clean(value))))


class WorkstationForm(forms.ModelForm):
    working_weekdays = WeekdaysField(label="Working days",
                                     help_text="Closures of single days (holidays, maintenance) are set under "
                                               "Non-working days.")

    class Meta:
        model = Workstation
        fields = ["code", "name", "daily_capacity_minutes", "working_weekdays", "position"]


@admin.register(Workstation)
class WorkstationAdmin(ConfirmDateMoves, admin.ModelAdmin):
    form = WorkstationForm
    list_display = ("name", "code", "daily_capacity_minutes", "working_days", "position")
    list_editable = ("position",)

    @admin.display(description="Working days", ordering="working_weekdays")
    def working_days(self, station):
        names = dict(WEEKDAYS)
        return ", ".join(names[day][:3] for day in sorted(set(station.working_weekdays)) if day in names)


@admin.register(NonWorkingDay)
class NonWorkingDayAdmin(ConfirmDateMoves, admin.ModelAdmin):
    list_display = ("date", "reason", "workstation")
    list_filter = ("workstation",)
    date_hierarchy = "date"


@admin.register(RoutingStep)
class RoutingStepAdmin(ConfirmDateMoves, admin.ModelAdmin):
    list_display = ("configurable", "position", "operation", "name", "workstation", "minutes", "when_option",
                    "is_quality_check")
    list_filter = ("configurable", "workstation")
    list_select_related = ("configurable__product", "workstation")
