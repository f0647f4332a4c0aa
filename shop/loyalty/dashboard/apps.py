from django.urls import path

from shop.staff import StaffAreaConfig, staff_with

VIEW_TIERS, CHANGE_TIERS = "loyalty.view_tier", "loyalty.change_tier"
VIEW_STANDING, RAISE_TIER = "loyalty.view_standing", "loyalty.raise_tier"


class LoyaltyDashboardConfig(StaffAreaConfig):
    """Customers → Loyalty tiers (merchandisers set thresholds and perks) and a customer's loyalty page (support:
    their standing and tier history; leads raise a tier by hand)."""

    name = "shop.loyalty.dashboard"
    label = "loyalty_dashboard"
    verbose_name = "Loyalty dashboard"

    default_permissions = staff_with(VIEW_TIERS)
    permissions_map = {
        "loyalty-tier-list": staff_with(VIEW_TIERS),
        "loyalty-tier-update": staff_with(CHANGE_TIERS),
        "loyalty-customer": staff_with(VIEW_STANDING),
        "loyalty-raise": staff_with(VIEW_STANDING, RAISE_TIER),
    }

    def ready(self):
        # Django's way to wire an app: the views import models, so only once the registry is ready.
        from shop.loyalty.dashboard import views  # noqa: PLC0415

        self.views = views

    def get_urls(self):
        return self.post_process_urls([
            path("tiers/", self.views.TierListView.as_view(), name="loyalty-tier-list"),
            path("tiers/<int:pk>/", self.views.TierUpdateView.as_view(), name="loyalty-tier-update"),
            path("customers/<int:user_id>/", self.views.customer_loyalty, name="loyalty-customer"),
            path("customers/<int:user_id>/raise/", self.views.raise_customer_tier, name="loyalty-raise"),
        ])
