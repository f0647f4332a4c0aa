from django.apps import AppConfig


class DemandConfig(AppConfig):
    name = "configurator.demand"
    label = "demand"
    verbose_name = "Demand analytics"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Django's way to wire an app once the registry is ready: the receivers import models.
        from configurator.demand import receivers  # noqa: F401, PLC0415  (connects the receivers)
