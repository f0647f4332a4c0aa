from django.apps import AppConfig


class ProductionConfig(AppConfig):
    name = "configurator.production"
    label = "production"
    verbose_name = "Production"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from configurator.production import receivers  # noqa: F401  (connects the signal receivers)
