# Oscar's search views, except the catalogue's: the store's own (shop/apps/search/views/catalogue.py).
from shop.apps.search.views.catalogue import CatalogueView

__all__ = ["CatalogueView"]
