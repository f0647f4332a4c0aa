from django.urls import path

from shop.staff import StaffAreaConfig, staff_with

VIEW_DEMAND = "demand.view_demand_reports"


class DemandDashboardConfig(StaffAreaConfig):
    """Dashboard → Demand: the merchandisers' reports, each a chart, a table and a CSV download."""

    name = "configurator.demand.dashboard"
    label = "demand_dashboard"
    verbose_name = "Demand dashboard"

    default_permissions = staff_with(VIEW_DEMAND)
    permissions_map = {
        "demand-overview": staff_with(VIEW_DEMAND),
        "demand-combinations": staff_with(VIEW_DEMAND),
        "demand-behaviour": staff_with(VIEW_DEMAND),
        "demand-versions": staff_with(VIEW_DEMAND),
        "demand-returns": staff_with(VIEW_DEMAND),
        "demand-components": staff_with(VIEW_DEMAND),
        "demand-csv": staff_with(VIEW_DEMAND),
    }

    def ready(self):
        # Django's way to wire an app: the views import models, so only once the registry is ready.
        from configurator.demand.dashboard import views  # noqa: PLC0415

        self.views = views

    def get_urls(self):
        views = self.views
        return self.post_process_urls([
            path("", views.OverviewView.as_view(), name="demand-overview"),
            path("combinations/", views.CombinationsView.as_view(), name="demand-combinations"),
            path("funnel/", views.BehaviourView.as_view(), name="demand-behaviour"),
            path("versions/", views.VersionsView.as_view(), name="demand-versions"),
            path("returns/", views.ReturnsView.as_view(), name="demand-returns"),
            path("components/", views.ComponentsView.as_view(), name="demand-components"),
            path("csv/<slug:report>/", views.CsvView.as_view(), name="demand-csv"),
        ])
