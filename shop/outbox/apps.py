from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "shop.outbox"
    label = "outbox"
    verbose_name = "Background work waiting for the broker"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The project's own deploy checks (shared cache and broker) live beside the settings; the project module is
        # not an app, so the app that owns the background work registers them.
        from shop import checks  # noqa: F401, PLC0415  (registering checks is what importing it does)
