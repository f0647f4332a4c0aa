from django.urls import path

from shop.privacy import views

app_name = "privacy"

urlpatterns = [
    path("accounts/privacy/", views.account_privacy, name="account"),
    path("accounts/privacy/download/", views.download_my_data, name="download"),
    path("accounts/privacy/erase/", views.erase_my_account, name="erase"),
    path("accounts/privacy/erase/cancel/", views.cancel_my_erasure, name="cancel-erasure"),
]
