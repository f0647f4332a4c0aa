from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "support"
    label = "support"
    verbose_name = "Support desk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Django's way to wire an app: the receivers import models, so only once the registry is ready.
        from support import receivers  # noqa: F401, PLC0415  (connects the signal receivers)
