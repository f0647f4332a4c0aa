from django.urls import path

from shop.staff import StaffAreaConfig, staff_with

EXPORT = "privacy.export_personal_data"


class PrivacyDashboardConfig(StaffAreaConfig):
    """Customers → Personal data: a customer's data exported on their request (support leads), logged."""

    name = "shop.privacy.dashboard"
    label = "privacy_dashboard"
    verbose_name = "Privacy dashboard"

    default_permissions = staff_with(EXPORT)
    permissions_map = {"privacy-requests": staff_with(EXPORT), "privacy-export": staff_with(EXPORT)}

    def ready(self):
        # Django's way to wire an app: the views import models, so only once the registry is ready.
        from shop.privacy.dashboard import views  # noqa: PLC0415

        self.views = views

    def get_urls(self):
        return self.post_process_urls([
            path("", self.views.privacy_requests, name="privacy-requests"),
            path("export/", self.views.export_customer_data, name="privacy-export"),
        ])
