"""The legal pages (terms of sale, privacy, cookies, legal notice): seeded from the demo's data files, linked from
every page's footer, the terms of sale showing the version an order records."""

import re

import pytest

from shop.cms.models import LegalPage, TermsOfSalePage
from shop.demo.copy import LEGAL_PAGES, load_demo_copy

pytestmark = pytest.mark.django_db


def footer_legal_links(page):
    legal = re.search(r'<nav aria-label="Legal".*?</nav>', page, re.S).group(0)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', legal)


def test_every_page_links_the_legal_pages_from_its_footer(client, django_assert_max_num_queries):
    client.get("/")
    with django_assert_max_num_queries(16):  # the home page's budget (tests/shop/test_query_budgets.py)
        page = client.get("/").content.decode()
    assert footer_legal_links(page) == [("/terms-of-sale/", "Terms of sale"), ("/privacy/", "Privacy notice"),
                                        ("/cookies/", "Cookie notice"), ("/legal-notice/", "Legal notice")]
    assert footer_legal_links(client.get("/help/").content.decode()) == footer_legal_links(page)


def test_the_legal_pages_carry_the_data_files_copy():
    copy = {spec.slug: spec for spec in load_demo_copy().legal_pages}
    assert list(copy) == list(LEGAL_PAGES)
    terms = TermsOfSalePage.current()
    assert (terms.slug, terms.version, terms.last_updated) == ("terms-of-sale", copy["terms-of-sale"].version,
                                                               copy["terms-of-sale"].last_updated)
    for page in LegalPage.objects.live():
        assert [block.value.source for block in page.body] == [value for _, value in copy[page.slug].stream()]


def test_the_terms_of_sale_show_their_version_and_the_withdrawal_exclusion(client):
    page = client.get("/terms-of-sale/").content.decode()
    assert "<h1>Terms of sale</h1>" in page and "Version 2026-12 · Last updated" in page
    assert "Items made to your personal specification are excluded from the right of withdrawal" in page


def test_the_cookie_notice_names_the_cookies_the_store_sets(client, settings):
    page = client.get("/cookies/").content.decode()
    named = set(re.findall(r"<li><b>([a-z_]+)</b>", page))
    assert named == {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.OSCAR_BASKET_COOKIE_OPEN,
                     settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME, "messages"}
