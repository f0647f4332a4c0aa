"""Customer URLs of the help desk (namespace "support"), mounted under /shop/."""

from django.urls import path

from support import views
from support.inbound_view import inbound_email

app_name = "support"
urlpatterns = [
    path("support/new/", views.new_request, name="new-request"),
    path("support/suggestions/", views.article_suggestions, name="suggestions"),
    path("support/r/<str:token>/", views.guest_request, name="guest-request"),
    path("support/r/<str:token>/files/<str:attachment_code>/", views.guest_attachment, name="guest-attachment"),
    path("support/survey/<str:token>/", views.survey, name="survey"),
    path("support/inbound-email/", inbound_email, name="inbound-email"),
    path("accounts/support/", views.account_requests, name="account-requests"),
    path("accounts/support/<str:code>/", views.account_request, name="account-request"),
    path("accounts/support/<str:code>/files/<str:attachment_code>/", views.account_attachment,
         name="account-attachment"),
]
