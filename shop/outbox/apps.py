from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "shop.outbox"
    label = "outbox"
    verbose_name = "Background work waiting for the broker"
    default_auto_field = "django.db.models.BigAutoField"
