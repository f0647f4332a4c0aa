"""Starting a return in the browser: the policy's answer for the chosen reason shows at once, only the outcomes it
allows can be chosen, a refused reason points to Get help, and the return is sent with a photo."""

import re

import pytest
from playwright.sync_api import expect

from configurator.models import ConfigurableProduct
from support.returns.models import Return
from tests.browser.conftest import sign_in
from tests.orders import SNEAKER, paid_order
from tests.support.returns.conftest import ship
from tests.support.test_customer_requests import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def attachment_folder(tmp_path, settings):
    settings.SUPPORT_ATTACHMENT_ROOT = tmp_path / "support-attachments"


@pytest.fixture
def monogrammed_order(seeded_store, demo_user):
    """The demo shopper's sneakers with a monogram (made to their personal specification), made and shipped."""
    version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    return ship(paid_order(version, SNEAKER, user=demo_user("shopper"), texts={"monogram": "SAM"}))


def test_the_shopper_starts_a_return_and_the_policy_answers_as_they_choose(page, monogrammed_order, tmp_path):
    sign_in(page, "shopper", f"/shop/accounts/orders/{monogrammed_order.number}/")
    page.get_by_role("link", name="Start a return").click()
    page.wait_for_url(re.compile(r"/shop/support/returns/new/\?order="))
    form = page.locator("#start-return-form")
    outcomes = {name: form.get_by_label(name, exact=True) for name in ("A refund to my card", "A remake",
                                                                        "An exchange for another configuration",
                                                                        "Store credit")}
    verdict = form.locator("[data-verdict-shown]")
    send = form.get_by_role("button", name="Send the return request")
    for outcome in outcomes.values():
        expect(outcome).to_be_disabled()  # why first

    form.get_by_label("Changed my mind").check()
    expect(verdict).to_contain_text("Not covered: It was made to your personal specification (your monogram)")
    expect(form.locator("[data-not-eligible]")).to_be_visible()
    expect(form.locator("[data-not-eligible]").get_by_role("link", name="get help with this item")).to_be_visible()
    expect(send).to_be_disabled()
    for outcome in outcomes.values():
        expect(outcome).to_be_disabled()

    form.get_by_label("Faulty or damaged").check()
    expect(verdict).to_contain_text("Covered: Faults and damage in transit are always covered")
    for outcome in outcomes.values():
        expect(outcome).to_be_enabled()
    outcomes["A refund to my card"].check()

    form.get_by_label("Size or fit").check()
    expect(verdict).to_contain_text("we remake it")
    expect(outcomes["A refund to my card"]).to_be_disabled()
    expect(outcomes["A refund to my card"]).not_to_be_checked()
    expect(outcomes["Store credit"]).to_be_disabled()
    expect(outcomes["An exchange for another configuration"]).to_be_enabled()
    expect(outcomes["A remake"]).not_to_be_checked()  # a remake or an exchange: the shopper chooses
    outcomes["A remake"].check()
    expect(send).to_be_enabled()

    photo = tmp_path / "heel.png"
    photo.write_bytes(png_bytes())
    form.get_by_label("Tell us more").fill("They slip at the heel.")
    form.get_by_label("Photos").set_input_files(str(photo))
    send.click()
    page.wait_for_url("**/shop/accounts/support/*/")
    ret = Return.objects.get(order=monogrammed_order)
    assert (ret.reason, ret.wanted) == ("fit", "remake")
    expect(page.locator("#messages .alert-success")).to_contain_text(f"we have your return {ret.number}")
    expect(page.locator("[data-return-timeline] [aria-current=step]")).to_contain_text("Approved")
    expect(page.get_by_role("link", name="heel.png")).to_be_visible()
