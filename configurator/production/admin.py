"""Django admin for the workshop's set-up: workstations (capacity, working days), closures and routings.

Production planners edit these here (their role holds the model permissions); the dashboard's Workshop
capacity page shows the result and links here. Every change reschedules the queue.
"""

from django import forms
from django.contrib import admin

from configurator.production.models import NonWorkingDay, RoutingStep, Workstation

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
class WorkstationAdmin(admin.ModelAdmin):
    form = WorkstationForm
    list_display = ("name", "code", "daily_capacity_minutes", "working_days", "position")
    list_editable = ("daily_capacity_minutes", "position")

    @admin.display(description="Working days", ordering="working_weekdays")
    def working_days(self, station):
        names = dict(WEEKDAYS)
        return ", ".join(names[day][:3] for day in sorted(set(station.working_weekdays)) if day in names)


@admin.register(NonWorkingDay)
class NonWorkingDayAdmin(admin.ModelAdmin):
    list_display = ("date", "reason", "workstation")
    list_filter = ("workstation",)
    date_hierarchy = "date"


@admin.register(RoutingStep)
class RoutingStepAdmin(admin.ModelAdmin):
    list_display = ("configurable", "position", "operation", "name", "workstation", "minutes", "when_option",
                    "is_quality_check")
    list_editable = ("position", "minutes", "when_option")
    list_filter = ("configurable", "workstation")
    list_select_related = ("configurable__product", "workstation")
