"""What the shared header and footer of every page need, loaded only when a page renders them."""

from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from shop.cms.models import HelpCentrePage, LegalPage, TermsOfSalePage


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
    return {"menu": [page for page in pages if page.show_in_menus],
            "legal": [page for page in pages if page.content_type_id in legal_types]}


def site_chrome(request):
    site_pages = cache(_site_pages)  # read once per page, whichever of the two lists it renders first
    return {
        "help_centre_url": SimpleLazyObject(_help_centre_url),
        "menu_pages": SimpleLazyObject(lambda: site_pages()["menu"]),
        "legal_pages": SimpleLazyObject(lambda: site_pages()["legal"]),
    }
