"""Every page is served under a Content-Security-Policy that runs no inline script.

Shopper pages carry no inline script at all (no nonce needed): scripts come from static files (or Stripe.js on
the payment page), values reach them in data attributes or JSON blocks, and no element has an on* handler or a
style attribute. The staff dashboard runs Oscar's inline set-up under a per-request nonce.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from configurator.models import ConfigurableProduct
from configurator.production.models import WorkOrder
from configurator.services import save_configuration
from tests.orders import SNEAKER, paid_order
from tests.shop.payments.conftest import go_to_payment

pytestmark = pytest.mark.django_db


def policy(response):
    header = response.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inline_scripts, self.handlers, self.styles, self.script_tags = [], [], [], []
        self._in_inline_script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attributes.items():
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.styles.append(f"<{tag} style={value!r}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                    "javascript:"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
        if tag == "style":
            self.styles.append("<style>")
        if tag == "script":
            self.script_tags.append(attributes)
            data_only = attributes.get("type") in ("application/json", "application/ld+json")
            self._in_inline_script = None if ("src" in attributes or data_only) else ""

    def handle_data(self, data):
        if self._in_inline_script is not None:
            self._in_inline_script += data

    def handle_endtag(self, tag):
        if tag == "script" and self._in_inline_script is not None:
            if self._in_inline_script.strip():
                self.inline_scripts.append(self._in_inline_script.strip()[:80])
            self._in_inline_script = None


def parsed(response):
    page = _Page()
    page.feed(response.content.decode())
    page.close()
    return page


@pytest.fixture
def shopper_pages(client_as, demo_user, stripe_server):
    """path → response of each page a shopper sees on the way from the home page to the order and help."""
    Product = get_model("catalogue", "Product")
    sneaker = Product.objects.get(upc="ATL-SNK-001")
    shopper = demo_user("shopper")
    version = ConfigurableProduct.objects.get(product=sneaker).current_version
    order = paid_order(version, SNEAKER, user=shopper)
    client = client_as("shopper")
    go_to_payment(client, shopper, save_configuration(version=version, options=SNEAKER))
    paths = ["/", "/shop/catalogue/", sneaker.get_absolute_url(),
             reverse("configurator:configure", kwargs={"slug": sneaker.slug}), "/shop/basket/",
             "/shop/checkout/payment-details/", f"/shop/accounts/orders/{order.number}/", "/help/",
             "/shop/accounts/profile/edit/"]
    responses = {path: client.get(path) for path in paths}
    for path, response in responses.items():
        assert response.status_code == 200, path
    return responses


def test_shopper_pages_are_served_under_a_policy_without_inline_script(shopper_pages, settings):
    for path, response in shopper_pages.items():
        directives = policy(response)
        assert directives["script-src"][0] == "'self'", path
        assert "'unsafe-inline'" not in directives["script-src"], path
        assert not any(source.startswith("'nonce-") for source in directives["script-src"]), path
        assert "'unsafe-inline'" not in directives["style-src"], path
        assert "'unsafe-eval'" not in directives["script-src"], path
        assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"], path
        assert directives["base-uri"] == ["'self'"] and directives["form-action"] == ["'self'"], path
        assert directives["img-src"] == ["'self'", "data:"], path
        stripe = settings.STRIPE_JS_URL.split("/js.stripe.com")[0]  # the test session's localstripe
        assert stripe in directives["script-src"] and stripe in directives["connect-src"], path


def test_shopper_pages_have_no_inline_script_handlers_or_styles(shopper_pages):
    for path, response in shopper_pages.items():
        page = parsed(response)
        assert page.inline_scripts == [], path
        assert page.handlers == [], path
        assert page.styles == [], path
        assert page.script_tags, path  # the pages do script, from files


def test_the_payment_page_loads_stripe_js_from_the_origin_the_policy_allows(shopper_pages, settings):
    response = shopper_pages["/shop/checkout/payment-details/"]
    sources = [tag["src"] for tag in parsed(response).script_tags]
    assert settings.STRIPE_JS_URL in sources
    assert settings.STRIPE_JS_URL.startswith(policy(response)["script-src"][1])


def test_real_stripe_is_allowed_by_its_own_origins(client, settings):
    settings.STRIPE_JS_URL, settings.STRIPE_API_BASE = "https://js.stripe.com/v3/", ""
    directives = policy(client.get("/shop/basket/"))
    assert "https://js.stripe.com" in directives["script-src"]
    assert directives["frame-src"] == ["'self'", "https://js.stripe.com", "https://hooks.stripe.com"]
    assert "https://api.stripe.com" in directives["connect-src"]


def test_the_dashboard_runs_oscars_inline_set_up_only_under_the_nonce(client_as, demo_user):
    order = paid_order(ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version,
                       SNEAKER, user=demo_user("shopper"))
    number = WorkOrder.objects.filter(order=order).first().number
    response = client_as("production").get(reverse("dashboard:production-work-order", kwargs={"number": number}))
    directives = policy(response)
    nonces = [source for source in directives["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) == 1 and "'unsafe-inline'" not in directives["script-src"]
    html = response.content.decode()
    assert html.count("<script nonce=") == 1 and f'<script nonce="{nonces[0][7:-1]}">' in html
    assert parsed(response).handlers == []


def test_the_merchandisers_model_page_asks_before_retiring_without_inline_handlers(client_as):
    configurable = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001")
    response = client_as("merch").get(reverse("dashboard:feature-model-detail", kwargs={"pk": configurable.pk}))
    assert response.status_code == 200
    assert parsed(response).handlers == []
    version = configurable.current_version
    retire = reverse("dashboard:feature-model-version-retire", kwargs={"pk": configurable.pk, "version_pk": version.pk})
    assert f'href="{retire}">Retire…</a>' in response.content.decode()  # asks on its own page, no script needed


def test_wagtail_and_django_admin_are_left_out_of_the_policy(client_as):
    client = client_as("admin")
    for path in ("/cms/", "/django-admin/"):
        response = client.get(path)
        assert response.status_code == 200 and "Content-Security-Policy" not in response, path


def test_dashboard_forms_cancel_without_inline_handlers(client_as):
    """Oscar writes its forms' "Cancel" as an inline onclick, which the policy would silently block."""
    response = client_as("admin").get(reverse("dashboard:catalogue-class-create"))
    assert response.status_code == 200
    page = parsed(response)
    assert page.handlers == [] and "data-history-back" in response.content.decode()
