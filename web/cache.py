"""A small thread-safe in-process LRU cache (rendered PNGs)."""

import threading
from collections import OrderedDict


class LRUCache:
    def __init__(self, maxsize=64):
        self.maxsize = maxsize
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key, value):
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)

    def __len__(self):
        return len(self._items)
