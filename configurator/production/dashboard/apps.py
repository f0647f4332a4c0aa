from django.urls import path

from configurator.production.dashboard.permissions import MOVE_WORK_ORDERS, VIEW_WORK_ORDERS
from shop.staff import StaffAreaConfig, staff_with


class ProductionDashboardConfig(StaffAreaConfig):
    """The production queue, a work order's page and documents, pick lists and the workshop's capacity.

    Every page needs the production permissions, so a shopper holding a QR link or a spec URL gets a login page
    or a 403.
    """

    name = "configurator.production.dashboard"
    label = "production_dashboard"
    verbose_name = "Production dashboard"

    default_permissions = staff_with(VIEW_WORK_ORDERS)
    permissions_map = {
        "production-queue": staff_with(VIEW_WORK_ORDERS),
        "production-move": staff_with(VIEW_WORK_ORDERS, MOVE_WORK_ORDERS),
        "production-pick-list": staff_with(VIEW_WORK_ORDERS),
        "production-workshop": staff_with(VIEW_WORK_ORDERS),
        "production-work-order": staff_with(VIEW_WORK_ORDERS),
        "production-spec": staff_with(VIEW_WORK_ORDERS),
    }

    def ready(self):
        # Django's way to wire an app: the views import models, so only once the registry is ready.
        from configurator.production.dashboard import views  # noqa: PLC0415

        self.views = views

    def get_urls(self):
        views = self.views
        return self.post_process_urls([
            path("", views.QueueView.as_view(), name="production-queue"),
            path("move/", views.MoveView.as_view(), name="production-move"),
            path("pick-list/", views.PickListView.as_view(), name="production-pick-list"),
            path("workshop/", views.WorkshopView.as_view(), name="production-workshop"),
            path("<str:number>/", views.WorkOrderView.as_view(), name="production-work-order"),
            path("<str:number>/spec.<str:extension>", views.SpecDocumentView.as_view(), name="production-spec"),
        ])
