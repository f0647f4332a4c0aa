"""What the shared header and footer of every page need, loaded only when a page renders them."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from shop.cms.models import HelpCentrePage


def _help_centre_url():
    page = HelpCentrePage.objects.live().only("url_path", "path", "depth").first()
    return page.url if page else ""


def _menu_pages():
    """Live pages flagged "show in menus" directly under the site's home page (Wagtail's own menu flag)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return []
    return list(Page.objects.child_of(site.root_page).live().in_menu().only("title", "url_path", "path", "depth"))


def site_chrome(request):
    return {
        "help_centre_url": SimpleLazyObject(_help_centre_url),
        "menu_pages": SimpleLazyObject(_menu_pages),
    }
