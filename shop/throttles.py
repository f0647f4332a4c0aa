"""Throttles kept in the shared cache (Redis when configured): count events per subject, block at a limit.

A throttle counts events per subject from the first one (``cache.add`` then the atomic ``cache.incr``, so
processes sharing Redis count together); on reaching its limit it blocks the subject for ``period`` seconds
from then, and says until when. Used for signing in, password resets, registration (shop/login_throttle.py) and
anonymous help requests (support).

The client address is REMOTE_ADDR: behind a reverse proxy, have the proxy set it (e.g. gunicorn's
forwarded-allow-ips).
"""

import hashlib
import time

from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}


class Throttle:
    def __init__(self, name, limit, period):
        self.name, self.limit, self.period = name, limit, period

    def _key(self, kind, subject):
        digest = hashlib.sha256(str(subject).strip().lower().encode()).hexdigest()[:32]
        return f"throttle:{self.name}:{kind}:{digest}"

    def blocked_until(self, subject):
        """The Unix time until which ``subject`` is blocked, or None."""
        return cache.get(self._key("block", subject)) if subject else None

    def hit(self, subject):
        """Count one event; the one that reaches the limit blocks the subject for ``period`` seconds."""
        if not subject:
            return
        key = self._key("count", subject)
        if cache.add(key, 1, self.period):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, self.period)
                count = 1
        if count >= self.limit:
            cache.add(self._key("block", subject), time.time() + self.period, self.period)  # never extended

    def forget(self, subject):
        cache.delete_many([self._key("count", subject), self._key("block", subject)])



def throttle_from_rate(name, rate):
    """A throttle from a rate written as "5/h" (per s, m, h or d)."""
    limit, _, unit = rate.partition("/")
    return Throttle(name, limit=int(limit), period=PERIODS[unit.strip()[:1]])


def client_address(request):
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""
