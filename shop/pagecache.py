"""What every shopper sees alike, rendered once and kept in Django's cache (Redis with REDIS_URL, else memory).

A *shared fragment* is a part of a page that is the same for everybody who asks for the same address: the
catalogue's listing and category tree, the home page below its header, a help centre or content page's text. It is
kept under a key made of

- the content version: one number in the cache, replaced whenever something a fragment shows changes (a product,
  its price or stock, an image, a category, a published Wagtail page, a published feature model; see
  ``watch_content``), so the next request renders afresh; fragments of older versions are never read again and
  expire (``FRAGMENT_SECONDS``);
- the fragment's name, the address with its query string (none for a site-wide fragment such as the footer), the
  language and the pricing strategy's class.

What differs per shopper never goes in: the header (basket count, Sign in or Account), messages and the ship date
stay outside every fragment. A form's CSRF token is rendered inside as a placeholder (derived from SECRET_KEY, so no
page text can spell it) and replaced by the requesting shopper's own token on the way out. Nothing is cached for a
Wagtail preview, for a request other than GET or HEAD, or for an address whose query has anything but a listing's
page, order and facets (``KEPT_PARAMETERS``: searches are not kept, and made-up addresses cannot fill the cache).
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.middleware.csrf import get_token
from django.utils.translation import get_language
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "pagecache:version"
FRAGMENT_SECONDS = 600  # a change missed by every signal (a bulk import) shows within ten minutes


def csrf_placeholder():
    return hmac.new(settings.SECRET_KEY.encode(), b"shared-fragment-csrf-token", hashlib.sha256).hexdigest()


def content_version():
    """The current content version (a new one when the cache has none: never an old number again)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def forget_shared_pages():
    """Every fragment and shared value is rendered afresh from the next request on."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def content_changed(**kwargs):
    """Something fragments show has changed: every fragment is rendered afresh, now and once the change commits
    (a request that read the old rows between the two does not leave them behind)."""
    forget_shared_pages()
    transaction.on_commit(forget_shared_pages)


# Query parameters a kept page may have: a listing's page, order and facets. Anything else (a search's words, a
# parameter nobody uses) is rendered afresh each time, so made-up addresses cannot fill the cache.
KEPT_PARAMETERS = frozenset({"page", "sort_by", "selected_facets"})


def shareable(request):
    return (request is not None and request.method in ("GET", "HEAD")
            and not getattr(request, "is_preview", False) and set(request.GET) <= KEPT_PARAMETERS)


def fragment_key(request, name, version, site_wide=False):
    strategy = type(getattr(request, "strategy", None)).__name__
    address = "" if site_wide else request.get_full_path()
    digest = hashlib.sha256(f"{address}|{get_language()}|{strategy}".encode()).hexdigest()[:32]
    return f"fragment:{version}:{name}:{digest}"


def cached_fragments(request, names):
    """{name: markup} of the fragments of this request's page already kept; {} when any is missing."""
    if not shareable(request):
        return {}
    version = content_version()
    keys = {fragment_key(request, name, version): name for name in names}
    found = cache.get_many(list(keys))
    if len(found) < len(keys):
        return {}
    return {keys[key]: for_shopper(request, markup) for key, markup in found.items()}


def for_shopper(request, markup):
    """A kept fragment with the requesting shopper's CSRF token in its forms."""
    placeholder = csrf_placeholder()
    return markup.replace(placeholder, get_token(request)) if placeholder in markup else markup


def shared_fragment(request, name, render, site_wide=False):
    """The markup of fragment ``name`` for this request: kept, or ``render(csrf_token)`` now and kept. A
    ``site_wide`` fragment (the footer) is the same at every address."""
    if not shareable(request):
        return render(None)
    key = fragment_key(request, name, content_version(), site_wide)
    markup = cache.get(key)
    if markup is None:
        markup = render(csrf_placeholder())
        cache.set(key, markup, timeout=FRAGMENT_SECONDS)
    return for_shopper(request, markup)


def cached_value(name, compute):
    """A value every page needs and every shopper shares (the site's menu pages), kept for the content version."""
    key = f"shared:{content_version()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=FRAGMENT_SECONDS)
    return value


WATCHED_MODELS = (
    "catalogue.Product", "catalogue.ProductClass", "catalogue.Category", "catalogue.ProductCategory",
    "catalogue.ProductImage", "catalogue.ProductAttributeValue", "catalogue.Option", "partner.StockRecord",
    "partner.Partner", "configurator.ConfigurableProduct", "configurator.ModelVersion", "wagtailcore.Page",
    "wagtailcore.Site", "wagtailimages.Image",
)


def watch_content():
    """Connect ``content_changed`` to every change a fragment can show (called once, when the apps are ready).
    Oscar sends post_save for a stock record's allocations too, so stock levels are watched as well."""
    for model in WATCHED_MODELS:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-delete-{model}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"pagecache-{id(signal)}")
