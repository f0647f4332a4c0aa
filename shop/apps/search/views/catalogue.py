"""Oscar's catalogue, whose category tree and listing are shared fragments (shop/pagecache.py): the same for every
shopper at the same address, so once they are kept the page is served without asking the search index or the
database for products. The header (basket, signing in) and messages are rendered per request as always."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from oscar.apps.search.views.catalogue import CatalogueView as OscarCatalogueView

from shop.pagecache import cached_fragments

CATALOGUE_FRAGMENTS = ("catalogue-nav", "catalogue-listing")  # templates/oscar/catalogue/browse.html


class CatalogueView(OscarCatalogueView):
    def get(self, request, *args, **kwargs):
        kept = cached_fragments(request, CATALOGUE_FRAGMENTS)
        if kept:
            return TemplateResponse(request, self.template_name, {
                "summary": _("All products"), "shared_fragments": kept, "view": self})
        return super().get(request, *args, **kwargs)
