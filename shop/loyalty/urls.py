from django.urls import path

from shop.loyalty import views

app_name = "loyalty"

urlpatterns = [
    path("accounts/loyalty/", views.account_loyalty, name="account"),
]
