"""What the shared header and footer of every page need, loaded only when a page renders them, and kept."""

from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from shop.cms.models import HelpCentrePage, LegalPage, TermsOfSalePage
from shop.pagecache import cached_value


def _help_centre_url():
    page = HelpCentrePage.objects.live().only("url_path", "path", "depth").first()
    return page.url if page else ""


def _site_pages():
    """Live pages directly under the site's home page, in one query: those flagged "show in menus" (Wagtail's own
    menu flag) for the header and footer, and the legal pages (terms of sale, privacy, cookies, ...) for the footer."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {"menu": [], "legal": []}
    legal_types = {content_type.pk for content_type in
                   ContentType.objects.get_for_models(LegalPage, TermsOfSalePage).values()}  # cached by Django
    pages = list(Page.objects.child_of(site.root_page).live().filter(Q(show_in_menus=True) | Q(
        content_type__in=legal_types)).only("title", "url_path", "path", "depth", "show_in_menus", "content_type"))
    return {"menu": [{"title": page.title, "url": page.url} for page in pages if page.show_in_menus],
            "legal": [{"title": page.title, "url": page.url} for page in pages if page.content_type_id in legal_types]}


def site_chrome(request):
    """Kept in the cache until a page is published, moved or deleted (shop/pagecache.py): the same for everybody."""
    site_pages = cache(lambda: cached_value("site-pages", _site_pages))  # once per page, whichever list comes first
    return {
        "help_centre_url": SimpleLazyObject(lambda: cached_value("help-centre-url", _help_centre_url)),
        "menu_pages": SimpleLazyObject(lambda: site_pages()["menu"]),
        "legal_pages": SimpleLazyObject(lambda: site_pages()["legal"]),
    }
