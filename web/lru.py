"""A bounded, thread-safe least-recently-used cache of sized values (page bodies, map tiles)."""

import threading
from collections import OrderedDict


class BoundedLRU:
    """``key -> value``, at most ``max_items`` entries and ``max_size`` total size (each
    value's size given when put), least recently used first out; values larger than
    ``max_size`` are not kept."""

    def __init__(self, max_items, max_size):
        self.max_items, self.max_size = max_items, max_size
        self._items, self._size, self._lock = OrderedDict(), 0, threading.Lock()
        self._flights = {}  # key -> the lock its builder holds (get_or_build)

    def __len__(self):
        return len(self._items)

    def get(self, key):
        with self._lock:
            return self._get(key)

    def _get(self, key):
        entry = self._items.get(key)
        if entry is None:
            return None
        self._items.move_to_end(key)
        return entry[0]

    def put(self, key, value, size):
        self._put(key, value, size)

    def _put(self, key, value, size):
        if size > self.max_size:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._size += size - (old[1] if old else 0)
            self._items[key] = (value, size)
            while len(self._items) > self.max_items or self._size > self.max_size:
                _, (_, dropped) = self._items.popitem(last=False)
                self._size -= dropped

    def get_or_build(self, key, build):
        """The value of ``key``, built once by ``build() -> (value, size)`` when missing
        (``size`` ``None``: give the value but keep nothing).

        Concurrent callers of a missing key wait for the first one's value instead of
        building it too: a burst of readers of a new map tile at 250,000 works would
        otherwise each hold its ~20 MB of temporaries at once. A caller whose builder
        kept nothing (or failed) builds in turn.
        """
        while True:
            with self._lock:
                value = self._get(key)
                if value is not None:
                    return value
                flight = self._flights.get(key)
                building = flight is None
                if building:
                    flight = self._flights[key] = threading.Lock()
                    flight.acquire()
            if building:
                break
            with flight:  # the builder is done: its value is kept, or this caller builds
                pass
        try:
            value, size = build()
            if size is not None:
                self._put(key, value, size)
            return value
        finally:
            with self._lock:
                del self._flights[key]
            flight.release()
