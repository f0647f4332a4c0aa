"""The loyalty badge wherever staff meet a customer: the support inbox and request screen (e-mailed requests too),
Oscar's order and customer pages, and the workshop's work order page and queue for a Gold customer's items."""

import re
from email.message import EmailMessage

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from configurator.models import ConfigurableProduct
from configurator.production.models import WorkOrder
from shop.loyalty.models import Tier
from shop.loyalty.services import raise_tier
from support.inbound import NEW, ingest_email
from support.services import open_request
from tests.orders import SNEAKER, paid_order
from tests.support.test_support_query_budgets import INBOX_BUDGET

pytestmark = pytest.mark.django_db
User = get_user_model()
Order = get_model("order", "Order")
AUTHSERV_ID = "mx.atelier.example"
INBOX = "/shop/dashboard/support/"
PRODUCTION = "/shop/dashboard/production/"
CUSTOMER_PAGE_BUDGET = 20  # Oscar's customer page: measured 17 without the badge, 18 with it (19: no standing yet)
BADGE = re.compile(r'data-loyalty-badge="([^"]+)"><span[^>]*>[^<]*</span>(?: <small>([^<]*)</small>)?')


def badges_in(html):
    """[(tier, what the badge says after it)] of every badge on a page, in order."""
    return BADGE.findall(html)


def screen(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def part(html, marker, end):
    """The piece of a page from ``marker`` to the next ``end``."""
    assert marker in html, marker
    return html.split(marker, 1)[1].split(end, 1)[0]


def sneaker_order(user=None):
    version = ConfigurableProduct.objects.get(product__upc="ATL-SNK-001").current_version
    return paid_order(version, SNEAKER, user=user)


def customer(username, first_name):
    return User.objects.create_user(username=username, email=f"{username}@example.com", first_name=first_name,
                                    last_name="Customer", password="x-pass-4321")


def ask(who, subject="Where is my order?", order=None):
    """A web request of a member (or of a guest, by e-mail address)."""
    if isinstance(who, str):
        return open_request(kind="order", subject=subject, body="Hello?", email=who, name="Gus Guest", order=order,
                            notify=False)
    return open_request(kind="order", subject=subject, body="Hello?", email=who.email, customer=who,
                        name=who.get_full_name(), order=order, notify=False)


@pytest.fixture
def gold(demo_user):
    """Ada, with a paid sneaker order, made Gold by the demo lead; her badge as staff should read it."""
    ada = customer("ada", "Ada")
    order = sneaker_order(user=ada)
    standing = raise_tier(ada, tier=Tier.objects.get(name="Gold"), by=demo_user("lead"),
                          reason="Ten years of custom orders before the online store")
    ada.order, ada.standing = order, standing
    ada.badge = ("Gold", f"since {standing.customer_since:%b %Y} · 1 order · {currency(order.total_incl_tax)}")
    assert standing.lifetime_orders == 1 and standing.lifetime_value == order.total_incl_tax
    return ada


def test_the_inbox_shows_each_customers_badge_on_their_row(client_as, gold):
    mine = ask(gold, subject="Loyal question", order=gold.order)
    guests = ask("gus@example.net", subject="Loyal guest question")
    member = ask(customer("bea", "Bea"), subject="Loyal member question")

    html = screen(client_as("support"), INBOX + "?view=all&q=Loyal")

    def row(request):
        return part(html, f'<tr data-reference="{request.reference}"', "</tr>")

    assert badges_in(row(mine)) == [gold.badge]
    assert badges_in(row(guests)) == [("Guest", "")]
    assert badges_in(row(member)) == [("Member", "no paid order yet")]


def test_the_inbox_reads_the_badges_of_its_page_at_once(client_as, gold, django_assert_max_num_queries):
    client = client_as("support")
    url = INBOX + "?view=all&q=Badge+count"

    def queries_and_tiers():
        client.get(url)  # warm, as a running server is
        with django_assert_max_num_queries(INBOX_BUDGET) as queries:
            html = screen(client, url)
        return len(queries), sorted(tier for tier, _ in badges_in(html))

    ask(customer("eve", "Eve"), subject="Badge count 1")  # a member with no standing yet: the base tier is read
    one, tiers = queries_and_tiers()
    assert tiers == ["Member"]
    ask(gold, subject="Badge count 2")
    ask("gus@example.net", subject="Badge count 3")
    ask(customer("fay", "Fay"), subject="Badge count 4")
    ask(gold, subject="Badge count 5")
    five, tiers = queries_and_tiers()
    assert tiers == ["Gold", "Gold", "Guest", "Member", "Member"]
    assert five == one


def test_the_request_screen_shows_the_customers_badge_in_the_panel_and_a_guest_is_a_guest(client_as, gold):
    client = client_as("support")
    request = ask(gold, order=gold.order)
    panel = part(screen(client, f"{INBOX}requests/{request.reference}/"), "data-customer-panel", "</section>")
    assert badges_in(panel) == [gold.badge]

    guest_order = sneaker_order()
    guests = ask(guest_order.guest_email, order=guest_order)
    panel = part(screen(client, f"{INBOX}requests/{guests.reference}/"), "data-customer-panel", "</section>")
    assert badges_in(panel) == [("Guest", "")]


def inbound(sender, *, vouched, subject="Can I order the same sneakers in blue?"):
    """An e-mail to the desk from ``sender``, as our relay hands it over (vouched: DMARC passed for From)."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = f"Ada Customer <{sender}>", "support@atelier.example", subject
    message["Message-ID"] = f"<{abs(hash((sender, vouched, subject)))}@mail.example.com>"
    message.set_content("Hello, the same pair again but in blue, please.\nAda")
    raw = message.as_bytes()
    if vouched:
        raw = f"Authentication-Results: {AUTHSERV_ID}; dmarc=pass header.from=example.com\n".encode() + raw
    return raw


def test_an_emailed_request_shows_the_badge_but_a_forged_sender_gets_none(client_as, gold, settings):
    settings.SUPPORT_INBOUND_AUTHSERV_ID = AUTHSERV_ID
    client = client_as("support")
    emailed = ingest_email(inbound(gold.email, vouched=True))
    assert emailed.outcome == NEW and emailed.request.customer == gold
    page = screen(client, f"{INBOX}requests/{emailed.request.reference}/")
    assert badges_in(part(page, "data-customer-panel", "</section>")) == [gold.badge]

    forged = ingest_email(inbound(gold.email, vouched=False, subject="Send my order to a new address"))
    assert forged.outcome == NEW and not forged.request.sender_verified
    page = screen(client, f"{INBOX}requests/{forged.request.reference}/")
    assert badges_in(part(page, "data-customer-panel", "</section>")) == [("Guest", "")]  # nothing vouches for Ada
    row = part(screen(client, INBOX + "?view=all&q=new+address"), f'data-reference="{forged.request.reference}"',
               "</tr>")
    assert badges_in(row) == [("Guest", "")]


def test_oscars_order_and_customer_pages_show_the_badge(client_as, gold, django_assert_max_num_queries):
    client = client_as("support")
    order_page = screen(client, f"/shop/dashboard/orders/{gold.order.number}/")
    assert badges_in(part(order_page, "data-order-customer-loyalty", "</p>")) == [gold.badge]

    url = f"/shop/dashboard/users/{gold.pk}/"
    client.get(url)
    with django_assert_max_num_queries(CUSTOMER_PAGE_BUDGET):
        customer_page = screen(client, url)
    row = part(customer_page, "data-customer-loyalty", "</tr>")
    assert badges_in(row) == [gold.badge] and f'href="/shop/dashboard/loyalty/customers/{gold.pk}/"' in row

    guest_order = sneaker_order()
    assert badges_in(screen(client, f"/shop/dashboard/orders/{guest_order.number}/")) == [("Guest", "")]


def test_the_workshop_sees_the_badge_of_a_gold_customers_items_only(client_as, gold):
    client = client_as("production")
    golds = WorkOrder.objects.get(order=gold.order)
    page = screen(client, f"{PRODUCTION}{golds.number}/")
    assert badges_in(part(page, "data-work-order-customer", "</td>")) == [gold.badge]
    queue = screen(client, f"{PRODUCTION}?search={golds.number}")
    assert badges_in(part(queue, f'name="numbers" value="{golds.number}"', "</tr>")) == [gold.badge]

    silver = customer("cleo", "Cleo")
    silvers = WorkOrder.objects.get(order=sneaker_order(user=silver))
    raise_tier(silver, tier=Tier.objects.get(name="Silver"), by=User.objects.get(email="lead@atelier.example"),
               reason="A long-standing workshop customer")
    members = WorkOrder.objects.get(order=sneaker_order(user=customer("dan", "Dan")))
    guests = WorkOrder.objects.get(order=sneaker_order())
    for other in (silvers, members, guests):
        page = screen(client, f"{PRODUCTION}{other.number}/")
        assert badges_in(page) == [] and "data-work-order-customer" not in page
        queue = screen(client, f"{PRODUCTION}?search={other.number}")
        assert f'name="numbers" value="{other.number}"' in queue and badges_in(queue) == []
