"""Customer URLs of the help desk (namespace "support"), mounted under /shop/."""

from django.urls import path

from support import views
from support.inbound_view import inbound_email
from support.returns import exchange_views
from support.returns import views as return_views

app_name = "support"
urlpatterns = [
    path("support/new/", views.new_request, name="new-request"),
    path("support/suggestions/", views.article_suggestions, name="suggestions"),
    path("support/returns/new/", return_views.start_return_page, name="start-return"),
    path("support/r/<str:token>/", views.guest_request, name="guest-request"),
    path("support/r/<str:token>/files/<str:attachment_code>/", views.guest_attachment, name="guest-attachment"),
    path("support/r/<str:token>/return-slip/", return_views.guest_return_slip, name="guest-return-slip"),
    path("support/r/<str:token>/exchange/", exchange_views.guest_exchange, name="guest-exchange"),
    path("support/r/<str:token>/exchange/pay/", exchange_views.guest_exchange_pay, name="guest-exchange-pay"),
    path("support/r/<str:token>/exchange/pay/complete/", exchange_views.ExchangePaymentComplete.as_view(),
         name="guest-exchange-pay-complete"),
    path("support/survey/<str:token>/", views.survey, name="survey"),
    path("support/inbound-email/", inbound_email, name="inbound-email"),
    path("accounts/support/", views.account_requests, name="account-requests"),
    path("accounts/support/<str:code>/", views.account_request, name="account-request"),
    path("accounts/support/<str:code>/files/<str:attachment_code>/", views.account_attachment,
         name="account-attachment"),
    path("accounts/support/<str:code>/return-slip/", return_views.account_return_slip, name="account-return-slip"),
    path("accounts/support/<str:code>/exchange/", exchange_views.account_exchange, name="account-exchange"),
    path("accounts/support/<str:code>/exchange/pay/", exchange_views.account_exchange_pay,
         name="account-exchange-pay"),
    path("accounts/support/<str:code>/exchange/pay/complete/", exchange_views.ExchangePaymentComplete.as_view(),
         name="account-exchange-pay-complete"),
]
