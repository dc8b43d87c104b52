"""Values derived from a Dataset (a search index, lookup tables), built once per snapshot."""

import threading
import weakref


class PerDataset:
    """``PerDataset(build)(dataset)``: ``build(dataset)`` on first use, then the same value
    for as long as that Dataset lives (a reload makes a new Dataset, and a new value)."""

    def __init__(self, build):
        self._build = build
        self._values = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def __call__(self, dataset):
        with self._lock:
            value = self._values.get(dataset)
            if value is None:
                value = self._values[dataset] = self._build(dataset)
            return value
