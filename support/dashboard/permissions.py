"""The permissions of the support desk: apps.py maps them to its URLs, the views and forms use them too."""

VIEW_REQUESTS = "support.view_supportrequest"
CHANGE_REQUESTS = "support.change_supportrequest"
ADD_REQUESTS = "support.add_supportrequest"
VIEW_REPORTS = "support.view_support_reports"
