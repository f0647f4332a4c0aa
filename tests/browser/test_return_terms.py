"""A shopper reads the return terms in the configurator: typing a monogram makes the sneaker personal and the terms
say so at once; clearing it gives the preset terms back; the basket then promises what the page showed."""

import pytest

from configurator.return_terms import configuration_terms
from configurator.selectors import current_version_for_slug
from tests.browser.configurator_page import change, wait_until_rendered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shown_terms(page, where="[data-configurator]"):
    return page.locator(f"{where} [data-return-terms] li").all_inner_texts()


def test_typing_a_monogram_changes_the_terms_and_clearing_it_changes_them_back(page):
    definition = current_version_for_slug("the-atelier-sneaker").definition
    preset = configuration_terms(definition, {})
    monogrammed = configuration_terms(definition, {"texts": {"monogram": "JD"}})
    assert monogrammed[0].startswith("Made to your personal specification (your monogram)") and preset != monogrammed

    page.goto("/shop/configure/the-atelier-sneaker/")
    wait_until_rendered(page)
    assert shown_terms(page) == preset
    monogram = page.locator("#field-monogram")
    change(page, lambda: (monogram.fill("JD"), monogram.press("Tab")))
    assert shown_terms(page) == monogrammed
    change(page, lambda: (monogram.fill(""), monogram.press("Tab")))
    assert shown_terms(page) == preset

    change(page, lambda: (monogram.fill("JD"), monogram.press("Tab")))
    page.get_by_role("button", name="Add to basket").click()
    page.wait_for_url("**/shop/basket/")
    assert shown_terms(page, "#basket_formset") == monogrammed
