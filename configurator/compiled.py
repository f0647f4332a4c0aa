"""Compiled engines per published model version: compiled once per version for all workers, kept by each process.

A process keeps the engines it used (least recently used dropped). The first process to need a version compiles it
and stores the compiled model (its feature model and clauses, pickled) in the Django cache — Redis when ``REDIS_URL``
is set, so every worker and host shares it — and a process starting later loads that instead of compiling again.
Versions never change: a newly published version has a new key. The key also holds a fingerprint of the engine's
code, so entries written by another release are never read; an entry that cannot be read back as a model is ignored,
compiled again and replaced (a request never fails on it). The solver itself is built in each process (it is C
state): that part is cheap.
"""

import hashlib
import logging
import pickle
from pathlib import Path

from django.core.cache import cache
from pysat import __version__ as pysat_version

from configurator import engine
from configurator.engine import CompiledModel, FeatureModel, collector_paused, compile_model, model_from_definition
from configurator.engine.cnf import Cnf
from configurator.kept import Kept
from configurator.models import ModelVersion

logger = logging.getLogger("configurator.compiled")

CACHE_SIZE = 64
SHARED_SECONDS = 30 * 24 * 3600  # a version not asked for in a month is compiled again when it is
_cache = Kept(CACHE_SIZE)
_definitions = Kept(CACHE_SIZE)


def _engine_fingerprint():
    """Changes with the engine's code (and PySAT's version): a stored model is read only by the code that wrote it."""
    digest = hashlib.sha256(pysat_version.encode())
    for source in sorted(Path(engine.__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()[:16]


ENGINE_FINGERPRINT = _engine_fingerprint()
UNREADABLE = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, KeyError, TypeError,
              ValueError, MemoryError)


def compiled_model(version):
    """The CompiledModel of a ModelVersion (cached per version, least recently used dropped).

    The key includes the publication time, so a re-used primary key (e.g. after a rolled-back test or a
    restored backup) never returns another version's model. A version that was never saved (the draft, previewed
    in the dashboard) has no identity: it is compiled each time and never cached.
    """
    if version.pk is None:
        return compile_model(model_from_definition(version.definition))
    return _cache.get((version.pk, version.published_at), lambda: _load(version) or _compile_and_share(version))


def shared_definition(version):
    """The definition of a published version (loaded without it, ``defer("definition")``), decoded once per process.

    Decoding a large model's JSON costs more than answering a request about it; every caller gets the same dict,
    so it is only ever read (as every stored definition is: versions never change)."""
    return _definitions.get((version.pk, version.published_at),
                            lambda: ModelVersion.objects.values_list("definition", flat=True).get(pk=version.pk))


def shared_definitions(versions):
    """{pk: definition} of published versions (loaded without theirs), as ``shared_definition``: those this process
    does not keep yet are read in one query."""
    def read(missing):
        loaded = ModelVersion.objects.filter(pk__in={pk for pk, _ in missing}).values_list(
            "pk", "published_at", "definition")
        return {(pk, published_at): definition for pk, published_at, definition in loaded}
    found = _definitions.get_many([(version.pk, version.published_at) for version in versions], read)
    return {pk: definition for (pk, _), definition in found.items()}


def shared_key(version):
    """The shared store's key of a published version's compiled model."""
    return f"configurator:compiled:{ENGINE_FINGERPRINT}:{version.pk}:{version.published_at.timestamp():.6f}"


def _load(version):
    """The compiled model stored for this version by any process, or None (not stored, or unreadable)."""
    key = shared_key(version)
    stored = cache.get(key)
    if stored is None:
        return None
    try:
        with collector_paused():
            model, cnf = pickle.loads(stored)
        if not isinstance(model, FeatureModel) or not isinstance(cnf, Cnf):
            raise TypeError(f"holds {type(model).__name__} and {type(cnf).__name__}")
        active = {option.code for group in model.groups for option in group.active_options}
        if set(cnf.literal_of) != active:
            raise ValueError("its clauses do not name the model's options")
        return CompiledModel(model, cnf=cnf)
    except UNREADABLE as error:
        logger.warning("Stored compiled model %s is unreadable (%s: %s); compiling it again", key,
                       type(error).__name__, error)
        return None


def _compile_and_share(version):
    with collector_paused():
        compiled = compile_model(model_from_definition(version.definition))
        kept = Cnf(top=compiled.cnf.top, clauses=compiled.cnf.clauses, literal_of=compiled.cnf.literal_of,
                   selectors=compiled.cnf.selectors)  # without the compiler's working tables
        stored = pickle.dumps((compiled.model, kept), protocol=pickle.HIGHEST_PROTOCOL)
    cache.set(shared_key(version), stored, SHARED_SECONDS)
    return compiled
