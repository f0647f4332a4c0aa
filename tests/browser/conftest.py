"""Playwright for Python driving Debian's chromium; it never downloads a browser."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import DEMO_PASSWORDS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install -y chromium).")
    # Playwright's sync API runs an event loop; Django must allow ORM calls from the test body meanwhile.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, seeded_store):
    """A page of a fresh context; the test fails if the page broke the Content-Security-Policy (chromium logs it)."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = csp_violations(page)
    yield page
    context.close()
    assert not violations, "The page broke the Content-Security-Policy:\n" + "\n".join(violations)


def csp_violations(page_or_context):
    """A list that collects the Content-Security-Policy violations a page (or every page of a context) logs."""
    violations = []
    page_or_context.on("console", lambda message: violations.append(message.text)
                       if message.type == "error" and "Content Security Policy" in message.text else None)
    return violations


def sign_in(page, role, next_url):
    """Sign the page in as the demo user of a role through the login form, and wait for `next_url`."""
    email, password = DEMO_PASSWORDS[role]
    page.goto(f"/shop/accounts/login/?next={next_url}")
    page.locator("#id_login-username").fill(email)
    page.locator("#id_login-password").fill(password)
    page.locator("button[name=login_submit]").click()
    page.wait_for_url(f"**{next_url}")
