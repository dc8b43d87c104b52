"""Keeping a long-lived worker's resident memory near what its Dataset needs (glibc only).

A worker loads a Dataset of hundreds of MiB at start and again on every reload,
from several threads. Left to its defaults glibc malloc keeps much of what was
freed: one arena per thread, and a "dynamic mmap threshold" that, once a large
block has been freed, serves later large blocks (a Dataset's numpy columns) from
the heap, where a freed one stays. Elsewhere than glibc these are no-ops.
"""

import gc

MALLOC_ARENAS = 2
MMAP_THRESHOLD = 256 * 1024  # bytes: larger blocks get their own mapping, unmapped on free
_M_ARENA_MAX = -8  # glibc's mallopt parameter numbers
_M_MMAP_THRESHOLD = -3


def tune_malloc(arenas=MALLOC_ARENAS, mmap_threshold=MMAP_THRESHOLD):
    """Cap the malloc arenas at ``arenas`` and fix the mmap threshold; returns whether set.

    With ``arenas`` the gthread worker's threads share them, as
    ``MALLOC_ARENA_MAX=2`` would. A fixed threshold keeps every block above it in
    its own mapping, so the columns of a Dataset dropped by a reload go back to
    the system instead of leaving holes in the heap.
    """
    libc = _glibc()
    return (libc is not None and libc.mallopt(_M_ARENA_MAX, arenas) == 1
            and libc.mallopt(_M_MMAP_THRESHOLD, mmap_threshold) == 1)


def release_free_memory():
    """Collect garbage and hand free heap pages back to the system (glibc's malloc_trim)."""
    gc.collect()
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


def _glibc():
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None
    except OSError:
        return None
