"""Staff URLs of the help desk (namespace "support-dashboard"), mounted at /shop/dashboard/support/."""

from django.urls import path

from support.dashboard import macros, reports, views

app_name = "support-dashboard"
urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("log/", views.LogRequestView.as_view(), name="log"),
    path("requests/<str:reference>/", views.RequestView.as_view(), name="request"),
    path("requests/<str:reference>/messages/", views.RequestMessageView.as_view(), name="request-message"),
    path("requests/<str:reference>/properties/", views.RequestPropertiesView.as_view(), name="request-properties"),
    path("requests/<str:reference>/take/", views.TakeRequestView.as_view(), name="request-take"),
    path("files/<str:attachment_code>/", views.AttachmentView.as_view(), name="attachment"),
    path("macros/", macros.MacroListView.as_view(), name="macro-list"),
    path("macros/new/", macros.MacroCreateView.as_view(), name="macro-create"),
    path("macros/<int:pk>/", macros.MacroUpdateView.as_view(), name="macro-update"),
    path("macros/<int:pk>/delete/", macros.MacroDeleteView.as_view(), name="macro-delete"),
    path("reports/", reports.ReportsView.as_view(), name="reports"),
    path("reports/<str:report>.csv", reports.ReportCsvView.as_view(), name="report-csv"),
]
