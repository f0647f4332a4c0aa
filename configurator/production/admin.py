"""Django admin for the workshop's set-up: workstations (capacity, working days), closures and routings.

Production planners edit these here (their role holds the model permissions); the dashboard's Workshop
capacity page shows the result and links here. Every change reschedules the queue.
"""

from django.contrib import admin

from configurator.production.models import NonWorkingDay, RoutingStep, Workstation


@admin.register(Workstation)
class WorkstationAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "daily_capacity_minutes", "working_weekdays", "position")
    list_editable = ("daily_capacity_minutes", "working_weekdays", "position")


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
