"""A customer's data as a ZIP, from My account (their own only) or by staff's command: their account, orders with
configurations and measurements, designs, requests with messages and the files they sent, returns, store credit,
loyalty history and e-mails; nobody else's."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from configurator.models import ConfigurableProduct
from configurator.services import save_configuration
from shop.loyalty.models import Tier
from shop.loyalty.services import raise_tier
from tests.orders import SNEAKER, paid_order
from tests.support.returns.conftest import ship
from tests.support.returns.test_customer_returns import START, fresh_throttles, photo, posted  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def shoppers_data(client_as, demo_user, settings, tmp_path):
    """The demo shopper's monogrammed sneakers, a saved design, a return with a photo, and a raised tier; and
    another customer's order, which must never show."""
    settings.SUPPORT_ATTACHMENT_ROOT = tmp_path / "attachments"
    shopper = demo_user("shopper")
    version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    order = ship(paid_order(version, SNEAKER, user=shopper, texts={"monogram": "SAM"}))
    save_configuration(version=version, options=SNEAKER, texts={"monogram": "SJS"}, owner=shopper)
    client = client_as("shopper")
    assert client.post(START, posted(order, reason="faulty", attachments=[photo()])).status_code == 302
    raise_tier(shopper, tier=Tier.objects.get(name="Silver"), by=demo_user("lead"), reason="A loyal customer")
    stranger = get_user_model().objects.create_user(username="eve", email="eve@example.com", password="pw")
    other = paid_order(version, SNEAKER, user=stranger)
    return shopper, order, other, client


def unpacked(data):
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def test_download_my_data_gives_everything_we_keep_and_nothing_of_anyone_else(shoppers_data):
    shopper, order, other, client = shoppers_data
    page = client.get("/shop/accounts/privacy/").content.decode()
    assert ">Download my data</button>" in page and "<li>Support requests</li>" in page
    answer = client.post("/shop/accounts/privacy/download/")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/zip"
    assert answer["Content-Disposition"].startswith('attachment; filename="atelier-my-data-')
    files = unpacked(answer.content)
    account = json.loads(files["account.json"])
    assert account["profile"][0]["email"] == shopper.email
    orders = json.loads(files["orders.json"])["orders"]
    assert [o["number"] for o in orders] == [order.number]
    designs = json.loads(files["designs.json"])
    assert designs["ordered_configurations"][0]["texts"] == {"monogram": "SAM"}
    assert designs["saved_designs"][0]["choices"]["texts"] == {"monogram": "SJS"}
    support = json.loads(files["support-requests.json"])
    assert support["messages"][0]["body"] == "Too tight across the toes."
    photo_name = support["attachments"][0]["file"]
    assert files[f"support-requests/files/{photo_name}"].startswith(b"\x89PNG")
    returns = json.loads(files["returns-and-goodwill.json"])
    assert returns["returns"][0]["reason"] == "faulty"
    loyalty = json.loads(files["loyalty.json"])
    assert loyalty["tier_history"][0]["to"] == "Silver" and loyalty["tier_history"][0]["cause"] == "raised"
    assert "orders/orders.csv" in files and files["orders/orders.csv"].startswith(b"number,placed")
    assert b"eve@example.com" not in b"".join(files.values())
    assert other.number.encode() not in b"".join(files.values())
    assert "orders.json (Orders): orders: 1" in files["README.txt"].decode()


def test_only_the_signed_in_customer_downloads_and_only_by_post(client):
    answer = client.post("/shop/accounts/privacy/download/")
    assert answer.status_code == 302 and "/shop/accounts/login/" in answer["Location"]
    stranger = get_user_model().objects.create_user(username="eve", email="eve@example.com", password="pw")
    signed_in = Client()
    signed_in.force_login(stranger)
    assert signed_in.get("/shop/accounts/privacy/download/").status_code == 405
    files = unpacked(signed_in.post("/shop/accounts/privacy/download/", {"email": "shopper@atelier.example"})
                     .content)
    assert json.loads(files["account.json"])["profile"][0]["email"] == "eve@example.com"  # a field can't choose


def test_staff_export_a_customer_or_a_guest_by_command(shoppers_data, tmp_path):
    shopper, order, _, _ = shoppers_data
    outfile = tmp_path / "sam.zip"
    call_command("privacy", "export", "SHOPPER@atelier.example", str(outfile))
    assert [o["number"] for o in json.loads(unpacked(outfile.read_bytes())["orders.json"])["orders"]] == [
        order.number]
    with pytest.raises(CommandError, match="exists already"):
        call_command("privacy", "export", shopper.email, str(outfile))
    with pytest.raises(CommandError, match="is not an e-mail address"):
        call_command("privacy", "export", "sam", str(tmp_path / "x.zip"))
    version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    guest_order = paid_order(version, SNEAKER)  # guest@example.com, no account
    call_command("privacy", "export", "guest@example.com", str(tmp_path / "guest.zip"))
    files = unpacked((tmp_path / "guest.zip").read_bytes())
    assert [o["number"] for o in json.loads(files["orders.json"])["orders"]] == [guest_order.number]
    assert "profile" not in json.loads(files["account.json"])
