from django.urls import path

from shop.payments.dashboard.permissions import REFUND_PAYMENTS, VIEW_PAYMENTS
from shop.staff import StaffAreaConfig, staff_with


class PaymentsDashboardConfig(StaffAreaConfig):
    """Stripe payments, disputed ones first (Fulfilment → Payments), and refunds posted from an order's page."""

    name = "shop.payments.dashboard"
    label = "payments_dashboard"
    verbose_name = "Payments dashboard"

    default_permissions = staff_with(VIEW_PAYMENTS)
    permissions_map = {
        "payment-list": staff_with(VIEW_PAYMENTS),
        "payment-refund": staff_with(REFUND_PAYMENTS),
    }

    def ready(self):
        # Django's way to wire an app: the views import models, so only once the registry is ready.
        from shop.payments.dashboard import views  # noqa: PLC0415

        self.views = views

    def get_urls(self):
        # mounted at the dashboard's root: the refund lives below Oscar's order pages
        return self.post_process_urls([
            path("payments/", self.views.PaymentListView.as_view(), name="payment-list"),
            path("orders/<str:number>/refund/", self.views.refund_order, name="payment-refund"),
        ])
