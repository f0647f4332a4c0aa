from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    """Returns, remakes and goodwill: the after-sale half of the help desk (a return is a support request)."""

    name = "support.returns"
    label = "returns"
    verbose_name = "Returns and goodwill"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Django's way to wire an app: the receivers import models, so only once the registry is ready.
        from support.returns import exchanges, receivers  # noqa: F401, PLC0415  (connects the signal receivers)
