from django.urls import path

from configurator.demand import api

app_name = "demand"

urlpatterns = [
    path("api/configurator/events/", api.record_events, name="events"),
]
