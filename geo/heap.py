"""Handing freed heap memory back to the system during a long build (glibc only).

Reading 250,000 works allocates and frees row tuples, texts, WKB and buffers
between the geometries and texts it keeps; glibc keeps the freed holes, and the
next chunk's temporaries do not fill them, so a whole read grew ~100 MiB above
what it kept. :func:`trim` (``malloc_trim``, ~2 ms) every few chunks gives them
back as the build goes. Elsewhere than glibc it does nothing.
"""

import functools

TRIM_EVERY = 5  # chunks of a read or a build between two trims


@functools.cache
def glibc():
    """glibc's ``libc`` through ctypes, or ``None`` where malloc is not glibc's."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def trim():
    """Hand free heap pages back to the system now."""
    libc = glibc()
    if libc is not None:
        libc.malloc_trim(0)


def trimming(chunks, every=TRIM_EVERY):
    """Yield ``chunks``, trimming the heap after every ``every`` of them."""
    for number, chunk in enumerate(chunks, 1):
        yield chunk
        if number % every == 0:
            trim()
