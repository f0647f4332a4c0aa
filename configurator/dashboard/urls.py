"""Feature-model dashboard, included at shop/dashboard/configurator/ with the namespace "configurator-dashboard"."""

from django.urls import path

from configurator.dashboard import views

app_name = "configurator-dashboard"

urlpatterns = [
    path("", views.ProductListView.as_view(), name="product-list"),
    path("make-configurable/", views.MakeConfigurableView.as_view(), name="make-configurable"),
    path("<int:pk>/", views.ProductModelView.as_view(), name="product-model"),
    path("<int:pk>/settings/", views.ProductSettingsView.as_view(), name="product-settings"),
    path("<int:pk>/publish/", views.PublishView.as_view(), name="publish"),
    path("<int:pk>/versions/<int:version_pk>/retire/", views.RetireVersionView.as_view(), name="version-retire"),
    path("<int:pk>/versions/<int:version_pk>/restore/", views.RestoreVersionView.as_view(),
         name="version-restore"),
    path("<int:pk>/steps/add/", views.GroupCreateView.as_view(), name="group-create"),
    path("<int:pk>/steps/<int:group_pk>/", views.GroupUpdateView.as_view(), name="group-update"),
    path("<int:pk>/steps/<int:group_pk>/delete/", views.GroupDeleteView.as_view(), name="group-delete"),
    path("<int:pk>/steps/<int:group_pk>/options/add/", views.OptionCreateView.as_view(), name="option-create"),
    path("<int:pk>/options/<int:option_pk>/", views.OptionUpdateView.as_view(), name="option-update"),
    path("<int:pk>/options/<int:option_pk>/delete/", views.OptionDeleteView.as_view(), name="option-delete"),
    path("<int:pk>/rules/add/", views.RuleCreateView.as_view(), name="rule-create"),
    path("<int:pk>/rules/<int:rule_pk>/", views.RuleUpdateView.as_view(), name="rule-update"),
    path("<int:pk>/rules/<int:rule_pk>/delete/", views.RuleDeleteView.as_view(), name="rule-delete"),
    path("<int:pk>/price-rules/add/", views.PriceRuleCreateView.as_view(), name="price-rule-create"),
    path("<int:pk>/price-rules/<int:price_rule_pk>/", views.PriceRuleUpdateView.as_view(), name="price-rule-update"),
    path("<int:pk>/price-rules/<int:price_rule_pk>/delete/", views.PriceRuleDeleteView.as_view(),
         name="price-rule-delete"),
]
