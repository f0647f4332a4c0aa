"""Macros in the browser: an agent types part of a reply, inserts a macro, and keeps both; the page does not reload,
and the customer gets both. A staff-written macro goes into the reply as text, never as markup."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from support.models import Macro
from tests.browser import test_support
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# the help desk's browser fixtures: a paid sneaker order of the demo shopper, their request about it, fresh pages
shopper_order = test_support.shopper_order
shoppers_request = test_support.shoppers_request
new_page = test_support.new_page
dashboard_request_path = test_support.dashboard_request_path

TYPED = "Thank you for your patience, and sorry about the scuff."


def open_request_screen(new_page, support_request):
    """The agent's request screen, marked so that a reload would show (a new page has no mark)."""
    agent = new_page()
    sign_in(agent, "support", dashboard_request_path(support_request))
    agent.evaluate("window.sameDocument = true")
    return agent, agent.locator("#message-form"), agent.locator("#message-form textarea[name=message]")


def insert_macro(agent, name):
    agent.locator("#macro-choice").select_option(label=name)
    agent.get_by_role("button", name="Insert").click()
    expect(agent.locator("[data-macro-notice]")).to_contain_text(f"Macro “{name}” filled in")


def test_an_inserted_macro_keeps_the_typed_reply_and_the_customer_gets_both(new_page, shoppers_request):
    macro = Macro.objects.get(name="Ask for photos")
    used_before = macro.usage_count
    agent, reply_form, message = open_request_screen(new_page, shoppers_request)
    message.press_sequentially(TYPED)
    insert_macro(agent, "Ask for photos")

    expect(message).to_have_value(re.compile(
        rf"^{re.escape(TYPED)}\n\nHello Sam,\n\nI am sorry to hear that\. Could you send us a few photos of the "
        r"Atelier Sneaker, in daylight if you can\?.*\n\nThank you,\nSofia$", re.S))
    assert agent.evaluate("window.sameDocument") is True  # the page did not reload
    assert agent.url.endswith(dashboard_request_path(shoppers_request))  # no ?macro=: that is the fallback
    expect(reply_form.locator("input[name=macro]")).to_have_value(str(macro.pk))
    expect(reply_form.get_by_label("Then set status to")).to_have_value("waiting")  # the macro's own status,
    expect(reply_form.locator("#select2-id_status_after-container")).to_have_text("Waiting on customer")  # shown
    agent.keyboard.type("\n\nPS: a photo of the sole helps too.")  # the cursor waits after the macro
    expect(message).to_have_value(re.compile(r"Thank you,\nSofia\n\nPS: a photo of the sole helps too\.$"))

    mail.outbox.clear()
    reply_form.get_by_role("button", name="Send").click()
    agent.wait_for_url(f"**{dashboard_request_path(shoppers_request)}")
    expect(agent.locator("#messages .alert-success")).to_contain_text("Reply sent to shopper@atelier.example.")
    expect(agent.locator("[data-summary] .badge-info")).to_have_text("Waiting on customer")
    sent = agent.locator("[data-conversation] [data-message=staff]")
    expect(sent).to_contain_text(TYPED)
    expect(sent).to_contain_text("photos of the Atelier Sneaker")
    [email] = [e for e in mail.outbox if e.to == ["shopper@atelier.example"]]
    for part in (TYPED, "Could you send us a few photos of the Atelier Sneaker", "PS: a photo of the sole"):
        assert part in email.body, part
    macro.refresh_from_db()
    assert macro.usage_count == used_before + 1  # counted once, when the reply went out


def test_a_macro_goes_in_at_the_cursor_as_text_never_as_markup(new_page, shoppers_request):
    Macro.objects.create(name="<b>Bold</b> greeting", set_status="",
                         body='<img src="x" data-injected> {{ first_name }}, <b>welcome</b>')
    agent, reply_form, message = open_request_screen(new_page, shoppers_request)
    message.press_sequentially("Before.")
    message.press("Enter")
    message.press_sequentially("After.")
    message.press("ArrowUp")
    message.press("End")  # the cursor at the end of "Before."
    reply_form.get_by_label("Then set status to").select_option(label="Resolved")
    insert_macro(agent, "<b>Bold</b> greeting")

    expect(message).to_have_value('Before.\n\n<img src="x" data-injected> Sam, <b>welcome</b>\n\nAfter.')
    expect(agent.locator("[data-macro-notice]")).to_have_text(
        "Macro “<b>Bold</b> greeting” filled in: check it before sending.")
    expect(agent.locator("[data-injected]")).to_have_count(0)
    expect(agent.locator("b", has_text=re.compile("^(welcome|Bold)$"))).to_have_count(0)
    # a macro that sets no status leaves the agent's choice as it was
    expect(reply_form.get_by_label("Then set status to")).to_have_value("resolved")
    expect(reply_form.locator("#select2-id_status_after-container")).to_have_text("Resolved")
    assert agent.evaluate("window.sameDocument") is True


def test_a_macro_switched_off_meanwhile_is_explained_and_the_reply_kept(new_page, shoppers_request):
    agent, _, message = open_request_screen(new_page, shoppers_request)
    message.press_sequentially(TYPED)
    Macro.objects.filter(name="Ship date").update(is_active=False)  # a lead switches it off in another tab
    agent.locator("#macro-choice").select_option(label="Ship date")
    agent.get_by_role("button", name="Insert").click()
    notice = agent.locator("[data-macro-notice]")
    expect(notice).to_contain_text("No macro in use has this number: it may have been switched off or deleted.")
    expect(notice).to_have_class(re.compile(r"\btext-danger\b"))
    expect(message).to_have_value(TYPED)
    assert agent.evaluate("window.sameDocument") is True


def test_without_javascript_insert_reloads_the_screen_with_the_reply_filled_in(browser, live_server, shoppers_request):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(test_support.TIMEOUT)
    try:
        agent = context.new_page()
        sign_in(agent, "support", dashboard_request_path(shoppers_request))
        agent.locator("#macro-choice").select_option(label="Ask for photos")
        agent.get_by_role("button", name="Insert").click()
        agent.wait_for_url(re.compile(r"\?macro=\d+$"))
        expect(agent.locator("[data-macro-notice]")).to_have_text(
            "Macro “Ask for photos” filled in: check it before sending.")
        expect(agent.locator("#message-form textarea[name=message]")).to_have_value(
            re.compile(r"^Hello Sam,\n\n.*photos of the Atelier Sneaker, in daylight", re.S))
        expect(agent.locator("#message-form").get_by_label("Then set status to")).to_have_value("waiting")
    finally:
        context.close()
