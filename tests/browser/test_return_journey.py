"""A return from start to end in two browsers: the shopper sends a return with a photo from their order page; a
support agent approves it (ship back), marks it received, inspects it and settles it as a remake with the buttons
of the request screen; after each step the shopper's own page of the return shows it, in the timeline and in the
conversation, and at the end the outcome with the remake's ship date, which their order page follows."""

import re

import pytest
from playwright.sync_api import expect

from configurator.production.models import WorkOrder
from shop.dates import long_date
from support.returns.models import Return
from tests.browser import test_support
from tests.browser.conftest import sign_in
from tests.browser.test_returns import monogrammed_order
from tests.support.test_customer_requests import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# the shopper's made and shipped sneakers with a monogram; a page in a browser of its own (the agent's computer)
monogrammed_order = monogrammed_order
new_page = test_support.new_page


@pytest.fixture(autouse=True)
def attachment_folder(tmp_path, settings):
    settings.SUPPORT_ATTACHMENT_ROOT = tmp_path / "support-attachments"


def start_the_return(shopper, order, photo):
    """The shopper's return of the sneakers for their fit, asking for a remake, with a photo: its page's path."""
    sign_in(shopper, "shopper", f"/shop/accounts/orders/{order.number}/")
    shopper.get_by_role("link", name="Start a return").click()
    shopper.wait_for_url(re.compile(r"/shop/support/returns/new/\?order="))
    form = shopper.locator("#start-return-form")
    form.get_by_label("Size or fit").check()
    expect(form.get_by_label("A refund to my card", exact=True)).to_be_disabled()  # personal: remade, not refunded
    form.get_by_label("A remake", exact=True).check()
    form.get_by_label("Tell us more").fill("They slip at the heel, even with thick socks.")
    form.get_by_label("Photos").set_input_files(str(photo))
    form.get_by_role("button", name="Send the return request").click()
    shopper.wait_for_url("**/shop/accounts/support/*/")
    expect(shopper.locator("[data-conversation]").get_by_role("link", name=photo.name)).to_be_visible()
    return re.sub(r"^https?://[^/]+", "", shopper.url)


def expect_the_shopper_sees(shopper, path, *, current, told):
    """The shopper's return page, opened again: ``current`` is the step the timeline marks, and the last message of
    the conversation is from the agent and says ``told``."""
    shopper.goto(path)
    timeline = shopper.locator("[data-return-timeline]")
    expect(timeline.locator("[aria-current=step]")).to_have_count(1)
    expect(timeline.locator("[aria-current=step]")).to_have_attribute("data-step", current)
    reply = shopper.locator("[data-conversation] li").last
    expect(reply).to_have_class(re.compile(r"\bsupport-message--staff\b"))
    expect(reply).to_contain_text("Sofia Support · Atelier")
    expect(reply).to_contain_text(told)
    return timeline


def take_step(agent, form_id, button, done):
    """The agent sends one step's form of the return panel; the request screen comes back and says it is done."""
    agent.locator(form_id).get_by_role("button", name=button).click()
    expect(agent.locator("#messages .alert-success")).to_contain_text(done)


def test_a_return_from_the_shoppers_photo_to_the_agents_remake(page, new_page, monogrammed_order, tmp_path):
    shopper, order = page, monogrammed_order
    photo = tmp_path / "heel.png"
    photo.write_bytes(png_bytes())
    path = start_the_return(shopper, order, photo)
    ret = Return.objects.select_related("request").get(order=order)
    number = ret.number
    expect(shopper.locator("[data-return-timeline] [aria-current=step]")).to_have_attribute("data-step", "Approved")

    # the agent finds it under Dashboard → Support → Returns and opens its request screen
    agent = new_page()
    sign_in(agent, "support", "/shop/dashboard/")
    menu = agent.locator("#bottom_nav_bar")
    menu.get_by_role("button", name="Support").click()
    menu.get_by_role("link", name="Returns", exact=True).click()
    agent.wait_for_url("**/shop/dashboard/support/returns/")
    row = agent.locator(f"#returns tr[data-return='{number}']")
    expect(row).to_contain_text("Sam Shopper")
    expect(row).to_contain_text("Size or fit")
    expect(row).to_contain_text("A remake")
    row.get_by_role("link", name=number).click()
    agent.wait_for_url(f"**/shop/dashboard/support/requests/{number}/#return")
    panel = agent.locator("#return")
    expect(panel.locator("[data-return-status]")).to_have_text("Requested")
    expect(panel.locator("[data-return-wanted]")).to_have_text("A remake")
    expect(panel.locator("[data-return-photos] img[alt='heel.png']")).to_be_visible()

    # 1. approved: the shopper sends the sneakers back with the return slip
    approve = agent.locator("#return-approve")
    expect(approve.get_by_label("The customer sends it back (with the return slip)")).to_be_checked()
    approve.get_by_label("Note to the customer (optional)").fill("Sorry they slip: we will make them to fit.")
    take_step(agent, "#return-approve", "Approve the return",
              f"Return {number} approved: the customer has the ship-back instructions.")
    expect(panel.locator("[data-return-status]")).to_have_text("Approved")
    timeline = expect_the_shopper_sees(shopper, path, current="Received at our workshop",
                                       told=f"We have approved your return {number}.")
    expect(shopper.locator("[data-conversation] li").last).to_contain_text("we will make them to fit.")
    expect(timeline.locator("[data-step='Return slip ready']")).to_contain_text("Print it and pack it with the item.")
    expect(shopper.locator(".support-request__status [data-status]")).to_have_text("Waiting for your parcel")
    expect(shopper.get_by_role("link", name="Print your return slip")).to_be_visible()
    expect(shopper.locator("[data-ship-back]")).to_contain_text("How to send it back")

    # 2. received at the workshop
    take_step(agent, "#return-receive", "Mark it received", f"Return {number} marked received.")
    expect(panel.locator("[data-return-status]")).to_have_text("Received")
    expect_the_shopper_sees(shopper, path, current="Inspected",
                            told=f"Your return {number} has arrived at our workshop.")
    expect(shopper.locator("[data-ship-back]")).to_have_count(0)

    # 3. inspected: as the shopper described
    inspect = agent.locator("#return-inspect")
    inspect.get_by_label("As the customer described").check()
    inspect.get_by_label("Note (the customer reads this; optional)").fill("The heel is a size too wide.")
    take_step(agent, "#return-inspect", "Record the inspection", f"Return {number} inspected.")
    expect(panel.locator("[data-return-status]")).to_have_text("Inspected")
    timeline = expect_the_shopper_sees(shopper, path, current="Resolved",
                                       told=f"We have inspected your return {number}: it is as you described.")
    expect(shopper.locator("[data-conversation] li").last).to_contain_text("The heel is a size too wide.")
    expect(timeline.locator("[data-step=Inspected]")).to_contain_text("As the customer described")

    # 4. settled as a remake: no money moves, so no confirmation page
    resolve = agent.locator("#return-resolve")
    expect(resolve.get_by_label("Remake at no charge, ahead of the queue")).to_be_checked()  # the shopper's wish
    take_step(agent, "#return-resolve", "Settle the return…",
              f"Return {number} settled: a remake is in the production queue, ahead of the rest.")
    expect(panel.locator("[data-return-status]")).to_have_text("Resolved")
    expect(panel.locator("[data-return-actions]")).to_have_count(0)
    remake = WorkOrder.objects.get(line=ret.line, remake_of__isnull=False)
    ships_by = long_date(remake.estimated_ship_date)
    expect(panel.locator("[data-return-resolution]")).to_contain_text(f"A remake: remake {remake.number}")

    shopper.goto(path)
    timeline = shopper.locator("[data-return-timeline]")
    expect(timeline.locator("[aria-current=step]")).to_have_count(0)  # nothing left to come
    expect(timeline.locator("li.is-done")).to_have_count(6)
    expect(timeline.locator("[data-step=Resolved]")).to_contain_text("A remake")
    reply = shopper.locator("[data-conversation] li").last
    expect(reply).to_contain_text(f"Your return {number} is settled. We are making it again, at no charge, ahead "
                                  f"of our queue: it ships by {ships_by}.")
    outcome = shopper.locator("[data-return-outcome=remake]")
    expect(outcome).to_contain_text("The outcome: a remake")
    expect(outcome).to_contain_text(f"it ships by {ships_by}")
    expect(shopper.locator(".support-request__status [data-status]")).to_have_text("Resolved")

    # the order page follows the remake: the pair ordered stays shipped, one item, on its dates; the remake is
    # listed apart, queued with its cause and its own ship date (not the one promised at checkout)
    shopper.goto(f"/shop/accounts/orders/{order.number}/")
    making = shopper.locator("[data-production-timeline]")
    estimate = making.locator(".production-timeline__estimate")
    expect(estimate).to_contain_text("Estimated ship date of your remake")
    expect(estimate.locator("time")).to_have_text(ships_by)
    expect(estimate.locator("time")).to_have_attribute("datetime", remake.estimated_ship_date.isoformat())
    expect(making.locator(".production-timeline__step.is-done")).to_have_count(4)
    expect(making.locator("[aria-current=step]")).to_have_count(0)
    expect(making).not_to_contain_text("items are made for this order")
    expect(making).not_to_contain_text("as promised when you ordered")
    listed = making.locator(f"[data-remake='{remake.number}']")
    expect(listed).to_contain_text("Remake of The Atelier Sneaker")
    expect(listed).to_contain_text(f"Being made again (size or fit): Queued — ships by {ships_by}")
    expect(listed).to_contain_text("(the date we gave you for the remake)")
    expect(shopper.get_by_role("link", name="Start a return")).to_have_count(0)  # its one unit is in this return

    # what the shop now holds, as the shopper and the agent saw it
    ret.refresh_from_db()
    assert (ret.status, ret.resolution, ret.remake) == ("resolved", "remake", remake)
    assert remake.rush and remake.remake_of == order.work_orders.get(remake_of=None)
    assert remake.remake_cause == "Size or fit"
