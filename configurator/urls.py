from django.urls import path

from configurator import api, views

app_name = "configurator"

urlpatterns = [
    path("configure/requote/<str:code>/", views.requote, name="requote"),
    path("configure/<slug:slug>/", views.configure, name="configure"),
    path("configure/<slug:slug>/<str:code>/", views.reopen, name="reopen"),
    path("api/configurator/state/", api.state, name="api-state"),
    path("api/configurator/quotes/", api.create_quote, name="api-quotes"),
    path("api/configurator/quotes/<str:code>/", api.quote_detail, name="api-quote"),
]
