"""Macros in a reply: the request screen's "Insert" asks the dashboard for a macro filled in for the request (JSON)
and keeps what the agent typed; the text reads as English, with the site's long date. Staff only; bad input is a
4xx in the store's one JSON error shape and changes nothing; a macro's use counts when the reply is sent."""

import datetime

import pytest

from configurator.models import ConfigurableProduct
from configurator.production.models import WorkOrder
from shop.dates import long_date
from support.macros import name_after_the
from support.models import Macro, RequestEvent
from support.services import fill_macro
from tests.orders import SNEAKER, paid_order

pytestmark = pytest.mark.django_db

FRIDAY = datetime.date(2026, 12, 4)


@pytest.fixture
def sneaker_request(demo_user, new_request):
    """The demo shopper's request about the sneaker of a paid order, which the workshop expects to ship on FRIDAY."""
    version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    order = paid_order(version, SNEAKER, user=demo_user("shopper"))
    assert WorkOrder.objects.filter(order=order).update(estimated_ship_date=FRIDAY) == 1
    return new_request(order=order, line=order.lines.get(), subject="Scuffed toe")


def macro_url(support_request):
    return f"/shop/dashboard/support/requests/{support_request.reference}/macro/"


def unchanged_state(support_request):
    """What using a macro must leave as it was: the macros' counts, the request, its messages and its log."""
    support_request.refresh_from_db()
    return (dict(Macro.objects.values_list("name", "usage_count")), support_request.status,
            support_request.updated_at, support_request.messages.count(),
            RequestEvent.objects.filter(request=support_request).count())


def test_only_support_staff_may_fill_in_a_macro(client_as, sneaker_request):
    url, macro = macro_url(sneaker_request), Macro.objects.get(name="Ship date")
    for role in ("shopper", "merch", "production"):
        response = client_as(role).get(url, {"macro": macro.pk})
        assert response.status_code == 403, role
        assert "Hello Sam" not in response.content.decode()
    anonymous = client_as(None).get(url, {"macro": macro.pk})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert client_as("support").get(url, {"macro": macro.pk}).status_code == 200


def test_the_macro_comes_filled_in_with_the_long_ship_date_and_counts_only_when_sent(
        client_as, sneaker_request, django_assert_max_num_queries):
    macro = Macro.objects.get(name="Ship date")
    before = unchanged_state(sneaker_request)
    client = client_as("support")
    with django_assert_max_num_queries(9):
        response = client.get(macro_url(sneaker_request), {"macro": macro.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    number = sneaker_request.order.number
    assert response.json() == {
        "macro": macro.pk, "name": "Ship date", "status_after": "resolved",
        "text": f"Hello Sam,\n\nYour order {number} is on schedule: we expect it to ship on Friday 4 December 2026. "
                f"You can follow every step on your order's page.\n\nBest wishes,\nSofia",
        "notice": "Macro “Ship date” filled in: check it before sending."}
    # the date the customer's order page shows, written the same way
    order_page = client_as("shopper").get(f"/shop/accounts/orders/{number}/").content.decode()
    assert f">{long_date(FRIDAY)}</time>" in order_page
    assert unchanged_state(sneaker_request) == before  # filling in is not using: nothing counted, nothing logged

    client = client_as("support")
    client.post(f"/shop/dashboard/support/requests/{sneaker_request.reference}/messages/", {
        "kind": "reply", "message": f"Good news first.\n\n{response.json()['text']}", "macro": macro.pk,
        "status_after": "resolved"})
    macro.refresh_from_db()
    assert macro.usage_count == before[0]["Ship date"] + 1
    assert sneaker_request.messages.last().body.startswith("Good news first.\n\nHello Sam,")


def test_the_product_reads_as_english_after_the(client_as, sneaker_request):
    """The sneaker is called "The Atelier Sneaker": a macro's "photos of the {{ product }}" must not double the
    article."""
    macro = Macro.objects.get(name="Ask for photos")
    answer = client_as("support").get(macro_url(sneaker_request), {"macro": macro.pk}).json()
    assert "Could you send us a few photos of the Atelier Sneaker, in daylight if you can?" in answer["text"]
    assert "the the" not in answer["text"].lower()
    assert answer["status_after"] == "waiting"
    assert sneaker_request.line.title == "The Atelier Sneaker"
    assert name_after_the("The Atelier Sneaker") == "Atelier Sneaker"
    assert name_after_the("Waxed Cotton Laces") == "Waxed Cotton Laces"
    assert name_after_the("Theatre Cape") == "Theatre Cape"
    assert name_after_the("The") == "The"


def test_a_variable_with_nothing_to_fill_in_is_pointed_out(client_as, new_request, agent):
    request = new_request()  # about no order: no order number, no ship date
    macro = Macro.objects.get(name="Ship date")
    assert fill_macro(request, macro, agent).unfilled == ["order_number", "ship_date"]
    answer = client_as("support").get(macro_url(request), {"macro": macro.pk}).json()
    assert answer["notice"] == ("Macro “Ship date” filled in: check it before sending. This request has nothing to "
                                "fill in for {{ order_number }}, {{ ship_date }}: rewrite what uses it.")
    page = client_as("support").get(f"/shop/dashboard/support/requests/{request.reference}/",
                                    {"macro": macro.pk}).content.decode()
    assert "nothing to fill in for {{ order_number }}, {{ ship_date }}" in page  # the same without JavaScript


@pytest.mark.parametrize("macro", ["", "abc", "¹", "١", " 7", "99999999999999999999999"])
def test_a_macro_that_is_not_an_id_is_a_400(client_as, sneaker_request, macro):
    before = unchanged_state(sneaker_request)
    response = client_as("support").get(macro_url(sneaker_request), {"macro": macro})
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_request", "detail": {
        "message": "Choose a macro from the list (by its number).", "field": "macro",
        "fields": {"macro": ["Choose a macro from the list (by its number)."]}}}
    assert unchanged_state(sneaker_request) == before


def test_an_unknown_or_switched_off_macro_or_request_is_a_404(client_as, sneaker_request):
    switched_off = Macro.objects.create(name="Old greeting", body="Hi {{ first_name }}", is_active=False)
    before = unchanged_state(sneaker_request)
    client = client_as("support")
    unknown_id = Macro.objects.order_by("-pk").first().pk + 100
    for macro_id in (switched_off.pk, unknown_id):
        response = client.get(macro_url(sneaker_request), {"macro": macro_id})
        assert response.status_code == 404
        assert (response.json()["error"], response.json()["detail"]["field"]) == ("not_found", "macro")
        assert "switched off or deleted" in response.json()["detail"]["message"]
    response = client.get("/shop/dashboard/support/requests/R-999999/macro/",
                          {"macro": Macro.objects.get(name="Ship date").pk})
    assert response.status_code == 404
    assert response.json()["detail"]["message"] == "No request has the reference R-999999."
    assert unchanged_state(sneaker_request) == before
    switched_off.refresh_from_db()
    assert switched_off.usage_count == 0


def test_staff_text_comes_back_as_text(client_as, sneaker_request):
    """A macro is untrusted: its markup is plain text in the JSON and escaped in the page without JavaScript."""
    macro = Macro.objects.create(name="<b>Bold</b>", body="<script>alert(1)</script> {{ first_name }}")
    client = client_as("support")
    answer = client.get(macro_url(sneaker_request), {"macro": macro.pk}).json()
    assert answer["text"] == "<script>alert(1)</script> Sam"
    page = client.get(f"/shop/dashboard/support/requests/{sneaker_request.reference}/",
                      {"macro": macro.pk}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Sam</textarea>" in page
    assert "Macro “&lt;b&gt;Bold&lt;/b&gt;” filled in" in page
    assert "<script>alert(1)" not in page and "<b>Bold</b>" not in page
