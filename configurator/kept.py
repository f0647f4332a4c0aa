"""What a process keeps of published model versions (compiled engines, decoded definitions, presented choices).

A published version never changes, so what is worked out from it can be kept for the life of the process; the keys
hold the version's publication time, so a primary key used again (a rolled-back test, a restored backup) never
finds another version's values. The least recently used are dropped beyond ``size``; values are computed outside
the lock (two threads may both compute a missing one: the same value, kept once).
"""

import threading
from collections import OrderedDict


class Kept:
    def __init__(self, size):
        self.size = size
        self._values = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, compute):
        """The value kept under ``key``, or ``compute()`` kept now."""
        return self.get_many([key], lambda missing: {key: compute()})[key]

    def get_many(self, keys, compute_missing):
        """{key: value} for ``keys``; those not kept come from one ``compute_missing(missing keys)`` ({key: value})."""
        found = {}
        with self._lock:
            for key in keys:
                if key in self._values:
                    self._values.move_to_end(key)
                    found[key] = self._values[key]
        missing = [key for key in keys if key not in found]
        if missing:
            computed = compute_missing(missing)
            with self._lock:
                self._values.update(computed)
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
            found.update(computed)
        return found

    def clear(self):
        with self._lock:
            self._values.clear()

    def keys(self):
        with self._lock:
            return list(self._values)

    def __getitem__(self, key):
        with self._lock:
            return self._values[key]
