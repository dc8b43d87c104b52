"""Security headers on every response, with a per-response CSP nonce for inline code.

Folium renders inline ``<script>`` and ``<style>`` blocks; they carry the response's
nonce (``add_nonce``), so the CSP can forbid every other inline script. Inline
``style="..."`` attributes (Leaflet and Folium popups write them) are allowed via
``style-src-attr``; they cannot run code.
"""

import re
import secrets
from functools import wraps

from flask import current_app, g, make_response

from web.config import tile_origin

_UNNONCED_TAG = re.compile(r"<(script|style)\b(?![^>]*\snonce=)", re.IGNORECASE)


def csp_nonce():
    """This response's nonce (created on first use); templates: ``{{ csp_nonce() }}``."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def add_nonce(html, nonce):
    """Give every ``<script>`` and ``<style>`` tag in ``html`` that has none the nonce."""
    return _UNNONCED_TAG.sub(lambda m: f'<{m.group(1)} nonce="{nonce}"', html)


def mark_embeddable(response):
    """Let ``EMBED_ANCESTORS`` frame this response (embed routes)."""
    response.okraina_embeddable = True
    return response


def embeddable(view):
    """View decorator: the view's responses may be framed by ``EMBED_ANCESTORS``."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        g.okraina_embeddable = True  # its error pages too: the reader sees why, not a blank frame
        return mark_embeddable(make_response(view(*args, **kwargs)))
    return wrapper


def content_security_policy(nonce, tiles, ancestors):
    scripts = "'self'" + (f" 'nonce-{nonce}'" if nonce else "")
    images = " ".join(filter(None, ["'self'", "data:", tile_origin(tiles)]))
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        f"style-src {scripts}",
        "style-src-attr 'unsafe-inline'",
        f"img-src {images}",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {ancestors}",
    ])


def _set_headers(response):
    embeddable = getattr(response, "okraina_embeddable", False) or g.get("okraina_embeddable", False)
    ancestors = current_app.config["EMBED_ANCESTORS"] if embeddable else "'self'"
    nonce = g.get("csp_nonce")
    response.headers["Content-Security-Policy"] = content_security_policy(
        nonce, current_app.config["TILES"], ancestors)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")  # private pages: no-referrer
    if not embeddable:
        response.headers["X-Frame-Options"] = "SAMEORIGIN"  # for browsers without CSP 2
    return response


def init_app(app):
    app.after_request(_set_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
