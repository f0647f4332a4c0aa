"""Every page renders for the right user and refuses the wrong one."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.views.defaults import permission_denied
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from configurator.production.models import Workstation
from shop.apps.basket.models import BasketNotEditable

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/about/",
    "/workshop/",
    "/help/",
    "/help/?q=returns",
    "/shop/catalogue/",
    "/shop/basket/",
    "/shop/search/?q=sneaker",
    "/shop/accounts/login/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_render_for_anyone(client_as, url):
    response = client_as(None).get(url)
    assert response.status_code == 200
    assert b"<header class=\"site-header\">" in response.content
    assert b"<footer class=\"site-footer\">" in response.content


def test_product_page_renders(client):
    product = get_model("catalogue", "Product").objects.get(upc="ATL-SNK-001")
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    assert product.title.encode() in response.content


@pytest.mark.parametrize("url", ["/shop/accounts/", "/shop/accounts/orders/", "/shop/dashboard/", "/cms/",
                                 "/django-admin/"])
def test_anonymous_visitors_are_sent_to_a_login_form(client_as, url):
    response = client_as(None).get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_shopper_sees_their_account(client_as):
    response = client_as("shopper").get("/shop/accounts/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/shop/accounts/profile/"
    assert b"Sam" in response.content or b"shopper@atelier.example" in response.content


@pytest.mark.parametrize("url", ["/shop/dashboard/", "/shop/dashboard/orders/", "/shop/dashboard/catalogue/",
                                 "/cms/", "/cms/pages/", "/django-admin/"])
def test_shopper_is_refused_staff_areas(client_as, url):
    response = client_as("shopper").get(url)
    assert response.status_code == 403
    assert b"for Atelier staff only" in response.content


ROLE_ACCESS = [
    # role, url, expected status
    ("support", "/shop/dashboard/", 200),
    ("support", "/shop/dashboard/orders/", 200),
    ("support", "/shop/dashboard/users/", 200),
    ("support", "/shop/dashboard/catalogue/products/create/", 403),
    ("support", "/cms/", 200),
    ("merch", "/shop/dashboard/", 200),
    ("merch", "/shop/dashboard/catalogue/", 200),
    ("merch", "/shop/dashboard/offers/", 200),
    ("merch", "/shop/dashboard/users/", 403),
    ("merch", "/cms/", 200),
    ("production", "/shop/dashboard/", 200),
    ("production", "/shop/dashboard/orders/", 200),
    ("production", "/shop/dashboard/offers/", 403),
    ("production", "/cms/", 403),
    ("admin", "/shop/dashboard/", 200),
    ("admin", "/cms/", 200),
    ("admin", "/django-admin/", 200),
]


@pytest.mark.parametrize(("role", "url", "status"), ROLE_ACCESS)
def test_staff_roles_open_exactly_their_areas(client_as, role, url, status):
    assert client_as(role).get(url).status_code == status


def test_login_url_is_oscars_login(settings):
    assert resolve_url(settings.LOGIN_URL) == "/shop/accounts/login/"


def test_header_shows_the_basket_count(client):
    product = get_model("catalogue", "Product").objects.get(upc="ATL-ACC-LACE")
    page = client.get("/").content.decode()
    assert 'data-basket-count aria-label="0 items">0<' in page
    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 2})
    assert response.status_code == 302
    page = client.get("/help/").content.decode()
    assert 'data-basket-count aria-label="2 items">2<' in page


@pytest.mark.parametrize(("role", "status"), [("support", 403), ("production", 403), ("merch", 200), ("admin", 200)])
def test_dashboard_views_outside_oscars_permission_map_require_model_permissions(client_as, role, status):
    # Oscar guards these with is_staff only; a support agent must not edit categories.
    assert client_as(role).get("/shop/dashboard/catalogue/categories/create/").status_code == status
    assert client_as(role).get("/shop/dashboard/catalogue/categories/").status_code == status


@pytest.mark.parametrize("role", ["support", "merch", "production", "admin"])
def test_every_dashboard_menu_entry_opens_or_refuses_cleanly(client_as, role):
    client = client_as(role)
    opened = 0
    for section in settings.OSCAR_DASHBOARD_NAVIGATION:
        for entry in [section, *section.get("children", [])]:
            if "url_name" not in entry:
                continue
            status = client.get(reverse(entry["url_name"])).status_code
            assert status in (200, 403), (role, entry["url_name"], status)
            opened += status == 200
    assert opened >= 2


def test_unknown_pages_answer_404_in_the_store_look(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"We couldn't find that page" in response.content
    assert b"<header class=\"site-header\">" in response.content


@pytest.mark.parametrize("url", [
    "/shop/accounts/wishlists/create/with-product/999999/",
    "/shop/accounts/wishlists/add/999999/",
    "/shop/accounts/wishlists/",
    "/shop/accounts/wishlists/nosuchkey/",
    "/shop/catalogue/no-such-product_999999/reviews/",
    "/shop/catalogue/no-such-product_999999/reviews/add/",
    "/shop/catalogue/no-such-product_999999/reviews/1/",
])
def test_hidden_oscar_features_answer_404_not_500(client_as, url):
    """Wishlists and reviews are hidden; a URL of theirs, even for a product that doesn't exist, is a plain 404."""
    response = client_as("shopper").get(url)
    assert response.status_code == 404
    assert b"We couldn't find that page" in response.content


def test_the_cms_shows_staff_avatars_without_asking_gravatar(client_as):
    client = client_as("admin")
    for url in ("/cms/", "/cms/users/"):
        response = client.get(url)
        assert response.status_code == 200
        assert b"gravatar.com" not in response.content


@pytest.fixture
def an_order(demo_user):
    return create_order(user=demo_user("shopper"))


@pytest.mark.parametrize("role", ["support", "production", "merch"])
def test_staff_roles_cannot_open_django_admins_order_form(client_as, an_order, role):
    client = client_as(role)
    assert client.get(f"/django-admin/order/order/{an_order.pk}/change/").status_code == 403
    response = client.post(f"/django-admin/order/order/{an_order.pk}/change/", {"status": "Cancelled"})
    assert response.status_code == 403
    an_order.refresh_from_db()
    assert an_order.status != "Cancelled"
    assert client.get("/django-admin/order/").status_code == 403
    assert client.get("/django-admin/autocomplete/", {"app_label": "order", "model_name": "order",
                                                      "field_name": "user", "term": "a"}).status_code == 403


@pytest.mark.parametrize("role", ["support", "merch"])
def test_roles_without_admin_apps_are_refused_django_admin(client_as, role):
    assert client_as(role).get("/django-admin/").status_code == 403


def test_the_planner_sees_only_the_workshop_set_up_in_django_admin(client_as):
    page = client_as("production").get("/django-admin/")
    assert page.status_code == 200
    apps = {app["app_label"] for app in page.context["app_list"]}
    assert apps == {"production"}
    assert client_as("production").get("/django-admin/support/queue/").status_code == 403


def test_the_planner_edits_a_workstations_capacity_in_django_admin(client_as):
    station = Workstation.objects.order_by("pk").first()
    client = client_as("production")
    form = client.get(f"/django-admin/production/workstation/{station.pk}/change/")
    assert form.status_code == 200
    data = {field.html_name: field.value() for field in form.context["adminform"].form
            if field.value() is not None}
    data["daily_capacity_minutes"] = station.daily_capacity_minutes + 30
    response = client.post(f"/django-admin/production/workstation/{station.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    station.refresh_from_db()
    assert station.daily_capacity_minutes == data["daily_capacity_minutes"]


def test_the_administrator_still_opens_django_admins_order_form(client_as, an_order):
    assert client_as("admin").get(f"/django-admin/order/order/{an_order.pk}/change/").status_code == 200


def test_a_refusal_says_why_rather_than_calling_everyone_staff(rf):
    """A shopper whose basket is being paid for is told that, not that the page is for staff."""
    page = permission_denied(rf.get("/shop/basket/"), BasketNotEditable("Frozen")).content.decode()
    assert "Your basket is being paid for, so it cannot change now" in page and "staff" not in page
