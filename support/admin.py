"""Django admin for the desk's configuration: queues and routing rules, targets, business hours, closures."""

from django.contrib import admin

from support.models import BusinessHours, Macro, Queue, RoutingRule, ServiceLevelTarget, SupportClosure, SupportRequest


class RoutingRuleInline(admin.TabularInline):
    model = RoutingRule
    extra = 0
    autocomplete_fields = ["product"]


@admin.register(Queue)
class QueueAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_default", "position"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoutingRuleInline]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "position", "kind", "channel", "product", "set_priority"]
    list_editable = ["position"]
    autocomplete_fields = ["product"]


@admin.register(ServiceLevelTarget)
class ServiceLevelTargetAdmin(admin.ModelAdmin):
    list_display = ["priority", "first_response_minutes", "resolution_minutes"]


@admin.register(BusinessHours)
class BusinessHoursAdmin(admin.ModelAdmin):
    list_display = ["weekday", "opens", "closes"]


@admin.register(SupportClosure)
class SupportClosureAdmin(admin.ModelAdmin):
    list_display = ["date", "reason"]


@admin.register(Macro)
class MacroAdmin(admin.ModelAdmin):
    list_display = ["name", "set_status", "is_active", "usage_count"]


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    """Read-only: requests change through the support dashboard, so every change is logged."""

    list_display = ["reference", "subject", "kind", "channel", "status", "priority", "queue", "created_at"]
    list_filter = ["status", "kind", "channel", "queue"]
    search_fields = ["reference", "subject", "email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
