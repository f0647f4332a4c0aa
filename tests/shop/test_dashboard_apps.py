"""The store's staff areas are Oscar dashboard apps: Oscar's menu and permission checks open each page to exactly
the staff who could open it before, and the menu of each role shows exactly what it showed before."""

import itertools
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import resolve

from shop.roles import permissions_for

pytestmark = pytest.mark.django_db


# --- The menu of each role --------------------------------------------------------------------------------------


class MenuLinks(HTMLParser):
    """(label, href) of every link in the dashboard's menu bar, headings ("#") included, in order."""

    def __init__(self):
        super().__init__()
        self.inside, self.href, self.text, self.links = False, None, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == "bottom_nav_bar":
            self.inside = True
        elif self.inside and tag == "a":
            self.href, self.text = attrs.get("href"), []

    def handle_data(self, data):
        if self.href is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self.href is not None:
            self.links.append((" ".join("".join(self.text).split()), self.href))
            self.href = None
        elif tag == "nav":
            self.inside = False


def menu_of(client):
    response = client.get("/shop/dashboard/")
    assert response.status_code == 200
    parser = MenuLinks()
    parser.feed(response.content.decode())
    return parser.links


D = "/shop/dashboard/"
MENUS = {
    "support": [
        ("Dashboard", D), ("Catalogue", "#"), ("Products", D + "catalogue/"),
        ("Fulfilment", "#"), ("Orders", D + "orders/"), ("Payments", D + "payments/"),
        ("Statistics", D + "orders/statistics/"),
        ("Customers", "#"), ("Customers", D + "users/"), ("Stock alert requests", D + "users/alerts/"),
        ("Loyalty tiers", D + "loyalty/tiers/"),
        ("Support", "#"), ("Inbox", D + "support/"), ("Log a call, visit or letter", D + "support/log/"),
        ("Returns", D + "support/returns/"), ("Macros", D + "support/macros/"), ("Reports", D + "support/reports/"),
    ],
    "merch": [
        ("Dashboard", D), ("Catalogue", "#"), ("Products", D + "catalogue/"),
        ("Product Types", D + "catalogue/product-types/"), ("Categories", D + "catalogue/categories/"),
        ("Ranges", D + "ranges/"), ("Low stock alerts", D + "catalogue/stock-alerts/"),
        ("Options", D + "catalogue/option/"),
        ("Fulfilment", "#"), ("Orders", D + "orders/"), ("Statistics", D + "orders/statistics/"),
        ("Partners", D + "partners/"),
        ("Customers", "#"), ("Loyalty tiers", D + "loyalty/tiers/"),
        ("Offers", "#"), ("Offers", D + "offers/"), ("Vouchers", D + "vouchers/"),
        ("Voucher Sets", D + "vouchers/sets/"),
        ("Reports", D + "reports/"), ("Feature models", D + "configurator/"), ("Demand", D + "demand/"),
    ],
    "production": [
        ("Dashboard", D), ("Catalogue", "#"), ("Products", D + "catalogue/"),
        ("Fulfilment", "#"), ("Orders", D + "orders/"), ("Production queue", D + "production/"),
        ("Workshop capacity", D + "production/workshop/"), ("Statistics", D + "orders/statistics/"),
    ],
    "admin": [
        ("Dashboard", D), ("Catalogue", "#"), ("Products", D + "catalogue/"),
        ("Product Types", D + "catalogue/product-types/"), ("Categories", D + "catalogue/categories/"),
        ("Ranges", D + "ranges/"), ("Low stock alerts", D + "catalogue/stock-alerts/"),
        ("Options", D + "catalogue/option/"), ("Attribute Option Groups", D + "catalogue/attribute-option-group/"),
        ("Fulfilment", "#"), ("Orders", D + "orders/"), ("Payments", D + "payments/"),
        ("Production queue", D + "production/"), ("Workshop capacity", D + "production/workshop/"),
        ("Statistics", D + "orders/statistics/"), ("Partners", D + "partners/"),
        ("Customers", "#"), ("Customers", D + "users/"), ("Stock alert requests", D + "users/alerts/"),
        ("Loyalty tiers", D + "loyalty/tiers/"), ("Personal data", D + "privacy/"),
        ("Offers", "#"), ("Offers", D + "offers/"), ("Vouchers", D + "vouchers/"),
        ("Voucher Sets", D + "vouchers/sets/"),
        ("Content", "#"), ("Email templates", D + "comms/"),
        ("Reports", D + "reports/"), ("Feature models", D + "configurator/"), ("Demand", D + "demand/"),
        ("Support", "#"), ("Inbox", D + "support/"), ("Log a call, visit or letter", D + "support/log/"),
        ("Returns", D + "support/returns/"), ("Goodwill awaiting approval", D + "support/goodwill/"),
        ("Macros", D + "support/macros/"), ("Reports", D + "support/reports/"),
    ],
}


@pytest.mark.parametrize("role", MENUS)
def test_each_role_sees_exactly_its_menu(client_as, role):
    assert menu_of(client_as(role)) == MENUS[role]


def test_oscar_decides_every_menu_entry_from_the_apps_permissions():
    """No entry carries a hand-written access_fn: Oscar's default one reads the dashboard apps' permissions_map."""
    entries = [entry for section in settings.OSCAR_DASHBOARD_NAVIGATION
               for entry in [section, *section.get("children", ())]]
    assert not [entry["label"] for entry in entries if "access_fn" in entry]


# --- Every staff URL: who may open it ----------------------------------------------------------------------------

VIEW_FEATURE_MODELS = {
    "configurator.view_configurableproduct", "configurator.view_featuregroup", "configurator.view_featureoption",
    "configurator.view_featurerule", "configurator.view_pricerule", "configurator.view_modelversion",
}
RESTORE_VERSION = {"configurator.change_configurableproduct"} | {
    f"configurator.{action}_{model}"
    for model in ("featuregroup", "featureoption", "featurerule", "pricerule", "billofmaterialsline")
    for action in ("add", "change", "delete")}
BILL_OF_MATERIALS = {f"configurator.{action}_billofmaterialsline" for action in ("add", "change", "delete")}
VIEW_REQUESTS = "support.view_supportrequest"
CHANGE_REQUESTS = "support.change_supportrequest"
VIEW_WORK_ORDERS = "production.view_workorder"
VIEW_DEMAND = "demand.view_demand_reports"

FM = D + "configurator/999999/"
SR = D + "support/requests/R-0/"
# (method, address, every permission it needs besides staff status). Addresses name objects that do not exist:
# someone allowed in gets past the check to a 404 (or the page, or a redirect back to it), never a 403.
STAFF_URLS = [
    ("get", D + "configurator/", VIEW_FEATURE_MODELS),
    ("post", D + "configurator/make-configurable/", {"configurator.add_configurableproduct"}),
    ("get", FM, VIEW_FEATURE_MODELS),
    ("get", FM + "settings/", {"configurator.change_configurableproduct"}),
    ("post", FM + "publish/", {"configurator.add_modelversion"}),
    ("post", FM + "versions/1/retire/", {"configurator.change_modelversion"}),
    ("post", FM + "versions/1/restore/", RESTORE_VERSION),
    ("get", FM + "steps/add/", {"configurator.add_featuregroup"}),
    ("get", FM + "steps/1/", {"configurator.change_featuregroup"}),
    ("get", FM + "steps/1/delete/", {"configurator.delete_featuregroup"}),
    ("get", FM + "steps/1/options/add/", {"configurator.add_featureoption", "configurator.add_billofmaterialsline"}),
    ("get", FM + "options/1/", {"configurator.change_featureoption", *BILL_OF_MATERIALS}),
    ("get", FM + "options/1/delete/", {"configurator.delete_featureoption"}),
    ("get", FM + "rules/add/", {"configurator.add_featurerule"}),
    ("get", FM + "rules/1/", {"configurator.change_featurerule"}),
    ("get", FM + "rules/1/delete/", {"configurator.delete_featurerule"}),
    ("get", FM + "price-rules/add/", {"configurator.add_pricerule"}),
    ("get", FM + "price-rules/1/", {"configurator.change_pricerule"}),
    ("get", FM + "price-rules/1/delete/", {"configurator.delete_pricerule"}),
    ("get", FM + "preview/", VIEW_FEATURE_MODELS),
    ("get", D + "production/", {VIEW_WORK_ORDERS}),
    ("post", D + "production/move/", {VIEW_WORK_ORDERS, "production.change_workorder"}),
    ("get", D + "production/pick-list/", {VIEW_WORK_ORDERS}),
    ("post", D + "production/pick-list/", {VIEW_WORK_ORDERS}),
    ("get", D + "production/workshop/", {VIEW_WORK_ORDERS}),
    ("get", D + "production/NOPE/", {VIEW_WORK_ORDERS}),
    ("get", D + "production/NOPE/spec.pdf", {VIEW_WORK_ORDERS}),
    ("get", D + "support/", {VIEW_REQUESTS}),
    ("get", D + "support/log/", {VIEW_REQUESTS, "support.add_supportrequest"}),
    ("get", SR, {VIEW_REQUESTS}),
    ("post", SR + "messages/", {VIEW_REQUESTS, CHANGE_REQUESTS}),
    ("post", SR + "properties/", {VIEW_REQUESTS, CHANGE_REQUESTS}),
    ("post", SR + "take/", {VIEW_REQUESTS, CHANGE_REQUESTS}),
    ("get", D + "support/files/NOPE/", {VIEW_REQUESTS}),
    ("get", D + "support/macros/", {VIEW_REQUESTS, "support.view_macro"}),
    ("get", D + "support/macros/new/", {VIEW_REQUESTS, "support.add_macro"}),
    # the macro form is a create form, so shop.middleware also asks for add_macro
    ("get", D + "support/macros/999999/", {VIEW_REQUESTS, "support.change_macro", "support.add_macro"}),
    ("get", D + "support/macros/999999/delete/", {VIEW_REQUESTS, "support.delete_macro"}),
    ("get", SR + "macro/", {VIEW_REQUESTS}),  # a macro filled in for the reply: JSON, as the request screen
    ("get", D + "support/reports/", {VIEW_REQUESTS, "support.view_support_reports"}),
    ("get", D + "support/reports/nope.csv", {VIEW_REQUESTS, "support.view_support_reports"}),
    ("get", D + "support/returns/", {VIEW_REQUESTS, "returns.view_return"}),
    *[("post", SR + f"return/{step}/", {VIEW_REQUESTS, CHANGE_REQUESTS, "returns.change_return"})
      for step in ("approve", "decline", "receive", "inspect", "resolve")],
    ("post", SR + "goodwill/", {VIEW_REQUESTS, CHANGE_REQUESTS, "returns.add_gesture"}),
    ("get", D + "support/goodwill/", {VIEW_REQUESTS, "returns.approve_goodwill"}),
    ("post", D + "support/goodwill/999999/", {VIEW_REQUESTS, "returns.approve_goodwill"}),
    ("get", D + "payments/", {"payments.view_stripepayment"}),
    ("post", D + "orders/NOPE/refund/", {"payments.add_paymentrefund"}),
    *[("get", D + f"demand/{page}", {VIEW_DEMAND}) for page in (
        "", "combinations/", "funnel/", "versions/", "returns/", "components/", "csv/nope/")],
]
_names = itertools.count()


@pytest.fixture
def person(client):
    """A client signed in as a new user with exactly these permissions: person(perms, is_staff=True)."""

    def sign_in(perms, is_staff=True):
        number = next(_names)
        user = get_user_model().objects.create_user(username=f"dashboard-apps-{number}", is_staff=is_staff,
                                                    email=f"dashboard-apps-{number}@atelier.example")
        if perms:
            user.user_permissions.set(permissions_for(sorted(perms)))
        client.force_login(user)
        return client

    return sign_in


def answer(client, method, address):
    return getattr(client, method)(address)


@pytest.mark.parametrize(("method", "address", "perms"), STAFF_URLS, ids=[f"{m} {a}" for m, a, _ in STAFF_URLS])
def test_anonymous_visitors_are_sent_to_the_login_page(client, method, address, perms):
    response = answer(client, method, address)
    assert response.status_code == 302
    assert response["Location"].startswith("/shop/accounts/login/?next=")


@pytest.mark.parametrize(("method", "address", "perms"), STAFF_URLS, ids=[f"{m} {a}" for m, a, _ in STAFF_URLS])
def test_each_staff_url_needs_staff_status_and_every_one_of_its_permissions(person, method, address, perms):
    allowed = answer(person(perms), method, address)
    assert allowed.status_code != 403
    assert not allowed.get("Location", "").startswith("/shop/accounts/login/")
    assert answer(person(perms, is_staff=False), method, address).status_code == 403
    assert answer(person(set()), method, address).status_code == 403
    for missing in perms:
        assert answer(person(perms - {missing}), method, address).status_code == 403, missing


def test_the_list_covers_every_url_of_the_staff_areas():
    areas = [apps.get_app_config(label) for label in
             ("configurator_dashboard", "production_dashboard", "support_dashboard", "payments_dashboard",
              "demand_dashboard")]
    assert {resolve(address).url_name for _, address, _ in STAFF_URLS} == {
        pattern.name for area in areas for pattern in area.urls[0]}
