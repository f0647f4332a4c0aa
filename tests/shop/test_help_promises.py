"""The help centre promises only what exists: each button, page, link or label a help article names is looked for on
the real page it names, so renaming a button (or dropping a feature) fails here until the article is changed too.

Each promise: the article (its slug under /help/), the words it uses, the page to open, and how to find the element
there (a CSS selector and the element's text, or a text the page must show).
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from oscar.core.loading import get_class

from shop.apps.checkout import forms as checkout_forms
from tests.shop.invoices.conftest import order_page, sneaker_order  # noqa: F401  (fixture)
from tests.support.returns.conftest import ship

Repository = get_class("shipping.repository", "Repository")

# (article slug, the article's words, page, CSS selector, the element's text: None when only the selector counts)
PROMISES = [
    ("prices-vat-invoices", "Download your invoice (PDF)", "order", "a[data-download-invoice]",
     "Download your invoice (PDF)"),
    ("prices-vat-invoices", "ordered as a guest", "guest order", "a[data-download-invoice]",
     "Download your invoice (PDF)"),
    ("prices-vat-invoices", "show how much VAT the total contains", "order", "[data-vat-contained]",
     "incl. €28.98 VAT (21 %)"),
    ("how-to-order", "download your invoice", "order", "a[data-download-invoice]", "Download your invoice (PDF)"),
    ("how-to-order", "Start a return", "order", "a[data-start-return]", "Start a return"),
    ("how-to-order", "for guests too", "guest order", "a[data-start-return]", "Start a return"),
    ("contact-us", "Get help with this order", "order", "a[data-get-help=order]", "Get help with this order"),
    ("contact-us", "My account, Support", "account", "a[href='/shop/accounts/support/']", "Support"),
    ("change-or-cancel", "Get help with this order", "order", "a[data-get-help=order]", "Get help with this order"),
    ("change-or-cancel", "In production", "order", ".production-timeline__label", "In production"),
    ("track-production", "Placed", "order", ".production-timeline__label", "Placed"),
    ("track-production", "Quality check", "order", ".production-timeline__label", "Quality check"),
    ("track-production", "Shipped", "order", ".production-timeline__label", "Shipped"),
    ("returns", "Start a return", "order", "a[data-start-return]", "Start a return"),
    ("returns", "Get help with this item", "order", "a[data-get-help=line]", "Get help with this item"),
    ("returns", "My account → Support", "account", "a[href='/shop/accounts/support/']", "Support"),
    ("returns", "changed my mind", "start return", "[data-return-reasons] label", "Changed my mind"),
    ("remakes-for-fit", "Start a return", "order", "a[data-start-return]", "Start a return"),
    ("remakes-for-fit", "Size or fit", "start return", "[data-return-reasons] label", "Size or fit"),
    ("remakes-for-fit", "Colour or", "start return", "[data-return-reasons] label",
     "Colour or material not as expected"),
    ("remakes-for-fit", "A remake", "start return", "label", "A remake"),
    ("warranty", "Start a return", "order", "a[data-start-return]", "Start a return"),
    ("warranty", "Faulty or damaged", "start return", "[data-return-reasons] label", "Faulty or damaged"),
    ("customise-your-product", "Save and share", "configure", "button[name=action][value=save]", "Save and share"),
    ("unpacking-and-assembly", "Collect from our workshop in", "delivery methods", "li",
     "Collect from our workshop in Ghent"),
    ("sneaker-care", "Send a help request from your", "order", "a[data-get-help=order]", "Get help with this order"),
]


@pytest.fixture
def pages(client, member, sneaker_order):  # noqa: F811  (the fixture imported above)
    """The pages the help centre sends customers to, for one shipped sneaker order (a member's and a guest's)."""
    order = ship(sneaker_order(user=member))
    guest_order = ship(sneaker_order())
    client.force_login(member)
    line = order.lines.get()
    rendered = {
        "order": client.get(order_page(order)),
        "account": client.get(reverse("customer:summary"), follow=True),
        "start return": client.get(reverse("support:start-return"), {"order": order.number, "line": line.id}),
        "configure": client.get("/shop/configure/the-atelier-sneaker/"),
    }
    client.logout()
    kwargs = {"order_number": guest_order.number, "hash": guest_order.verification_hash()}
    rendered["guest order"] = client.post(reverse("customer:anon-order-form", kwargs=kwargs),
                                          {"email": "ada@example.com"}, follow=True)
    for name, response in rendered.items():
        assert response.status_code == 200, name
    html = {name: response.content.decode() for name, response in rendered.items()}
    # the delivery methods the checkout offers for an address in Belgium, as its shipping-method page lists them
    methods = Repository().get_shipping_methods(basket=order.basket, shipping_addr=order.shipping_address)
    html["delivery methods"] = "<ul>" + "".join(f"<li>{method.name}</li>" for method in methods) + "</ul>"
    return html


def article_text(client, slug):
    response = client.get(f"/help/{slug}/")
    assert response.status_code == 200, slug
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join((page.find("main") or page).get_text(" ").split())


def test_every_article_names_only_what_the_pages_show(client, pages):
    missing = []
    for slug, words, page, selector, text in PROMISES:
        if words not in article_text(client, slug):
            missing.append(f"{slug}: the article no longer says {words!r} (update this table)")
            continue
        found = [" ".join(e.get_text(" ").split()) for e in BeautifulSoup(pages[page], "html.parser").select(selector)]
        if text not in found:
            missing.append(f"{slug}: {words!r} promises {text!r} ({selector}) on the {page} page; found {found[:6]}")
    assert missing == []


def test_the_articles_promise_nothing_the_store_does_not_do(client, db):
    """What the store does not do (no VIES check, no reverse charge, no prices without VAT, no assembly service,
    no payment links) is not promised anywhere in the help centre."""
    promised = {slug: article_text(client, slug) for slug in {row[0] for row in PROMISES} | {"shipping", "payment"}}
    for slug, text in promised.items():
        for never in ("VIES", "reverse charge is applied", "remove Belgian VAT", "without Belgian VAT",
                      "add assembly at checkout", "payment link", "once your order has shipped", "Ask for help",
                      "In the queue"):
            assert never not in text, (slug, never)


def test_business_customers_can_give_a_company_name_and_vat_number_at_checkout(client, db):
    assert "company name and VAT number at checkout" in article_text(client, "prices-vat-invoices")
    fields = {name for form in vars(checkout_forms).values() if isinstance(form, type) and hasattr(form, "base_fields")
              for name in form.base_fields}
    assert {"company_name", "vat_number"} <= fields
