"""Customers start a return from their order page (members, and guests with the order's link), the policy answers
for every reason at once, the return's page follows it step by step and prints the return slip. Nobody but the
order's owner reaches any of it."""

import base64
import re
import zlib
from urllib.parse import quote

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order
from reportlab.graphics.barcode.qr import QrCodeWidget

from configurator.models import ConfigurableProduct
from configurator.production.models import WorkOrder
from configurator.services import add_configuration_to_basket, save_configuration
from support import links
from support.models import Attachment, SupportRequest
from support.returns import services
from support.returns.models import Reason, Return, ReturnStatus
from support.returns.policy import delivered_on
from support.returns.selectors import delivered_days, returnable_lines
from support.returns.slip import slip_story
from tests.orders import SNEAKER, paid_order
from tests.shop.test_content_security_policy import parsed
from tests.support.returns.conftest import ship
from tests.support.test_customer_requests import png_bytes, upload

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
OrderStatusChange = get_model("order", "OrderStatusChange")
Selector = get_class("partner.strategy", "Selector")
START = "/shop/support/returns/new/"


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Guests' posts count against the anonymous limit per address: each test starts from none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sneaker_version(db):
    return ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version


@pytest.fixture
def order_of(sneaker_version):
    """order_of(user, texts=...) → a paid sneaker order of ``user`` (a guest's when None), made and shipped."""
    def make(user=None, **extra):
        return ship(paid_order(sneaker_version, SNEAKER, user=user, **extra))

    return make


@pytest.fixture
def shopper_order(order_of, shopper):
    return order_of(shopper)


@pytest.fixture
def guest_order(order_of):
    order = order_of(None)
    assert order.user_id is None and order.guest_email == "guest@example.com"
    return order


def form_url(order, line=None, key=None):
    line = line or order.lines.get()
    return f"{START}?order={order.number}&line={line.pk}" + (f"&key={key}" if key else "")


def posted(order, *, key=None, **fields):
    """The body of a "Start a return" form: one unit, for size or fit, a refund, with a message."""
    body = {"order": order.number, "line": order.lines.get().pk, "quantity": "1", "reason": "fit",
            "wanted": "refund", "message": "Too tight across the toes."}
    if key:
        body["key"] = key
    body.update(fields)
    return body


def photo():
    return upload("toes.png", png_bytes(), "image/png")


def pdf_text(pdf):
    """The text drawn on a ReportLab PDF's pages (its page streams, ASCII85 and Flate encoded)."""
    streams = re.findall(rb"/Filter \[ /ASCII85Decode /FlateDecode \][^>]*>>\s*stream\r?\n(.*?)endstream", pdf,
                         re.S)
    return "".join(zlib.decompress(base64.a85decode(stream.strip().removesuffix(b"~>"))).decode("latin-1")
                   for stream in streams)


def start(order, customer=None, **overrides):
    values = {"order": order, "line": overrides.pop("line", None) or order.lines.get(), "quantity": 1,
              "reason": Reason.FIT, "wanted": "refund",
              "customer": customer, "email": customer.email if customer else order.guest_email,
              "name": customer.get_full_name() if customer else "Gina Guest"}
    values.update(overrides)
    return services.start_return(**values)


# --- Starting a return ----------------------------------------------------------------------------------------

def test_a_member_starts_a_return_with_a_photo_and_lands_on_its_page(client_as, shopper_order,
                                                                       django_capture_on_commit_callbacks):
    client = client_as("shopper")
    order_page = client.get(f"/shop/accounts/orders/{shopper_order.number}/").content.decode()
    line = shopper_order.lines.get()
    link = f'href="{START}?order={shopper_order.number}&amp;line={line.pk}" data-start-return="{line.pk}"'
    assert link in order_page and ">Start a return</a>" in order_page

    page = client.get(form_url(shopper_order))
    html = page.content.decode()
    assert page.status_code == 200 and "What our return policy says for this item" in html
    assert html.count("<tr data-verdict=") == len(Reason)
    assert 'data-verdict="changed_mind" data-eligible="yes" data-outcomes="refund exchange credit"' in html
    assert 'data-verdict="fit" data-eligible="yes" data-outcomes="refund remake exchange credit"' in html
    assert "An exchange for another configuration" in html
    assert parsed(page).inline_scripts == [] and "/static/js/returns.js" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(START, posted(shopper_order, wanted="remake", attachments=[photo()]))
    ret = Return.objects.get(order=shopper_order)
    request = ret.request
    assert response.status_code == 302 and response["Location"] == f"/shop/accounts/support/{request.code}/"
    assert (ret.quantity, ret.reason, ret.wanted, ret.status) == (1, "fit", "remake", ReturnStatus.REQUESTED)
    assert request.customer.email == "shopper@atelier.example" and request.kind == "return"
    first = request.messages.order_by("created_at", "pk").first()
    assert first.body == "Too tight across the toes." and [a.filename for a in first.attachments.all()] == [
        "toes.png"]
    assert mail.outbox[-1].to == ["shopper@atelier.example"] and request.reference in mail.outbox[-1].subject

    page = client.get(response["Location"]).content.decode()
    assert f"Return {ret.number}: 1 × {line.title}" in page
    assert re.search(r'data-step="Requested">\s*<span class="production-timeline__label">Requested</span>\s*<time',
                     page)
    assert 'data-step="Approved" aria-current="step"' in page and "Print your return slip" not in page
    assert f"/shop/accounts/support/{request.code}/files/" in page and "toes.png" in page
    assert "exchange" not in page.lower()


def test_a_guest_starts_a_return_from_the_order_link_and_follows_it_by_the_signed_link(
        client, guest_order, django_capture_on_commit_callbacks):
    key = guest_order.verification_hash()
    kwargs = {"order_number": guest_order.number, "hash": key}
    order_page = client.post(reverse("customer:anon-order-form", kwargs=kwargs), {"email": "guest@example.com"},
                             follow=True).content.decode()
    line = guest_order.lines.get()
    assert f'href="{START}?order={guest_order.number}&amp;line={line.pk}&amp;key={quote(key)}"' in order_page

    page = client.get(form_url(guest_order, key=key)).content.decode()
    assert 'name="name"' in page and "We write to guest@example.com" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(START, posted(guest_order, key=key, name="Gina Guest", attachments=[photo()]))
    ret = Return.objects.get(order=guest_order)
    assert ret.request.customer is None and ret.request.email == "guest@example.com"
    assert ret.request.name == "Gina Guest"
    link = response["Location"]
    assert response.status_code == 302 and link == links.request_path(ret.request) and link.startswith(
        "/shop/support/r/")
    assert mail.outbox[-1].body.startswith("Hello Gina,") and link in mail.outbox[-1].body
    assert Attachment.objects.filter(message__request=ret.request, filename="toes.png").exists()
    page = client.get(link).content.decode()
    assert f"Return {ret.number}" in page and "toes.png" in page


def test_a_guest_needs_a_name_and_is_rate_limited_like_any_anonymous_request(client, guest_order, settings):
    settings.SUPPORT_ANONYMOUS_RATE = "2/h"
    key = guest_order.verification_hash()
    response = client.post(START, posted(guest_order, key=key, name=" "))
    assert response.status_code == 200 and "Tell us your name" in response.content.decode()
    response = client.post(START, posted(guest_order, key=key, name="Gina Guest", reason=""))
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    response = client.post(START, posted(guest_order, key=key, name="Gina Guest"))
    assert response.status_code == 429 and b"Nothing of this last one was saved" in response.content
    assert not Return.objects.filter(order=guest_order).exists()


# --- The policy answers, and a refusal opens nothing -------------------------------------------------------

def test_the_policy_refuses_a_change_of_mind_on_a_personal_item_with_why_and_opens_nothing(client_as, order_of,
                                                                                            shopper):
    order = order_of(shopper, texts={"monogram": "ADA"})
    client = client_as("shopper")
    before = (SupportRequest.objects.count(), Return.objects.count())
    page = client.get(form_url(order)).content.decode()
    assert 'data-verdict="changed_mind" data-eligible="no" data-outcomes=""' in page
    assert 'data-verdict="fit" data-eligible="yes" data-outcomes="remake exchange"' in page
    assert "It was made to your personal specification (your monogram)" in page

    response = client.post(START, posted(order, reason="changed_mind", wanted="refund"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "can&#x27;t be returned because you changed your mind" in html
    get_help = f'href="/shop/support/new/?order={order.number}&amp;line={order.lines.get().pk}">get help'
    assert '<div class="alert alert-warning" data-not-eligible>' in html and get_help in html  # never a dead end
    response = client.post(START, posted(order, reason="fit", wanted="refund"))
    assert "For “Size or fit” we can offer a remake or an exchange for another configuration." in \
        response.content.decode()
    assert (SupportRequest.objects.count(), Return.objects.count()) == before

    response = client.post(START, posted(order, reason="fit", wanted="remake"), follow=True)
    page = response.content.decode()
    assert "Our return policy: It was made to your personal specification (your monogram): within 30 days of " \
           "delivery we remake it." in page


def test_an_outcome_the_policy_does_not_offer_for_the_reason_is_refused(client_as, shopper_order):
    response = client_as("shopper").post(START, posted(shopper_order, reason="changed_mind", wanted="remake"))
    assert "For “Changed my mind” we can offer a refund to my card, an exchange for another configuration or " \
           "store credit." in response.content.decode()
    response = client_as("shopper").post(START, posted(shopper_order, wanted="swap"))
    assert "Select a valid choice. swap is not one of the available choices." in response.content.decode()
    assert not Return.objects.filter(order=shopper_order).exists()


def test_a_refusal_of_the_return_service_is_a_form_error_and_opens_nothing(client_as, shopper_order, monkeypatch):
    def refuse(**kwargs):
        raise services.ReturnRefused("Every unit of “The Atelier Sneaker” is already in a return.")

    monkeypatch.setattr("support.returns.views.start_return", refuse)
    response = client_as("shopper").post(START, posted(shopper_order))
    assert response.status_code == 200
    assert 'class="alert alert-danger"' in response.content.decode()
    assert "is already in a return." in response.content.decode()
    assert not SupportRequest.objects.filter(order=shopper_order).exists()


def test_an_item_not_delivered_yet_or_all_in_returns_points_to_get_help(client_as, sneaker_version, shopper,
                                                                          shopper_order):
    client = client_as("shopper")
    waiting = paid_order(sneaker_version, SNEAKER, user=shopper)
    page = client.get(form_url(waiting)).content.decode()
    assert "It has not been delivered yet" in page and 'id="start-return-form"' not in page
    assert f"/shop/support/new/?order={waiting.number}&amp;line={waiting.lines.get().pk}" in page
    response = client.post(START, posted(waiting))
    assert response.status_code == 200 and not Return.objects.filter(order=waiting).exists()

    start(shopper_order, shopper)
    page = client.get(form_url(shopper_order)).content.decode()
    assert "Every unit of this item is already in a return" in page and 'id="start-return-form"' not in page
    assert "data-start-return=" not in client.get(f"/shop/accounts/orders/{shopper_order.number}/").content.decode()


# --- The order page: the button on delivered items only, in a fixed number of queries -------------------------

def order_with_accessories(version, user, accessories):
    """An order of ``user`` of a sneaker (made to order, not shipped yet) and accessories, the order marked shipped:
    the accessories (stock) are delivered, the sneaker is not."""
    request = RequestFactory().get("/")
    request.user = user
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(request)
    add_configuration_to_basket(basket=basket, configuration=save_configuration(version=version, options=SNEAKER))
    for upc in accessories:
        basket.add_product(Product.objects.get(upc=upc))
    order = create_order(basket=basket, user=user)
    OrderStatusChange.objects.create(order=order, old_status="Ready to ship", new_status="Shipped")
    return order


@pytest.fixture
def mixed_order(sneaker_version, shopper):
    return order_with_accessories(sneaker_version, shopper, ("ATL-ACC-LACE", "ATL-ACC-CARE"))


def test_the_order_page_offers_a_return_only_on_delivered_items(client_as, mixed_order, shopper):
    lines = {line.product.upc: line for line in mixed_order.lines.select_related("product")}
    assert WorkOrder.objects.filter(line=lines["ATL-SNK-001"]).exists()
    html = client_as("shopper").get(f"/shop/accounts/orders/{mixed_order.number}/").content.decode()
    offered = set(map(int, re.findall(r'data-start-return="(\d+)">Start a return</a>', html)))
    assert offered == {lines["ATL-ACC-LACE"].pk, lines["ATL-ACC-CARE"].pk}

    start(mixed_order, shopper, line=lines["ATL-ACC-LACE"], quantity=lines["ATL-ACC-LACE"].quantity,
          reason=Reason.CHANGED_MIND)
    html = client_as("shopper").get(f"/shop/accounts/orders/{mixed_order.number}/").content.decode()
    assert set(map(int, re.findall(r'data-start-return="(\d+)"', html))) == {lines["ATL-ACC-CARE"].pk}


def test_the_delivery_days_of_an_order_follow_the_policys_rule_for_each_line(mixed_order, shopper_order):
    for order in (mixed_order, shopper_order):
        expected = {line.pk: delivered_on(line) for line in order.lines.all()}
        assert delivered_days(order) == {pk: day for pk, day in expected.items() if day is not None}
    assert len(delivered_days(mixed_order)) == 2


# Measured on SQLite: the order page of a sneaker and two accessories costs 32 queries, with four accessories 36
# (Oscar's page costs two more a line); the "Start a return" buttons cost one of them, however many lines.
ORDER_PAGE_BUDGET = 38
RETURN_BUTTONS_BUDGET = 1


def test_the_return_buttons_cost_the_same_few_queries_however_many_lines(client_as, mixed_order, sneaker_version,
                                                                           shopper, django_assert_max_num_queries):
    larger = order_with_accessories(sneaker_version, shopper, ("ATL-ACC-LACE", "ATL-ACC-CARE", "ATL-ACC-LIGHT",
                                                               "ATL-ACC-TRAY"))
    client = client_as("shopper")
    counts = []
    for order in (mixed_order, larger):
        with django_assert_max_num_queries(RETURN_BUTTONS_BUDGET) as queries:
            returnable = returnable_lines(order)
        counts.append(len(queries))
        assert len(returnable) == order.lines.count() - 1  # all but the sneaker
        url = f"/shop/accounts/orders/{order.number}/"
        client.get(url)  # warm the caches as a running server has them
        with django_assert_max_num_queries(ORDER_PAGE_BUDGET):
            html = client.get(url).content.decode()
        assert html.count(">Start a return</a>") == len(returnable)
    assert counts[0] == counts[1]


# --- Nobody else reaches a return --------------------------------------------------------------------------

def test_nobody_else_reaches_the_form_the_page_or_the_slip(client, client_as, shopper_order, guest_order, shopper,
                                                          other_customer, agent, order_of):
    mine = services.approve_return(start(shopper_order, shopper), agent=agent, ship_back=True)
    guests = services.approve_return(start(guest_order), agent=agent, ship_back=True)
    other_guest = start(order_of(None))
    code = mine.request.code
    token = links.guest_token(guests.request)

    client.force_login(other_customer)
    assert client.get(form_url(shopper_order)).status_code == 404
    assert client.post(START, posted(shopper_order)).status_code == 404
    assert client.get(f"/shop/accounts/support/{code}/").status_code == 404
    assert client.get(f"/shop/accounts/support/{code}/return-slip/").status_code == 404
    assert client.get(form_url(guest_order)).status_code == 404  # a guest order without its key
    client.logout()
    assert client.get(form_url(guest_order, key="0" * 40)).status_code == 404
    assert client.get(form_url(guest_order, key=shopper_order.verification_hash())).status_code == 404
    assert client.get(form_url(shopper_order, key=shopper_order.verification_hash())).status_code == 404
    assert client.get(f"/shop/accounts/support/{code}/return-slip/").status_code == 302  # sign in first
    other_token = links.guest_token(other_guest.request)
    assert client.get(f"/shop/support/r/{other_token}/return-slip/").status_code == 404  # not approved yet
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert client.get(f"/shop/support/r/{tampered}/return-slip/").status_code == 404
    assert client.get(f"/shop/support/r/{guests.request.code}/return-slip/").status_code == 404
    assert client.get(f"/shop/support/r/{links.guest_token(mine.request)}/return-slip/").status_code == 404
    assert client.get(f"/shop/support/r/{token}/return-slip/").status_code == 200
    assert client_as("shopper").get(f"/shop/accounts/support/{code}/return-slip/").status_code == 200
    assert Return.objects.count() == 3


# --- The return's page and its slip --------------------------------------------------------------------------

def test_the_slip_is_a_pdf_with_the_return_number_once_approved_to_ship_back(client_as, shopper_order, shopper,
                                                                              agent, settings):
    ret = start(shopper_order, shopper)
    client = client_as("shopper")
    page_url = f"/shop/accounts/support/{ret.request.code}/"
    slip_url = f"{page_url}return-slip/"
    assert client.get(slip_url).status_code == 404  # not approved yet

    services.approve_return(ret, agent=agent, ship_back=True)
    page = client.get(page_url).content.decode()
    assert f'<a class="btn btn-primary" href="{slip_url}" data-return-slip>Print your return slip</a>' in page
    assert "put the printed return slip" in page and "Lijnwaadkaai 27" in page
    assert "<span data-status>Waiting for your parcel</span>" in page
    response = client.get(slip_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == f'inline; filename="return-{ret.number}.pdf"'
    text = pdf_text(response.content)
    for expected in (f"Return {ret.number}", shopper_order.number, "The Atelier Sneaker", "Sam Shopper",
                     "Lijnwaadkaai 27", "9000 Gent"):
        assert expected in text, expected
    qr_codes = [cell for row in slip_story(ret)[0]._cellvalues for cell in row if hasattr(cell, "contents")]
    widgets = [shape for drawing in qr_codes for shape in drawing.contents if isinstance(shape, QrCodeWidget)]
    assert [widget.value for widget in widgets] == [ret.number]

    settings.RETURN_ADDRESS = "Atelier returns, Dok Noord 9, 9000 Gent, Belgium"
    assert "Dok Noord 9" in pdf_text(client.get(slip_url).content)


def test_no_slip_when_the_customer_keeps_the_item_or_the_return_is_declined(client_as, order_of, shopper, agent):
    kept = services.approve_return(start(order_of(shopper), shopper), agent=agent, ship_back=False)
    declined = services.decline_return(start(order_of(shopper), shopper), agent=agent,
                                       reason="Worn outdoors: the soles are marked.")
    client = client_as("shopper")
    page = client.get(f"/shop/accounts/support/{kept.request.code}/").content.decode()
    assert 'data-step="No need to send it back"' in page and "You keep the item." in page
    assert "Print your return slip" not in page and 'data-step="Received at our workshop"' not in page
    assert client.get(f"/shop/accounts/support/{kept.request.code}/return-slip/").status_code == 404

    page = client.get(f"/shop/accounts/support/{declined.request.code}/").content.decode()
    assert 'data-step="Declined"' in page and 'data-step="Approved"' not in page
    assert "We declined this return: Worn outdoors: the soles are marked." in page
    assert client.get(f"/shop/accounts/support/{declined.request.code}/return-slip/").status_code == 404


def test_the_page_shows_each_step_reached_and_the_outcome(client_as, shopper_order, order_of, shopper, agent):
    client = client_as("shopper")
    ret = services.approve_return(start(shopper_order, shopper, wanted="remake"), agent=agent, ship_back=True)
    ret = services.mark_received(ret, agent=agent)
    ret = services.inspect_return(ret, agent=agent, outcome="as_described")
    ret = services.resolve_return(ret, agent=agent, resolution="remake", note="Made half a size larger at the toe.")
    page = client.get(f"/shop/accounts/support/{ret.request.code}/").content.decode()
    steps = re.findall(r'data-step="([^"]+)"', page)
    assert steps == ["Requested", "Approved", "Return slip ready", "Received at our workshop", "Inspected",
                     "Resolved"]
    assert page.count("production-timeline__step is-done") == 6 and 'aria-current="step"' not in page
    ship_date = ret.remake.estimated_ship_date
    assert f"it ships by <strong>{ship_date:%A} {ship_date.day} {ship_date:%B %Y}</strong>" in page
    assert "Made half a size larger at the toe." in page and "As the customer described" in page
    assert "How to send it back" not in page  # the instructions are for while the item is on its way

    credit = services.approve_return(start(order_of(shopper), shopper, wanted="credit"), agent=agent,
                                     ship_back=False)
    credit = services.resolve_return(credit, agent=agent, resolution="credit")
    page = client.get(f"/shop/accounts/support/{credit.request.code}/").content.decode()
    assert f"<strong data-store-credit-code>{credit.voucher.code}</strong>" in page
    amount = credit.voucher.store_credit.amount
    assert amount > 0
    assert re.search(rf"Store credit of <strong>€?{amount}( EUR)?</strong>", page)


def test_a_refund_shows_its_amount(client_as, shipped_order, shopper, agent):
    ret = services.approve_return(start(shipped_order, shopper), agent=agent, ship_back=False)
    ret = services.resolve_return(ret, agent=agent, resolution="refund", amount="100.00")
    page = client_as("shopper").get(f"/shop/accounts/support/{ret.request.code}/").content.decode()
    assert 'data-return-outcome="refund"' in page
    assert re.search(r"We refunded <strong>€?100\.00( EUR)?</strong> to the card you paid with", page)

