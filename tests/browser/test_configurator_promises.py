"""A new shopper in Chromium, on a laptop and on a 390 px phone: typed text is kept as the step needs it and priced
while typing, Enter never orders, an error sits beside its field and holds back Add to basket, optional steps can be
emptied (with and without JavaScript), a reason names the latest choice, percent prices are on the cards and follow
the selection, the total and ship date stay in sight on a phone, and a saved link can be copied."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.configurator_page import change, wait_until_rendered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SNEAKER, DESK = "/shop/configure/the-atelier-sneaker/", "/shop/configure/the-atelier-standing-desk/"
PHONE = {"width": 390, "height": 844}
SCREENS = pytest.mark.parametrize("screen", ["laptop", "phone"])


def open_configurator(page, url, screen="laptop"):
    if screen == "phone":
        page.set_viewport_size(PHONE)
    page.goto(url)
    wait_until_rendered(page)


def total(page):
    return page.locator("[data-total]").inner_text().strip()


@SCREENS
def test_a_lowercase_monogram_is_priced_while_typing_kept_in_capitals_and_enter_never_orders(page, screen):
    open_configurator(page, SNEAKER, screen)
    monogram = page.locator("#field-monogram")
    change(page, lambda: monogram.press_sequentially("jd"))  # no blur: the price follows the typing
    assert total(page) == "€159.00"  # 149 + two letters at €5
    change(page, lambda: monogram.press("Enter"))
    assert page.url.endswith(SNEAKER) and page.locator("[data-basket-count]").inner_text() in ("", "0")
    monogram.press("Tab")
    expect(monogram).to_have_value("JD")  # what the server keeps, shown back once the shopper left the field

    page.get_by_role("button", name="Add to basket").click()
    page.wait_for_url("**/shop/basket/")
    assert "JD" in page.locator(".configuration-features").inner_text()
    assert "€159.00" in page.locator("#basket_totals").inner_text()


@SCREENS
def test_an_error_sits_beside_its_field_and_holds_back_add_to_basket_until_corrected(page, screen):
    open_configurator(page, SNEAKER, screen)
    monogram = page.locator("#field-monogram")
    add = page.get_by_role("button", name="Add to basket")
    monogram.press_sequentially("J1")
    error = page.locator("#error-monogram")
    expect(error).to_have_text("Monogram may not contain '1'")
    expect(monogram).to_have_attribute("aria-invalid", "true")
    assert "error-monogram" in monogram.get_attribute("aria-describedby").split()
    expect(add).to_have_attribute("aria-disabled", "true")
    assert not page.locator("[data-live-error]").is_visible()  # said once, beside the field, with no code
    # a shopper can still press it: by keyboard, as a tap at coordinates may land on the phone's sticky summary bar
    add.press("Enter")
    expect(monogram).to_be_focused()  # refused: back to what needs correcting
    assert page.url.endswith(SNEAKER)

    change(page, lambda: (monogram.press("Backspace"), monogram.press_sequentially("D")))
    expect(error).to_be_hidden()
    assert monogram.get_attribute("aria-invalid") is None
    expect(add).to_have_attribute("aria-disabled", "false")
    assert total(page) == "€159.00"


@SCREENS
def test_a_measurement_is_priced_while_typing_and_a_refused_one_is_said_beside_it(page, screen):
    open_configurator(page, DESK, screen)
    width = page.locator("#field-width")
    change(page, lambda: width.press_sequentially("120"))
    at_minimum = total(page)
    change(page, lambda: (width.fill(""), width.press_sequentially("150")))  # 30 cm above the minimum at €2
    assert float(total(page).strip("€").replace(",", "")) - float(at_minimum.strip("€").replace(",", "")) == 60
    width.press_sequentially("0")  # 1500 cm
    expect(page.locator("#error-width")).to_have_text("Width must be at most 200 cm")
    expect(width).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("button", name="Add to basket")).to_have_attribute("aria-disabled", "true")


@SCREENS
def test_an_optional_step_once_chosen_can_be_emptied_again(page, screen):
    open_configurator(page, DESK, screen)
    before = total(page)
    none = page.locator("#option-none-keypad")
    assert none.is_checked()
    change(page, lambda: page.locator("label[for=option-keypad_memory]").click())
    assert page.locator("#option-keypad_memory").is_checked() and not none.is_checked()
    assert total(page) != before
    change(page, lambda: page.get_by_text("No memory keypad", exact=True).click())
    assert none.is_checked() and not page.locator("#option-keypad_memory").is_checked()
    assert total(page) == before


def test_without_javascript_an_optional_step_is_emptied_and_enter_only_updates(browser, live_server, seeded_store):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(DESK + "?keypad=keypad_memory&width=120&depth=70")
        assert page.locator("#option-keypad_memory").is_checked()
        page.locator("label[for=option-none-keypad]").click()
        page.locator("#field-width").press("Enter")  # the form's default button only updates
        page.wait_for_load_state()
        assert page.url.endswith(DESK)  # re-rendered by the server, not the basket
        assert page.locator("#option-none-keypad").is_checked()
        assert not page.locator("#option-keypad_memory").is_checked()
        assert page.locator("#field-width").input_value() == "120"
    finally:
        context.close()


def test_a_reason_names_the_choice_the_shopper_made_last(page):
    open_configurator(page, SNEAKER)
    vegan = page.locator("#reason-lining_vegan")
    change(page, lambda: page.locator("label[for=option-toe_contrast_leather]").click())
    expect(vegan).to_have_text("Not available with Contrast toe cap in chalk leather")
    change(page, lambda: page.get_by_text("Suede", exact=True).click())
    change(page, lambda: page.get_by_text("Full-grain leather", exact=True).click())
    expect(vegan).to_have_text("Not available with Full-grain leather")


@SCREENS
def test_a_percent_price_is_on_its_card_and_follows_the_selection(page, screen):
    open_configurator(page, SNEAKER, screen)
    suede = page.locator("[data-option=upper_suede] [data-option-price]")
    expect(suede).to_have_text("+10 % (+€14.90) · +3 days")
    change(page, lambda: page.locator("label[for=option-sole_gum]").click())
    expect(suede).to_have_text("+10 % (+€15.90) · +3 days")  # 10 % of 149 + 10 for the gum sole


def test_on_a_phone_the_total_and_ship_date_stay_in_sight_down_to_the_last_step(page):
    open_configurator(page, SNEAKER, "phone")
    bar_total, bar_date = page.locator("[data-bar-total]"), page.locator("[data-bar-ship-date]")
    last_step = page.locator("fieldset[data-group=extras]")
    last_step.scroll_into_view_if_needed()
    expect(page.locator("[data-total]")).not_to_be_in_viewport()  # the summary card has scrolled away
    expect(bar_total).to_be_in_viewport()
    expect(bar_date).to_be_in_viewport()
    change(page, lambda: page.locator("label[for=option-extra_spare_laces]").click())
    expect(bar_total).to_have_text("€155.00")  # follows the choices: 149 + 6 spare laces
    assert bar_date.inner_text() == page.locator("[data-ship-date]").inner_text()
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(bar_total).to_be_hidden()  # on a laptop the summary itself stays in sight


def test_a_saved_link_is_shown_and_copied(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_configurator(page, SNEAKER)
    page.get_by_role("button", name="Save and share").click()
    page.wait_for_url(re.compile(r".*/shop/configure/the-atelier-sneaker/[a-z2-9]{10}/$"))
    link = page.get_by_label("Your saved configuration's link")
    expect(link).to_have_value(page.url)
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("[data-copied]")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    native = page.locator("[data-share-native]")
    if page.evaluate("typeof navigator.share") == "function":
        expect(native).to_be_visible()
    else:
        expect(native).to_be_hidden()  # no share sheet here: no button that does nothing
