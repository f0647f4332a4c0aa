"""Fork of Oscar's search facets: the catalogue loads its products in bulk.

Oscar's ``base_sqs`` returns search results whose ``.object`` is fetched one
query per result. ``load_all()`` makes Haystack load every product of a page
with one query through ``ProductIndex.read_queryset()`` (which prefetches
images, stock records and options), so the listing costs the same number of
queries whatever the number of products.
"""

from oscar.apps.search.facets import FacetMunger
from oscar.apps.search.facets import base_sqs as oscar_base_sqs

__all__ = ["FacetMunger", "base_sqs"]


def base_sqs():
    return oscar_base_sqs().load_all()
