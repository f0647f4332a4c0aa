from django.urls import path

from shop.staff import StaffAreaConfig, staff_with


class InvoicesDashboardConfig(StaffAreaConfig):
    """An order's invoice, downloaded from its dashboard page by staff who may see orders."""

    name = "shop.invoices.dashboard"
    label = "invoices_dashboard"
    verbose_name = "Invoices dashboard"

    default_permissions = staff_with("order.view_order")
    permissions_map = {"order-invoice": staff_with("order.view_order")}

    def ready(self):
        from shop.invoices import views  # noqa: PLC0415  the views import models: only once the registry is ready

        self.views = views

    def get_urls(self):
        return self.post_process_urls([
            path("orders/<str:number>/invoice/", self.views.staff_invoice, name="order-invoice"),
        ])
