from django.apps import AppConfig


class ConfiguratorConfig(AppConfig):
    name = "configurator"
    label = "configurator"
    verbose_name = "Configurator"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        # Django's way to wire an app: the receivers import models, so only once the registry is ready.
        from configurator import receivers  # noqa: F401, PLC0415  (connects the order_placed receiver)
