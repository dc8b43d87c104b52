"""Whole HTML pages kept per Dataset snapshot, with only the CSP nonce new in each response.

A page such as ``/`` is a function of the snapshot, the URL (scheme, host, script
root, path and query: its links, share tags and form echo them), the language
(``?lang=`` or Accept-Language) and the config; it reads no cookie, session or
CSRF token. Rendering it costs tens of milliseconds of templates; a repeated view
costs a dict lookup and a ``str.replace`` of the nonce it was rendered with (a
random 128-bit token, so it cannot occur in the data) by this response's.

The cache of each snapshot lives in ``dataset.memo`` and dies with it on reload.
It is keyed by the full URL rather than a normalised selection because the page
echoes the query as typed (the year box, the language switch, the pager); every
URL is a new entry, so the entries are bounded by count (``PAGE_CACHE_SIZE``,
0 turns the cache off) and by size, least recently used first out. Pages get no
ETag: see ``web.caching``.
"""

import secrets
from functools import wraps

from flask import current_app, g, request

from web.i18n import select_locale
from web.lru import BoundedLRU
from web.security import csp_nonce
from web.snapshot import get_dataset

PAGE_CACHE_BYTES = 16 * 2**20  # of bodies (str length), per snapshot and process


class PageBodies(BoundedLRU):
    """A bounded LRU of ``key -> (body, nonce it was rendered with)``; thread-safe."""

    def __init__(self, max_items, max_chars=PAGE_CACHE_BYTES):
        super().__init__(max_items, max_chars)

    def put(self, key, body, nonce):
        super().put(key, (body, nonce), len(body))


def page_bodies(dataset):
    """This app's page cache in ``dataset``'s snapshot (``None`` when it is off)."""
    size = current_app.config["PAGE_CACHE_SIZE"]
    memo = getattr(dataset, "memo", None)
    if not size or memo is None:
        return None
    # Apps with other configs (tests, embeds of the app) may share one snapshot.
    app_token = current_app.extensions.setdefault("okraina_pages", secrets.token_hex(8))
    return memo(("page_bodies", app_token, size), lambda: PageBodies(size))


def cached_page(view):
    """View decorator: the view's HTML body kept per snapshot, URL and language.

    Only for views whose body depends on nothing else (no session, cookie or form
    token); errors they raise are not kept.
    """
    @wraps(view)
    def wrapper(*args, **kwargs):
        bodies = page_bodies(get_dataset())
        if bodies is None:
            return view(*args, **kwargs)
        # The language Babel will use, without building its Locale (~0.5 ms).
        key = (request.url, select_locale())

        def render():
            body = view(*args, **kwargs)
            if not isinstance(body, str):
                return (body, None), None  # a redirect or a response: kept nowhere
            return (str(body), g.get("csp_nonce")), len(body)

        # Concurrent first readers of a URL wait for one rendering (bodies.get_or_build).
        body, rendered_nonce = bodies.get_or_build(key, render)
        return body.replace(rendered_nonce, csp_nonce()) if rendered_nonce else body
    return wrapper
