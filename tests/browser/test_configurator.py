"""A shopper configures a sneaker in the browser, sees why an option is unavailable, saves, reopens the
configuration by its code, adds it to the basket and pays attention to one thing: the same total."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.configurator_page import change, wait_until_rendered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def total(page):
    return page.locator("[data-total]").inner_text().strip()




def test_configure_save_reopen_and_add_to_basket(page):
    page.goto("/shop/configure/the-atelier-sneaker/")
    wait_until_rendered(page)
    assert total(page) == "€149.00"
    chalk = page.locator("#option-colour_chalk")
    assert chalk.is_enabled()

    change(page, lambda: page.get_by_text("Suede", exact=True).click())
    expect(page.locator("#option-colour_chalk")).to_have_attribute("aria-disabled", "true")
    reason = page.locator("#reason-colour_chalk")
    assert reason.inner_text() == "Not available with Suede"
    assert page.locator("#option-colour_chalk").get_attribute("aria-describedby") == "reason-colour_chalk"

    change(page, lambda: page.get_by_text("EU 40", exact=True).click())
    change(page, lambda: page.locator("label[for=option-colour_navy]").click())
    change(page, lambda: page.locator("label[for=option-extra_spare_laces]").click())
    configured_total = total(page)
    assert configured_total == "€170.50"  # (149 + 6 spare laces) + 10% suede premium

    change(page, lambda: page.get_by_role("button", name="Undo").click())
    assert not page.locator("#option-extra_spare_laces").is_checked()
    assert total(page) == "€163.90"
    change(page, lambda: page.locator("label[for=option-extra_spare_laces]").click())
    assert total(page) == configured_total

    page.get_by_role("button", name="Save and share").click()
    page.wait_for_url(re.compile(r".*/shop/configure/the-atelier-sneaker/[a-z2-9]{10}/$"))
    assert "Saved" in page.locator("#messages").inner_text()
    share_url = page.url

    page.goto("/")
    page.goto(share_url)
    assert page.locator("#option-upper_suede").is_checked()
    assert page.locator("#option-colour_navy").is_checked()
    assert total(page) == configured_total

    page.get_by_role("button", name="Add to basket").click()
    page.wait_for_url("**/shop/basket/")
    assert "Suede" in page.locator(".configuration-features").inner_text()
    assert configured_total in page.locator("#basket_totals").inner_text()
    assert page.locator("[data-basket-count]").inner_text() == "1"


def test_a_monogram_hidden_by_suede_is_removed_visibly_can_be_undone_and_is_never_bought_unseen(page):
    page.goto("/shop/configure/the-atelier-sneaker/")
    wait_until_rendered(page)
    monogram = page.locator("#field-monogram")
    change(page, lambda: (monogram.fill("JD"), monogram.press("Tab")))
    assert total(page) == "€159.00"  # 149 + two letters at €5

    change(page, lambda: page.get_by_text("Suede", exact=True).click())
    notice = page.locator("[data-removed]")
    assert notice.is_visible()
    assert "Monogram removed: only offered with Full-grain leather" in notice.inner_text()
    assert total(page) == "€163.90"  # 149 + 10% suede premium: no monogram, and no premium on one
    assert not monogram.is_visible()

    change(page, lambda: notice.get_by_role("button", name="Undo").click())
    assert page.locator("#option-upper_leather").is_checked()
    assert monogram.is_visible() and monogram.input_value() == "JD"
    assert total(page) == "€159.00"
    assert not notice.is_visible()

    # Away and back: the monogram stays dropped (the field is empty), so the basket gets what is shown.
    change(page, lambda: page.get_by_text("Suede", exact=True).click())
    change(page, lambda: page.get_by_text("Full-grain leather", exact=True).click())
    assert monogram.is_visible() and monogram.input_value() == ""
    assert total(page) == "€149.00"
    page.get_by_role("button", name="Add to basket").click()
    page.wait_for_url("**/shop/basket/")
    assert "Monogram" not in page.locator(".configuration-features").inner_text()
    assert "€149.00" in page.locator("#basket_totals").inner_text()
