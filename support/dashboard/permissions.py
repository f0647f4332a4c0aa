"""The permissions of the support desk: apps.py maps them to its URLs, the views and forms use them too."""

VIEW_REQUESTS = "support.view_supportrequest"
CHANGE_REQUESTS = "support.change_supportrequest"
ADD_REQUESTS = "support.add_supportrequest"
VIEW_REPORTS = "support.view_support_reports"

# returns and goodwill (support.returns): see and settle returns; grant goodwill up to the agent limit; approve it
VIEW_RETURNS = "returns.view_return"
CHANGE_RETURNS = "returns.change_return"
GRANT_GOODWILL = "returns.add_gesture"
APPROVE_GOODWILL = "returns.approve_goodwill"
