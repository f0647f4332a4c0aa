from django.apps import AppConfig

from configurator import ship_dates


class ProductionConfig(AppConfig):
    name = "configurator.production"
    label = "production"
    verbose_name = "Production"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Django's way to wire an app once the registry is ready: these modules import models.
        from configurator.production import planning, receivers  # noqa: F401, PLC0415  (connects the receivers)

        ship_dates.register_planner(planning)
