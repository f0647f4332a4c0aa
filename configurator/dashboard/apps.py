from django.urls import path

from configurator.dashboard.permissions import MAKE_CONFIGURABLE, RESTORE_VERSION, VIEW_PERMISSIONS
from shop.staff import StaffAreaConfig, staff_with


class ConfiguratorDashboardConfig(StaffAreaConfig):
    """Dashboard → Feature models: merchandisers edit the drafts, try them in the shopper's configurator (preview),
    publish them and retire versions, each after a page saying what it changes."""

    name = "configurator.dashboard"
    label = "configurator_dashboard"
    verbose_name = "Feature models dashboard"

    default_permissions = staff_with(*VIEW_PERMISSIONS)
    permissions_map = {
        "feature-model-list": staff_with(*VIEW_PERMISSIONS),
        "feature-model-create": staff_with(*MAKE_CONFIGURABLE),
        "feature-model-detail": staff_with(*VIEW_PERMISSIONS),
        "feature-model-preview": staff_with(*VIEW_PERMISSIONS),
        "feature-model-settings": staff_with("configurator.change_configurableproduct"),
        "feature-model-publish": staff_with("configurator.add_modelversion"),
        "feature-model-version-retire": staff_with("configurator.change_modelversion"),
        "feature-model-version-restore": staff_with(*RESTORE_VERSION),
        "feature-model-group-create": staff_with("configurator.add_featuregroup"),
        "feature-model-group-update": staff_with("configurator.change_featuregroup"),
        "feature-model-group-delete": staff_with("configurator.delete_featuregroup"),
        "feature-model-option-create": staff_with("configurator.add_featureoption",
                                                  "configurator.add_billofmaterialsline"),
        "feature-model-option-update": staff_with("configurator.change_featureoption",
                                                  "configurator.add_billofmaterialsline",
                                                  "configurator.change_billofmaterialsline",
                                                  "configurator.delete_billofmaterialsline"),
        "feature-model-option-delete": staff_with("configurator.delete_featureoption"),
        "feature-model-rule-create": staff_with("configurator.add_featurerule"),
        "feature-model-rule-update": staff_with("configurator.change_featurerule"),
        "feature-model-rule-delete": staff_with("configurator.delete_featurerule"),
        "feature-model-price-rule-create": staff_with("configurator.add_pricerule"),
        "feature-model-price-rule-update": staff_with("configurator.change_pricerule"),
        "feature-model-price-rule-delete": staff_with("configurator.delete_pricerule"),
    }

    def ready(self):
        # Django's way to wire an app: the views import models, so only once the registry is ready.
        from configurator.dashboard import draft_preview, publishing, views  # noqa: PLC0415

        self.views, self.publishing, self.draft_preview = views, publishing, draft_preview

    def get_urls(self):
        views, publishing = self.views, self.publishing
        return self.post_process_urls([
            path("", views.ProductListView.as_view(), name="feature-model-list"),
            path("make-configurable/", views.MakeConfigurableView.as_view(), name="feature-model-create"),
            path("<int:pk>/", views.ProductModelView.as_view(), name="feature-model-detail"),
            path("<int:pk>/settings/", views.ProductSettingsView.as_view(), name="feature-model-settings"),
            path("<int:pk>/preview/", self.draft_preview.DraftPreviewView.as_view(), name="feature-model-preview"),
            path("<int:pk>/publish/", publishing.PublishView.as_view(), name="feature-model-publish"),
            path("<int:pk>/versions/<int:version_pk>/retire/", publishing.RetireVersionView.as_view(),
                 name="feature-model-version-retire"),
            path("<int:pk>/versions/<int:version_pk>/restore/", views.RestoreVersionView.as_view(),
                 name="feature-model-version-restore"),
            path("<int:pk>/steps/add/", views.GroupCreateView.as_view(), name="feature-model-group-create"),
            path("<int:pk>/steps/<int:group_pk>/", views.GroupUpdateView.as_view(), name="feature-model-group-update"),
            path("<int:pk>/steps/<int:group_pk>/delete/", views.GroupDeleteView.as_view(),
                 name="feature-model-group-delete"),
            path("<int:pk>/steps/<int:group_pk>/options/add/", views.OptionCreateView.as_view(),
                 name="feature-model-option-create"),
            path("<int:pk>/options/<int:option_pk>/", views.OptionUpdateView.as_view(),
                 name="feature-model-option-update"),
            path("<int:pk>/options/<int:option_pk>/delete/", views.OptionDeleteView.as_view(),
                 name="feature-model-option-delete"),
            path("<int:pk>/rules/add/", views.RuleCreateView.as_view(), name="feature-model-rule-create"),
            path("<int:pk>/rules/<int:rule_pk>/", views.RuleUpdateView.as_view(), name="feature-model-rule-update"),
            path("<int:pk>/rules/<int:rule_pk>/delete/", views.RuleDeleteView.as_view(),
                 name="feature-model-rule-delete"),
            path("<int:pk>/price-rules/add/", views.PriceRuleCreateView.as_view(),
                 name="feature-model-price-rule-create"),
            path("<int:pk>/price-rules/<int:price_rule_pk>/", views.PriceRuleUpdateView.as_view(),
                 name="feature-model-price-rule-update"),
            path("<int:pk>/price-rules/<int:price_rule_pk>/delete/", views.PriceRuleDeleteView.as_view(),
                 name="feature-model-price-rule-delete"),
        ])
