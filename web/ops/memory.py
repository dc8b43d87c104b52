"""Keeping a long-lived worker's resident memory near what its Dataset needs (glibc only).

A worker loads a Dataset of hundreds of MiB at start and again on every reload,
from several threads. Left to its defaults glibc malloc keeps much of what was
freed: one arena per thread, and a "dynamic mmap threshold" that, once a large
block has been freed, serves later large blocks (a Dataset's numpy columns) from
the heap, where a freed one stays. Serving leaves holes too: a burst of requests
on four threads builds pages, tiles and JSON side by side and frees them, and at
250,000 works a worker then held ~50 MiB more than after a ``malloc_trim``, which
takes ~2 ms. :class:`IdleTrim` hands them back a few seconds after requests were
served. Elsewhere than glibc these are no-ops.
"""

import gc
import threading

from geo import heap

MALLOC_ARENAS = 2
MMAP_THRESHOLD = 256 * 1024  # bytes: larger blocks get their own mapping, unmapped on free
TRIM_SECONDS = 5.0  # how long after requests a worker hands back what they freed
_M_ARENA_MAX = -8  # glibc's mallopt parameter numbers
_M_MMAP_THRESHOLD = -3


def tune_malloc(arenas=MALLOC_ARENAS, mmap_threshold=MMAP_THRESHOLD):
    """Cap the malloc arenas at ``arenas`` and fix the mmap threshold; returns whether set.

    With ``arenas`` the gthread worker's threads share them, as
    ``MALLOC_ARENA_MAX=2`` would. A fixed threshold keeps every block above it in
    its own mapping, so the columns of a Dataset dropped by a reload go back to
    the system instead of leaving holes in the heap.
    """
    libc = heap.glibc()
    return (libc is not None and libc.mallopt(_M_ARENA_MAX, arenas) == 1
            and libc.mallopt(_M_MMAP_THRESHOLD, mmap_threshold) == 1)


def release_free_memory():
    """Collect garbage and hand free heap pages back to the system (glibc's malloc_trim)."""
    gc.collect()
    heap.trim()


class IdleTrim:
    """Hand the heap pages that requests freed back to the system, ``interval_s`` after them.

    ``served()`` (one flag set per request) marks that requests ran; a daemon thread
    wakes every ``interval_s`` and trims if they did. An idle worker is not woken
    for nothing, and a busy one trims once per interval (glibc locks an arena for
    the ~2 ms a trim takes at 250,000 works, so a request may wait that long).
    """

    def __init__(self, interval_s=TRIM_SECONDS):
        self.interval_s = interval_s
        self.trims = 0
        self._served = False
        self._stopped = threading.Event()
        self._thread = None
        self._libc = heap.glibc()

    def served(self, *_):
        self._served = True

    def start(self):
        """Start trimming (nothing to do where malloc is not glibc's); returns ``self``."""
        if self._libc is not None and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="okraina-trim", daemon=True)
            self._thread.start()
        return self

    def stop(self):
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self):
        while not self._stopped.wait(self.interval_s):
            if self._served:
                self._served = False
                self._libc.malloc_trim(0)
                self.trims += 1


def trim_after_requests(app, interval_s=TRIM_SECONDS):
    """Run an :class:`IdleTrim` for ``app``'s requests in this process (a long-lived
    server's; call it after a fork, where the thread is to run); returns it."""
    trim = IdleTrim(interval_s)
    app.teardown_request(trim.served)
    return trim.start()
