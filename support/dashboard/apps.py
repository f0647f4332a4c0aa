from django.urls import path

from shop.staff import StaffAreaConfig, staff_with
from support.dashboard.permissions import (
    ADD_REQUESTS,
    APPROVE_GOODWILL,
    CHANGE_REQUESTS,
    CHANGE_RETURNS,
    GRANT_GOODWILL,
    VIEW_REPORTS,
    VIEW_REQUESTS,
    VIEW_RETURNS,
)

RETURN_STEPS = ("approve", "decline", "receive", "inspect", "resolve")


class SupportDashboardConfig(StaffAreaConfig):
    """Dashboard → Support: the inbox, one screen per request, logging a call or visit, attachments, macros,
    reports, returns (the list and each step of one) and goodwill (a gesture on any request, a lead's approval).
    Every page needs the support permissions, so shoppers and other staff get a 403 (anonymous visitors a login
    page)."""

    name = "support.dashboard"
    label = "support_dashboard"
    verbose_name = "Support desk dashboard"

    default_permissions = staff_with(VIEW_REQUESTS)
    permissions_map = {
        "support-inbox": staff_with(VIEW_REQUESTS),
        "support-log": staff_with(VIEW_REQUESTS, ADD_REQUESTS),
        "support-request": staff_with(VIEW_REQUESTS),
        "support-request-message": staff_with(VIEW_REQUESTS, CHANGE_REQUESTS),
        "support-request-properties": staff_with(VIEW_REQUESTS, CHANGE_REQUESTS),
        "support-request-take": staff_with(VIEW_REQUESTS, CHANGE_REQUESTS),
        "support-attachment": staff_with(VIEW_REQUESTS),
        "support-macro-list": staff_with(VIEW_REQUESTS, "support.view_macro"),
        "support-macro-create": staff_with(VIEW_REQUESTS, "support.add_macro"),
        "support-macro-update": staff_with(VIEW_REQUESTS, "support.change_macro"),
        "support-macro-delete": staff_with(VIEW_REQUESTS, "support.delete_macro"),
        "support-request-macro": staff_with(VIEW_REQUESTS),  # a macro filled in for a reply: as the request screen
        "support-reports": staff_with(VIEW_REQUESTS, VIEW_REPORTS),
        "support-report-csv": staff_with(VIEW_REQUESTS, VIEW_REPORTS),
        "support-return-list": staff_with(VIEW_REQUESTS, VIEW_RETURNS),
        **{f"support-return-{step}": staff_with(VIEW_REQUESTS, CHANGE_REQUESTS, CHANGE_RETURNS)
           for step in RETURN_STEPS},
        "support-goodwill-grant": staff_with(VIEW_REQUESTS, CHANGE_REQUESTS, GRANT_GOODWILL),
        "support-goodwill-list": staff_with(VIEW_REQUESTS, APPROVE_GOODWILL),
        "support-goodwill-decide": staff_with(VIEW_REQUESTS, APPROVE_GOODWILL),
    }

    def ready(self):
        # Django's way to wire an app: the views import models, so only once the registry is ready.
        from support.dashboard import goodwill, macros, reports, returns, views  # noqa: PLC0415

        self.views, self.macros, self.reports = views, macros, reports
        self.returns, self.goodwill = returns, goodwill

    def get_urls(self):
        views, macros, reports = self.views, self.macros, self.reports
        return self.post_process_urls([
            path("", views.InboxView.as_view(), name="support-inbox"),
            path("log/", views.LogRequestView.as_view(), name="support-log"),
            path("requests/<str:reference>/", views.RequestView.as_view(), name="support-request"),
            path("requests/<str:reference>/messages/", views.RequestMessageView.as_view(),
                 name="support-request-message"),
            path("requests/<str:reference>/properties/", views.RequestPropertiesView.as_view(),
                 name="support-request-properties"),
            path("requests/<str:reference>/take/", views.TakeRequestView.as_view(), name="support-request-take"),
            path("files/<str:attachment_code>/", views.AttachmentView.as_view(), name="support-attachment"),
            path("macros/", macros.MacroListView.as_view(), name="support-macro-list"),
            path("macros/new/", macros.MacroCreateView.as_view(), name="support-macro-create"),
            path("macros/<int:pk>/", macros.MacroUpdateView.as_view(), name="support-macro-update"),
            path("macros/<int:pk>/delete/", macros.MacroDeleteView.as_view(), name="support-macro-delete"),
            path("requests/<str:reference>/macro/", macros.MacroReplyView.as_view(), name="support-request-macro"),
            path("reports/", reports.ReportsView.as_view(), name="support-reports"),
            path("reports/<str:report>.csv", reports.ReportCsvView.as_view(), name="support-report-csv"),
            *self.return_urls(),
        ])

    def return_urls(self):
        returns, goodwill = self.returns, self.goodwill
        steps = {"approve": returns.ApproveReturnView, "decline": returns.DeclineReturnView,
                 "receive": returns.ReceiveReturnView, "inspect": returns.InspectReturnView,
                 "resolve": returns.ResolveReturnView}
        return [
            path("returns/", returns.ReturnListView.as_view(), name="support-return-list"),
            *[path(f"requests/<str:reference>/return/{step}/", steps[step].as_view(), name=f"support-return-{step}")
              for step in RETURN_STEPS],
            path("requests/<str:reference>/goodwill/", goodwill.GrantGoodwillView.as_view(),
                 name="support-goodwill-grant"),
            path("goodwill/", goodwill.GoodwillAwaitingView.as_view(), name="support-goodwill-list"),
            path("goodwill/<int:pk>/", goodwill.DecideGoodwillView.as_view(), name="support-goodwill-decide"),
        ]
