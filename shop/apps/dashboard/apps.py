import oscar.apps.dashboard.apps as apps
from django.apps import apps as installed_apps
from django.urls import include, path


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard, with the store's staff areas (Oscar dashboard apps, see shop/staff.py) beside Oscar's own."""

    name = "shop.apps.dashboard"

    def ready(self):
        super().ready()
        self.feature_models_app = installed_apps.get_app_config("configurator_dashboard")
        self.production_app = installed_apps.get_app_config("production_dashboard")
        self.demand_app = installed_apps.get_app_config("demand_dashboard")
        self.support_app = installed_apps.get_app_config("support_dashboard")
        self.payments_app = installed_apps.get_app_config("payments_dashboard")
        self.invoices_app = installed_apps.get_app_config("invoices_dashboard")
        self.loyalty_app = installed_apps.get_app_config("loyalty_dashboard")
        self.privacy_app = installed_apps.get_app_config("privacy_dashboard")

    def get_urls(self):
        return super().get_urls() + [
            path("configurator/", include(self.feature_models_app.urls[0])),
            path("production/", include(self.production_app.urls[0])),
            path("demand/", include(self.demand_app.urls[0])),
            path("support/", include(self.support_app.urls[0])),
            path("", include(self.payments_app.urls[0])),  # payments/ and orders/<number>/refund/
            path("", include(self.invoices_app.urls[0])),  # orders/<number>/invoice/
            path("loyalty/", include(self.loyalty_app.urls[0])),
            path("privacy/", include(self.privacy_app.urls[0])),
        ]
