"""A published version is compiled once for all workers: a process starting later loads it from the shared store.

A second worker is played by emptying this process's own cache of compiled engines; compiling is counted by wrapping
``compile_model``. The shared store is the Django cache (in tests the process's memory; one test uses Redis DB 5).
"""

import json
import pickle

import pytest
import redis
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from configurator import compiled
from configurator.models import ConfigurableProduct
from configurator.services import publish_model, replace_draft
from tests.configurator.conftest import BIKE

REDIS_LOCATION = "redis://127.0.0.1:6379/5"


@pytest.fixture
def compiles(monkeypatch):
    """How many times a published version was compiled (a list of the versions' models, in order)."""
    made = []
    real = compiled.compile_model

    def counted(model):
        made.append(model)
        return real(model)

    monkeypatch.setattr(compiled, "compile_model", counted)
    return made


def new_worker():
    """What a worker process starting now has: no compiled engine of its own yet."""
    compiled._cache.clear()


def answers(engine):
    state = engine.evaluate(["carbon"])
    return state.available, state.forced, state.price.total, engine.explain(["carbon"], "rim")


def test_a_second_worker_loads_the_version_compiled_by_the_first_and_answers_the_same(bike_version, compiles):
    new_worker()
    first = compiled.compiled_model(bike_version)
    assert len(compiles) == 1
    new_worker()
    second = compiled.compiled_model(bike_version)
    assert len(compiles) == 1  # loaded, not compiled again
    assert second is not first
    assert answers(second) == answers(first)
    assert answers(second)[1] == {"disc"} and answers(second)[3] == ["carbon"]


def test_publishing_a_new_version_compiles_it_afresh(bike_version, compiles):
    new_worker()
    compiled.compiled_model(bike_version)
    configurable = ConfigurableProduct.objects.get(pk=bike_version.configurable_id)
    replace_draft(configurable=configurable, definition={**BIKE, "rules": BIKE["rules"][1:]})  # carbon: any brakes
    newer = publish_model(configurable=configurable)
    count = len(compiles)
    new_worker()
    engine = compiled.compiled_model(newer)
    assert len(compiles) == count + 1
    assert compiled.shared_key(newer) != compiled.shared_key(bike_version)
    assert engine.evaluate(["carbon"]).forced == frozenset()  # the new version's rules, not the stored old ones
    new_worker()
    assert compiled.compiled_model(bike_version).evaluate(["carbon"]).forced == {"disc"}


@pytest.mark.parametrize("stored", [
    b"not a pickle at all",
    pickle.dumps(("a tuple", "of the wrong things")),
    pickle.dumps({"model": None}),
])
def test_an_unreadable_stored_model_is_compiled_again_and_replaced(bike_version, compiles, stored, caplog):
    cache.set(compiled.shared_key(bike_version), stored)
    new_worker()
    engine = compiled.compiled_model(bike_version)
    assert len(compiles) == 1
    assert engine.evaluate(["carbon"]).forced == {"disc"}
    assert "unreadable" in caplog.text
    new_worker()
    compiled.compiled_model(bike_version)
    assert len(compiles) == 1  # the entry was replaced by a good one


def test_a_stored_model_of_other_options_is_not_used(bike_version, compiles):
    new_worker()
    compiled.compiled_model(bike_version)
    model, cnf = pickle.loads(cache.get(compiled.shared_key(bike_version)))
    del cnf.literal_of["carbon"]
    cache.set(compiled.shared_key(bike_version), pickle.dumps((model, cnf)))
    new_worker()
    assert compiled.compiled_model(bike_version).evaluate(["carbon"]).forced == {"disc"}
    assert len(compiles) == 2


def test_workers_share_compiled_models_through_redis(bike_version, compiles):
    try:
        redis.Redis.from_url(REDIS_LOCATION, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings = {"default": {"BACKEND": "shop.cache.ResilientRedisCache", "LOCATION": REDIS_LOCATION}}
    with override_settings(CACHES=settings):
        cache.delete(compiled.shared_key(bike_version))
        try:
            new_worker()
            compiled.compiled_model(bike_version)
            new_worker()
            assert compiled.compiled_model(bike_version).evaluate(["carbon"]).forced == {"disc"}
            assert len(compiles) == 1
        finally:
            cache.delete(compiled.shared_key(bike_version))


def test_the_api_reads_a_version_s_definition_from_the_database_once_per_process(client, bike_version, bike_product):
    body = json.dumps({"product": bike_product.slug, "options": ["carbon"]})
    first = client.post("/shop/api/configurator/state/", body, content_type="application/json")
    with CaptureQueriesContext(connection) as queries:
        again = client.post("/shop/api/configurator/state/", body, content_type="application/json")
    assert again.status_code == first.status_code == 200
    assert again.json() == first.json()
    assert queries.captured_queries
    assert not [query for query in queries.captured_queries if '"definition"' in query["sql"]]
