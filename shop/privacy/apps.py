from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class PrivacyConfig(AppConfig):
    """Export and erasure of a customer's personal data. Each app that holds personal data says so in its own
    ``privacy`` module (registry.register: what it holds, how it exports it); this app only walks the registry."""

    name = "shop.privacy"
    label = "privacy"
    verbose_name = "Privacy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        autodiscover_modules("privacy")  # every installed app's privacy module registers what it holds
