from django.urls import path

from configurator import account, api, views

app_name = "configurator"

urlpatterns = [
    path("configure/requote/<str:code>/", views.requote, name="requote"),
    path("configure/<slug:slug>/", views.configure, name="configure"),
    path("configure/<slug:slug>/<str:code>/", views.reopen, name="reopen"),
    path("accounts/designs/", account.my_designs, name="my-designs"),
    path("accounts/designs/<str:code>/basket/", account.add_to_basket, name="design-basket"),
    path("accounts/designs/<str:code>/delete/", account.delete, name="design-delete"),
    path("accounts/reorder/<str:order_number>/", account.reorder, name="reorder-order"),
    path("accounts/reorder/<str:order_number>/<int:line_id>/", account.reorder, name="reorder-line"),
    path("api/configurator/state/", api.state, name="api-state"),
    path("api/configurator/quotes/", api.create_quote, name="api-quotes"),
    path("api/configurator/quotes/<str:code>/", api.quote_detail, name="api-quote"),
]
