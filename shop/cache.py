"""Redis as a cache the store can do without.

When Redis does not answer, a page must not fail: every cache call falls back to a per-process memory cache,
and Redis is not asked again for a few seconds (so a dead Redis costs one short timeout, not one per call).
Throttles (shop/throttles.py) keep counting in that memory cache meanwhile: per process rather than shared, but
never switched off. /healthz reports Redis as degraded while this happens.
"""

import logging
import threading
import time

import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("shop.cache")

REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)
RETRY_AFTER_SECONDS = 5.0
_down_until = {}  # server -> time.monotonic() before which Redis is not asked again (shared by all threads)
_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._server_key = str(server)
        self._fallback = LocMemCache(f"redis-fallback:{server}", {"TIMEOUT": params.get("TIMEOUT", 300)})

    def redis_is_down(self):
        return time.monotonic() < _down_until.get(self._server_key, 0.0)

    def _gave_up(self, name, error):
        with _lock:
            first = not self.redis_is_down()
            _down_until[self._server_key] = time.monotonic() + RETRY_AFTER_SECONDS
        if first:
            logger.warning("Redis cache unreachable (%s: %s); using this process's memory for %.0f s",
                           name, error, RETRY_AFTER_SECONDS)


def _resilient(name):
    def call(self, *args, **kwargs):
        if not self.redis_is_down():
            try:
                return getattr(RedisCache, name)(self, *args, **kwargs)
            except REDIS_DOWN as error:
                self._gave_up(name, error)
        return getattr(self._fallback, name)(*args, **kwargs)

    call.__name__ = name
    return call


for _name in ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many", "delete_many",
              "clear"):
    setattr(ResilientRedisCache, _name, _resilient(_name))
