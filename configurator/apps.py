from django.apps import AppConfig


class ConfiguratorConfig(AppConfig):
    name = "configurator"
    label = "configurator"
    verbose_name = "Configurator"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from configurator import receivers  # noqa: F401  (connects the order_placed receiver)
