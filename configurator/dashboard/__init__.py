"""Staff dashboard where merchandisers edit the draft feature models, publish them and retire versions.

This module imports nothing from Django so settings can use ``may_see_feature_models`` as the Oscar menu
entry's ``access_fn`` (Oscar's default access check only knows the URLs of its own dashboard apps).
"""

# Reading a feature model shows its steps, options, rules, price rules and versions: all of them may be seen.
VIEW_PERMISSIONS = (
    "configurator.view_configurableproduct",
    "configurator.view_featuregroup",
    "configurator.view_featureoption",
    "configurator.view_featurerule",
    "configurator.view_pricerule",
    "configurator.view_modelversion",
)


def may_see_feature_models(user, url_name=None, url_args=None, url_kwargs=None):
    """Whether the dashboard menu shows "Feature models" to this user (the same check as the list page)."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perms(VIEW_PERMISSIONS))
