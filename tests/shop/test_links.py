"""No broken links and no CDN: every link resolves, every CSS and JS file comes from our static files."""

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

START_PAGES = ["/", "/shop/catalogue/", "/help/", "/workshop/", "/about/", "/shop/basket/", "/shop/accounts/login/"]
HREF = re.compile(r"""(?:href|src)=["']([^"'#]+)""")


def links_of(html, base):
    for raw in HREF.findall(html):
        if raw.startswith(("mailto:", "tel:", "javascript:", "data:")):
            continue
        yield urljoin(base, raw.replace("&amp;", "&"))


def test_every_internal_link_and_asset_resolves(client):
    seen, queue, broken = set(), list(START_PAGES), []
    while queue:
        url = queue.pop()
        if url in seen or len(seen) > 300:
            continue
        seen.add(url)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        path = parts.path
        if path.startswith("/static/"):
            if not finders.find(path[len("/static/"):]):
                broken.append(url)
            continue
        if path.startswith(settings.MEDIA_URL):  # served by the web server in production
            if not (Path(settings.MEDIA_ROOT) / path[len(settings.MEDIA_URL):]).is_file():
                broken.append(url)
            continue
        if path.startswith(("/shop/basket/add/", "/shop/accounts/logout/")):
            continue
        response = client.get(url + (f"?{parts.query}" if parts.query else ""))
        if response.status_code >= 400:
            broken.append(f"{url} ({response.status_code})")
            continue
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            # follow pages of the storefront only (not the whole dashboard or CMS)
            if not path.startswith(("/shop/dashboard/", "/cms/", "/django-admin/")):
                queue.extend(links_of(response.content.decode(), url))
    assert len(seen) > 30
    assert broken == []


@pytest.mark.parametrize(("role", "url"), [(None, url) for url in START_PAGES] + [("admin", "/shop/dashboard/")])
def test_no_css_or_js_from_a_cdn(client_as, role, url):
    html = client_as(role).get(url).content.decode()
    assets = re.findall(r"""<(?:script|link)[^>]+(?:src|href)=["']([^"']+)""", html)
    assert assets
    external = [a for a in assets if urlsplit(a).netloc]
    assert external == []
