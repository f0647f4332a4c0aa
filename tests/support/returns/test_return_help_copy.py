"""The help centre describes returns as the software does them: the buttons and choices its articles name are on
the customer's pages with those names, and the policy it states (window, reasons, address, store credit) is the one
the software applies, with none of the promises it does not keep."""

import re
from html import unescape

import pytest

from configurator.models import ConfigurableProduct
from configurator.services import save_configuration
from shop.demo.copy import load_demo_copy
from support.returns import services
from support.returns.models import Reason
from tests.orders import SNEAKER, paid_order
from tests.support.returns.conftest import ship
from tests.support.returns.test_customer_returns import form_url, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered_order(shopper):
    """The demo shopper's sneakers, made and shipped."""
    version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    return ship(paid_order(version, SNEAKER, user=shopper))


def article_html(slug):
    article = next(article for article in load_demo_copy().help_articles if article.slug == slug)
    parts = [article.summary]
    for kind, value in article.stream():
        parts.append(value["text"] if kind == "callout" else value)
    return " ".join(parts)


def button_names(html):
    return set(re.findall(r"<b>([^<]+)</b>", html))


@pytest.fixture
def customer_pages(client_as, delivered_order, shopper, agent):
    """The pages the returns articles send a member to: the order page (an item delivered), the "Start a return"
    form, and the page of an approved return."""
    client = client_as("shopper")
    pages = {"order": client.get(f"/shop/accounts/orders/{delivered_order.number}/").content.decode(),
             "form": client.get(form_url(delivered_order)).content.decode()}
    ret = services.approve_return(start(delivered_order, shopper), agent=agent, ship_back=True)
    pages["return"] = client.get(f"/shop/accounts/support/{ret.request.code}/").content.decode()
    # an exchange: the return's page, the exchange page with a replacement chosen, and the configurator choosing it
    version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    other = ship(paid_order(version, SNEAKER, user=shopper))
    exchanged = services.approve_return(start(other, shopper, reason="changed_mind", wanted="exchange"), agent=agent,
                                        ship_back=False)
    exchanged = services.resolve_return(exchanged, agent=agent, resolution="exchange")
    base = f"/shop/accounts/support/{exchanged.request.code}/"
    pages["exchange_return"] = client.get(base).content.decode()
    same_price = save_configuration(version=version, options=["size_41" if o == "size_40" else o for o in SNEAKER])
    pages["exchange"] = client.get(f"{base}exchange/?configuration={same_price.code}").content.decode()
    choose = unescape(re.search(r'href="([^"]+)" data-choose-replacement', client.get(f"{base}exchange/")
                                .content.decode()).group(1))
    pages["configurator"] = client.get(choose).content.decode()
    return pages


# What the help centre calls a button or a choice, and the page where the customer finds it with that name.
NAMED_ON_PAGES = {
    "Start a return": ("order", ">Start a return</a>"),
    "Get help with this item": ("form", ">Get help with this item</a>"),
    "Print your return slip": ("return", ">Print your return slip</a>"),
    "Size or fit": ("form", ">Size or fit</label>"),
    "Colour or material not as expected": ("form", ">Colour or material not as expected</label>"),
    "A remake": ("form", ">A remake</label>"),
    "Choose your replacement": ("exchange_return", ">Choose your replacement</a>"),
    "Use this for my exchange": ("configurator", ">Use this for my exchange</button>"),
    "Confirm the exchange": ("exchange", ">Confirm the exchange</button>"),
}


@pytest.mark.parametrize("slug", ["returns", "remakes-for-fit", "how-to-order"])
def test_the_help_articles_name_buttons_and_choices_that_exist(customer_pages, slug):
    html = article_html(slug)
    named = button_names(html) & set(NAMED_ON_PAGES)
    assert "Start a return" in named  # every article about returns says where to start one
    for name in named:
        page, markup = NAMED_ON_PAGES[name]
        assert markup in customer_pages[page], f"help/{slug}.toml names “{name}”, which the {page} page lacks"


def test_the_returns_article_states_the_policy_the_software_applies(settings):
    html = article_html("returns")
    text = re.sub(r"<[^>]+>", "", html)
    assert f"within {settings.RETURN_WINDOW_DAYS} days of delivery" in text
    assert settings.RETURN_DELIVERY_DAYS == 3 and "three days after it left our workshop" in text
    assert settings.RETURN_ADDRESS in text
    assert settings.STORE_CREDIT_VALID_DAYS == 365 and "valid for a year" in text
    assert settings.EXCHANGE_VALID_DAYS == 60 and "You have 60 days to choose" in text
    reasons = ", ".join(label.lower() for label in Reason.labels[:-1]) + ", or " + Reason.labels[-1].lower()
    assert f"and why: {reasons}." in text  # the form's reasons, in its order
    for slug in ("returns", "remakes-for-fit"):
        written = re.sub(r"<[^>]+>", "", article_html(slug)).lower()
        for promise in ("prepaid", "collect", "working day", " km", "half its", "one fit remake"):
            assert promise not in written, f"help/{slug}.toml promises “{promise}”, which the software doesn't do"
    assert f"within {settings.RETURN_WINDOW_DAYS} days of delivery" in article_html("change-or-cancel")


def test_a_remakes_ship_date_is_on_the_return_page_and_the_order_page_as_the_article_says(client_as,
                                                                                        delivered_order, shopper,
                                                                                        agent):
    assert "Its ship date is on your return's page and your order page." in article_html("remakes-for-fit")
    ret = services.approve_return(start(delivered_order, shopper, wanted="remake"), agent=agent, ship_back=False)
    ret = services.resolve_return(ret, agent=agent, resolution="remake")
    day = ret.remake.estimated_ship_date
    written = f"{day:%A} {day.day} {day:%B %Y}"
    client = client_as("shopper")
    assert written in client.get(f"/shop/accounts/support/{ret.request.code}/").content.decode()
    assert written in client.get(f"/shop/accounts/orders/{delivered_order.number}/").content.decode()
