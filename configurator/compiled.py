"""Compiled engines per published model version, built once per process and kept (versions never change)."""

import threading
from collections import OrderedDict

from configurator.engine import compile_model, model_from_definition

CACHE_SIZE = 64
_cache = OrderedDict()
_lock = threading.Lock()


def compiled_model(version):
    """The CompiledModel of a ModelVersion (cached per version, least recently used dropped).

    The key includes the publication time, so a re-used primary key (e.g. after a rolled-back test or a
    restored backup) never returns another version's model. A version that was never saved (the draft, previewed
    in the dashboard) has no identity: it is compiled each time and never cached.
    """
    if version.pk is None:
        return compile_model(model_from_definition(version.definition))
    key = (version.pk, version.published_at)
    with _lock:
        compiled = _cache.get(key)
        if compiled is not None:
            _cache.move_to_end(key)
            return compiled
    compiled = compile_model(model_from_definition(version.definition))
    with _lock:
        _cache[key] = compiled
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return compiled
