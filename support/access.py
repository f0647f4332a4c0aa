"""Who works the support desk. Imports nothing from Django, so settings can use it for the menu."""

VIEW_REQUESTS = "support.view_supportrequest"
CHANGE_REQUESTS = "support.change_supportrequest"
ADD_REQUESTS = "support.add_supportrequest"
VIEW_REPORTS = "support.view_support_reports"
MANAGE_MACROS = "support.change_macro"


def may_see_support(user, url_name=None, url_args=None, url_kwargs=None):
    """Whether the dashboard menu shows the support desk (the same check as its pages)."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perm(VIEW_REQUESTS))


def may_see_support_reports(user, url_name=None, url_args=None, url_kwargs=None):
    return bool(may_see_support(user) and user.has_perm(VIEW_REPORTS))


def may_manage_macros(user, url_name=None, url_args=None, url_kwargs=None):
    return bool(may_see_support(user) and user.has_perm(MANAGE_MACROS))
