"""Who sees the dashboard's Payments page. Imports nothing from Django, so settings can use it for the menu."""

VIEW_PAYMENTS = "payments.view_stripepayment"


def may_see_payments(user, url_name=None, url_args=None, url_kwargs=None):
    """Whether the dashboard menu shows "Payments" to this user (the same check as the page)."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perm(VIEW_PAYMENTS))
