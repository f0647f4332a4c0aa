"""The permissions of the feature-model dashboard: apps.py maps them to its URLs, the views show what they allow."""

# Reading a feature model shows its steps, options, rules, price rules and versions: all of them may be seen.
VIEW_PERMISSIONS = (
    "configurator.view_configurableproduct",
    "configurator.view_featuregroup",
    "configurator.view_featureoption",
    "configurator.view_featurerule",
    "configurator.view_pricerule",
    "configurator.view_modelversion",
)
MAKE_CONFIGURABLE = ("configurator.add_configurableproduct",)
# Restoring a version replaces the draft: it deletes and recreates every draft item.
RESTORE_VERSION = (
    "configurator.change_configurableproduct",
    *[f"configurator.{action}_{model}" for model in (
        "featuregroup", "featureoption", "featurerule", "pricerule", "billofmaterialsline",
    ) for action in ("add", "change", "delete")],
)
