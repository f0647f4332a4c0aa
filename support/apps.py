from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "support"
    label = "support"
    verbose_name = "Support desk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from support import receivers  # noqa: F401  (connects the signal receivers)
