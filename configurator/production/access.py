"""Who sees production in the dashboard. Imports nothing from Django, so settings can use it for the menu."""

VIEW_WORK_ORDERS = "production.view_workorder"
MOVE_WORK_ORDERS = "production.change_workorder"


def may_see_production(user, url_name=None, url_args=None, url_kwargs=None):
    """Whether the dashboard menu shows "Production" to this user (the same check as the pages)."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perm(VIEW_WORK_ORDERS))
