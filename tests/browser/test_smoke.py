"""A shopper's first walk: home → shop → product page → help centre search."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_shop_product_help_search(page):
    page.goto("/")
    assert page.locator("h1").first.inner_text().strip()
    assert page.locator(".product-card").count() == 3

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Shop").click()
    page.wait_for_url("**/shop/catalogue/")
    assert page.locator(".product-card").count() >= 6

    page.locator(".product-card a").filter(has_text="Sneaker").first.click()
    page.wait_for_url("**/shop/catalogue/**")
    assert "Sneaker" in page.locator("h1").inner_text()
    assert page.locator(".price_color").first.inner_text().startswith("€")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Help").click()
    page.wait_for_url("**/help/")
    page.get_by_label("Search the help centre").fill("return")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/help/?q=return")
    results = page.locator("[data-help-results] li a")
    assert results.count() >= 1
    assert any("eturn" in text for text in results.all_inner_texts())
