from django.urls import path

from shop.invoices import views

app_name = "invoices"
urlpatterns = [
    path("accounts/orders/<str:order_number>/invoice/", views.member_invoice, name="member-invoice"),
    path("accounts/order-status/<str:order_number>/<str:hash>/invoice/", views.GuestInvoiceView.as_view(),
         name="guest-invoice"),
]
