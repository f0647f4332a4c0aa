# Haystack discovers indexes per installed app: the forked search app re-exports Oscar's product index.
from oscar.apps.search.search_indexes import ProductIndex

__all__ = ["ProductIndex"]
