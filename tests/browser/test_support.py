"""The help desk, in the browser: the shopper asks for help from an order's page (articles are suggested as they
type, the "which team" question shows only for compliments and complaints); the support agent finds the request in
the inbox, answers it with a macro and moves it to "Waiting on customer"; the shopper replies and it opens again.
Internal notes never reach the shopper's page."""

import re

import pytest
from playwright.sync_api import expect

from configurator.models import ConfigurableProduct
from support.models import Channel, Kind, SupportRequest
from support.services import open_request
from tests.browser.conftest import csp_violations, sign_in
from tests.conftest import DEMO_PASSWORDS
from tests.orders import SNEAKER, paid_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT = 10_000  # ms: a page load of the live server, or the suggestions' debounced fetch


@pytest.fixture(autouse=True)
def attachment_folder(tmp_path, settings):
    settings.SUPPORT_ATTACHMENT_ROOT = tmp_path / "support-attachments"


@pytest.fixture
def shopper_order(seeded_store, demo_user):
    """A paid order of the demo sneaker, placed by the demo shopper (Sam Shopper), without Stripe."""
    version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    return paid_order(version, SNEAKER, user=demo_user("shopper"))


@pytest.fixture
def shoppers_request(shopper_order, demo_user):
    """A request the shopper opened on the web about the sneaker of their order (new, unassigned)."""
    shopper = demo_user("shopper")
    return open_request(kind=Kind.SCHEDULING, subject="When do my sneakers ship?",
                        body="Hello, I need them for a wedding on the 20th. Will they be in time?",
                        email=shopper.email, customer=shopper, name=shopper.get_full_name(), order=shopper_order,
                        line=shopper_order.lines.get(), channel=Channel.WEB)


@pytest.fixture
def new_page(browser, live_server):
    """new_page() → a page in a browser context of its own (another person at another computer)."""
    contexts, violations = [], []

    def make():
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT)
        contexts.append(context)
        violations.append(csp_violations(context))
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert not any(violations), f"A page broke the Content-Security-Policy: {violations}"


def success_message(page):
    return page.locator("#messages .alert-success")


def account_request_path(support_request):
    return f"/shop/accounts/support/{support_request.code}/"


def dashboard_request_path(support_request):
    return f"/shop/dashboard/support/requests/{support_request.reference}/"


def test_the_shopper_asks_for_help_about_an_item_of_their_order(new_page, shopper_order):
    page = new_page()
    number = shopper_order.number
    sign_in(page, "shopper", f"/shop/accounts/orders/{number}/")
    page.get_by_role("link", name="Get help with this item").click()
    page.wait_for_url(re.compile(r"/shop/support/new/\?order="))
    expect(page.locator("h1")).to_contain_text("Get help")
    about = page.locator(".support-new__order")
    expect(about).to_contain_text(f"About order {number}")
    expect(about).to_contain_text("The Atelier Sneaker")
    form = page.locator("#support-request-form")
    # signed in: nobody asks the shopper for their name and e-mail address again
    expect(form.get_by_label("Your name")).to_have_count(0)
    expect(form.get_by_label("Your e-mail address")).to_have_count(0)
    subject = form.get_by_label("Subject")
    expect(subject).to_have_value(re.compile(rf"^Order {number}: "))

    # suggestions appear as they type
    suggestions = form.locator("[data-suggestions]")
    team = form.locator(".support-new__team")
    expect(team).to_be_hidden()  # a question about an order: no "which team" question
    subject.fill("Return for a different size")
    form.get_by_label("Your message").press_sequentially("The sneakers are too small: can I return them for a "
                                                         "bigger size?", delay=5)
    expect(suggestions).to_be_visible(timeout=TIMEOUT)
    expect(suggestions).to_contain_text("These articles might already answer your question")
    articles = suggestions.locator("a[href*='/help/']")
    expect(articles.first).to_be_visible()
    assert 1 <= articles.count() <= 3
    assert articles.first.inner_text().strip()

    # the "which team" question shows for complaints (and compliments) only
    kind = form.get_by_label("What is it about?")
    kind.select_option(label="Complaint")
    expect(team).to_be_visible()
    expect(team).to_contain_text("Which team is it about?")
    kind.select_option(label="Pricing")
    expect(team).to_be_hidden()
    kind.select_option(label="Complaint")
    expect(team).to_be_visible()
    form.get_by_label("Which team is it about?").select_option(label="Workshop")
    form.get_by_role("button", name="Send").click()

    # the request's page in My account
    page.wait_for_url("**/shop/accounts/support/*/")
    support_request = SupportRequest.objects.get(customer__email=DEMO_PASSWORDS["shopper"][0],
                                                 subject="Return for a different size")
    assert (support_request.kind, support_request.team, support_request.order) == ("complaint", "workshop",
                                                                                    shopper_order)
    assert page.url.endswith(account_request_path(support_request))
    expect(success_message(page)).to_contain_text(
        f"Thank you: we have your request {support_request.reference} and will reply by e-mail.")
    status = page.locator(".support-request__status")
    expect(status).to_contain_text(f"Request {support_request.reference}")
    expect(status).to_contain_text("Complaint")
    expect(status).to_contain_text(f"about order {number}")
    conversation = page.locator("[data-conversation] li")
    expect(conversation).to_have_count(1)
    expect(conversation.first).to_contain_text("The sneakers are too small: can I return them for a bigger size?")
    expect(conversation.first).to_contain_text("Sam Shopper")

    # My account → Support lists it
    page.locator(".nav-link", has_text="Support").click()
    page.wait_for_url("**/shop/accounts/support/")
    row = page.locator("[data-support-requests] tbody tr", has_text=support_request.reference)
    expect(row).to_contain_text("Return for a different size")
    expect(row).to_contain_text(f"Order {number}")
    expect(row).to_contain_text("New")
    row.get_by_role("link", name=support_request.reference).click()
    page.wait_for_url(f"**{account_request_path(support_request)}")


def test_the_agent_answers_with_a_macro_and_the_shopper_replies(new_page, shoppers_request, shopper_order):
    reference, number = shoppers_request.reference, shopper_order.number
    agent = new_page()
    sign_in(agent, "support", "/shop/dashboard/support/")
    expect(agent.locator("h1")).to_contain_text("Support inbox")

    # a new request nobody has taken: under "Unassigned"
    agent.locator("[data-view=unassigned]").click()
    agent.wait_for_url("**/shop/dashboard/support/?view=unassigned")
    row = agent.locator("#support-requests tbody tr", has_text=reference)
    expect(row).to_contain_text("When do my sneakers ship?")
    expect(row).to_contain_text(f"Order {number}")
    expect(row).to_contain_text("Sam Shopper")
    expect(row).to_contain_text("New")
    expect(row).to_contain_text("Nobody")
    row.get_by_role("link", name=reference).click()
    agent.wait_for_url(f"**{dashboard_request_path(shoppers_request)}")
    expect(agent.locator("h1")).to_contain_text(f"{reference}: When do my sneakers ship?")

    # who is asking, and about what
    panel = agent.locator("[data-customer-panel]")
    expect(panel.locator("h2")).to_have_text("Sam Shopper")
    expect(panel).to_contain_text("shopper@atelier.example")
    expect(panel).to_contain_text(number)
    linked_order = agent.locator("[data-linked-order]")
    expect(linked_order.locator("h2").first).to_contain_text(f"Order {number}")
    expect(linked_order.locator(".ordered-configuration__preview svg").first).to_be_visible()
    expect(linked_order).to_contain_text("This request is about this item.")
    expect(agent.locator("[data-conversation] li")).to_contain_text("I need them for a wedding on the 20th")

    # the "Ship date" macro fills in the reply
    agent.locator("#macro-choice").select_option(label="Ship date")
    agent.get_by_role("button", name="Insert").click()
    reply_form = agent.locator("#message-form")
    expect(reply_form).to_contain_text("Macro “Ship date” filled in: check it before sending.")
    message = reply_form.locator("textarea[name=message]")
    expect(message).to_have_value(re.compile(r"^Hello Sam,"))
    expect(message).to_have_value(re.compile(rf"Your order {number} is on schedule"))
    expect(message).to_have_value(re.compile(r"Best wishes,\nSofia$"))
    body = message.input_value()
    assert "{{" not in body
    status_after = reply_form.get_by_label("Then set status to")
    expect(status_after).to_have_value("resolved")  # the macro's own choice, which the agent overrides
    status_after.select_option(label="Waiting on customer")
    reply_form.get_by_role("button", name="Send").click()
    agent.wait_for_url(f"**{dashboard_request_path(shoppers_request)}")
    expect(success_message(agent)).to_contain_text("Reply sent to shopper@atelier.example.")
    expect(agent.locator("[data-summary] .badge-info")).to_have_text("Waiting on customer")
    expect(agent.locator("#id_status")).to_have_value("waiting")
    staff_messages = agent.locator("[data-conversation] [data-message=staff]")
    expect(staff_messages).to_have_count(1)
    expect(staff_messages.first).to_contain_text(f"Your order {number} is on schedule")
    log = agent.locator("#change-log tbody")
    status_row = log.locator("tr", has=agent.locator("td", has_text=re.compile("^status$")))
    expect(status_row).to_have_count(1)
    expect(status_row).to_contain_text("New")
    expect(status_row).to_contain_text("Waiting on customer")
    expect(status_row).to_contain_text("Sofia Support")
    assignee_row = log.locator("tr", has=agent.locator("td", has_text=re.compile("^assignee$")))
    expect(assignee_row).to_contain_text("Sofia Support")  # the first reply assigns the request to its writer
    expect(agent.locator("#id_assignee option:checked")).to_have_text("Sofia Support")

    # the shopper, in a browser of their own, reads the reply and answers
    shopper = new_page()
    sign_in(shopper, "shopper", "/shop/accounts/support/")
    row = shopper.locator("[data-support-requests] tbody tr", has_text=reference)
    expect(row).to_contain_text("Waiting for your reply")
    row.get_by_role("link", name=reference).click()
    shopper.wait_for_url(f"**{account_request_path(shoppers_request)}")
    expect(shopper.locator(".support-request__status [data-status]")).to_have_text("Waiting for your reply")
    reply = shopper.locator(".support-message--staff")
    expect(reply).to_have_count(1)
    expect(reply).to_contain_text("Sofia Support · Atelier")
    expect(reply).to_contain_text("Hello Sam,")
    expect(reply).to_contain_text(f"Your order {number} is on schedule")
    shopper.get_by_label("Your reply").fill("Thank you! Could you make it a day earlier, for the rehearsal?")
    shopper.get_by_role("button", name="Send reply").click()
    shopper.wait_for_url(f"**{account_request_path(shoppers_request)}")
    expect(success_message(shopper)).to_contain_text("Your reply is on its way to us.")
    expect(shopper.locator(".support-request__status [data-status]")).to_have_text("Open")
    expect(shopper.locator(".support-message--customer").last).to_contain_text("a day earlier, for the rehearsal")

    # the agent reloads: the request is open again, with the shopper's answer
    agent.reload()
    expect(agent.locator("[data-summary] .badge-info")).to_have_text("Open")
    expect(agent.locator("[data-conversation] [data-message=customer]").last).to_contain_text(
        "a day earlier, for the rehearsal")
    reopened = log.locator("tr", has_text="Waiting on customer").filter(has_text="Open")
    expect(reopened).to_contain_text("Sam Shopper")


def test_an_internal_note_never_reaches_the_shopper(new_page, shoppers_request):
    note = "Workshop says the sole press is down until Thursday: do not promise the 20th yet."
    agent = new_page()
    sign_in(agent, "support", dashboard_request_path(shoppers_request))
    reply_form = agent.locator("#message-form")
    reply_form.get_by_label("Internal note").check()
    reply_form.locator("textarea[name=message]").fill(note)
    reply_form.get_by_role("button", name="Send").click()
    agent.wait_for_url(f"**{dashboard_request_path(shoppers_request)}")
    expect(success_message(agent)).to_contain_text("Internal note added (the customer does not see it).")
    notes = agent.locator("[data-conversation] [data-message=note]")
    expect(notes).to_have_count(1)
    expect(notes.first).to_contain_text("Internal note")
    expect(notes.first).to_contain_text(note)
    expect(agent.locator("[data-summary] .badge-info")).to_have_text("New")  # a note is no reply

    shopper = new_page()
    sign_in(shopper, "shopper", account_request_path(shoppers_request))
    expect(shopper.locator(".support-request__status")).to_contain_text(shoppers_request.reference)
    messages = shopper.locator("[data-conversation] li")
    expect(messages).to_have_count(1)
    expect(messages.first).to_contain_text("I need them for a wedding on the 20th")
    assert "sole press" not in shopper.content()
    expect(shopper.locator("body")).not_to_contain_text("Internal note")
    expect(shopper.locator(".support-request__status [data-status]")).to_have_text("New")


def test_the_support_pages_fit_a_phone(browser, live_server, shoppers_request, shopper_order):
    """At a phone's width nothing pushes the page sideways: wide tables scroll inside it, file pickers fit."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    try:
        sign_in(page, "shopper", "/shop/accounts/support/")
        for path in ["/shop/accounts/support/", account_request_path(shoppers_request),
                     f"/shop/support/new/?order={shopper_order.number}",
                     f"/shop/accounts/orders/{shopper_order.number}/", "/help/"]:
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    finally:
        context.close()
