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

    def __len__(self):
        return len(self._items)

    def get(self, key):
        with self._lock:
            entry = self._items.get(key)
            if entry is None:
                return None
            self._items.move_to_end(key)
            return entry[0]

    def put(self, key, value, size):
        if size > self.max_size:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._size += size - (old[1] if old else 0)
            self._items[key] = (value, size)
            while len(self._items) > self.max_items or self._size > self.max_size:
                _, (_, dropped) = self._items.popitem(last=False)
                self._size -= dropped
