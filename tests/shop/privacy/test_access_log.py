"""Staff opening a customer's personal data is logged (who, whose, what, when), and the customer's export lists
it; a lead exports a customer's data from the dashboard (logged), an agent cannot."""

import io
import json
import zipfile

import pytest

from configurator.models import ConfigurableProduct
from shop.privacy.export import export_zip
from shop.privacy.models import PersonalDataAccess
from shop.privacy.registry import Subject
from support.services import open_request
from tests.orders import SNEAKER, paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def shoppers_request(demo_user, sneaker_version_db):
    shopper = demo_user("shopper")
    return open_request(kind="order", subject="Where is my desk?", body="It was due Friday.", email=shopper.email,
                        customer=shopper, name="Sam Shopper", notify=False)


@pytest.fixture
def sneaker_version_db(db):
    return ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version


def accesses(user):
    """What the customer's export says about who opened their data."""
    archive = zipfile.ZipFile(io.BytesIO(export_zip(Subject.of(user=user))))
    return json.loads(archive.read("who-opened-your-data.json"))["accesses"]


def test_opening_a_customers_request_and_order_is_logged_and_in_their_export(shoppers_request, client_as,
                                                                             demo_user, sneaker_version_db):
    agent = client_as("support")
    assert agent.get(f"/shop/dashboard/support/requests/{shoppers_request.reference}/").status_code == 200
    order = paid_order(sneaker_version_db, SNEAKER, user=demo_user("shopper"))
    assert agent.get(f"/shop/dashboard/orders/{order.number}/").status_code == 200
    assert agent.get("/shop/dashboard/support/requests/R-99999/").status_code == 404  # nothing opened: no entry
    logged = list(PersonalDataAccess.objects.order_by("at").values_list("staff_name", "customer__email", "what"))
    assert logged == [("Sofia Support", "shopper@atelier.example", f"Support request {shoppers_request.reference}"),
                      ("Sofia Support", "shopper@atelier.example", f"Order {order.number}")]
    assert [(a["staff"], a["what"]) for a in accesses(demo_user("shopper"))] == [
        ("Sofia Support", f"Order {order.number}"), ("Sofia Support", f"Support request {shoppers_request.reference}")]


def test_a_lead_exports_a_customers_data_from_the_dashboard_and_an_agent_cannot(shoppers_request, client_as):
    assert client_as("support").get("/shop/dashboard/privacy/").status_code == 403
    assert client_as("support").post("/shop/dashboard/privacy/export/",
                                     {"email": "shopper@atelier.example"}).status_code == 403
    lead = client_as("lead")
    page = lead.get("/shop/dashboard/privacy/?email=shopper@atelier.example").content.decode()
    assert "An account: Sam Shopper" in page and ">Export as ZIP</button>" in page
    answer = lead.post("/shop/dashboard/privacy/export/", {"email": "shopper@atelier.example"})
    assert answer.status_code == 200 and answer["Content-Type"] == "application/zip"
    files = zipfile.ZipFile(io.BytesIO(answer.content))
    assert json.loads(files.read("support-requests.json"))["requests"][0]["subject"] == "Where is my desk?"
    assert PersonalDataAccess.objects.filter(what="Export of all personal data", staff_name="Lena Lead",
                                             customer__email="shopper@atelier.example").exists()
    assert lead.post("/shop/dashboard/privacy/export/", {"email": "not an address"}).status_code == 400
