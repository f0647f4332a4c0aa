"""Compiled engines per published model version, built once per process and kept (versions never change)."""

import threading
from collections import OrderedDict

from configurator.engine import compile_model, model_from_definition

CACHE_SIZE = 64
_cache = OrderedDict()
_lock = threading.Lock()


def compiled_model(version):
    """The CompiledModel of a ModelVersion (cached by its primary key, least recently used dropped)."""
    with _lock:
        compiled = _cache.get(version.pk)
        if compiled is not None:
            _cache.move_to_end(version.pk)
            return compiled
    compiled = compile_model(model_from_definition(version.definition))
    with _lock:
        _cache[version.pk] = compiled
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return compiled
