from django.apps import AppConfig


class LoyaltyConfig(AppConfig):
    """Loyalty tiers from a customer's order history, their perks, and the badge staff see.

    It lives beside the shop rather than under support: its perks reach the shopper's path (a tier's offers in the
    basket, its production slots, early access to new options), which never imports support; support, production
    and the dashboard read it."""

    name = "shop.loyalty"
    label = "loyalty"
    verbose_name = "Loyalty"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # the signal receivers, and Oscar's custom offer condition (a proxy model of Oscar's Condition)
        from shop.loyalty import offers, receivers  # noqa: F401, PLC0415
