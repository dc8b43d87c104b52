"""Caching headers for data responses: an ETag from the Dataset version, and 304s.

A JSON or download response depends only on the URL, the language, the Dataset
and the code, so its ETag is built from those and a client (or a CDN) that
already holds it gets ``304 Not Modified`` before the view does any work. After a
reload or a deploy the ETag changes. ``Cache-Control: no-cache`` makes caches ask
every time, so new data is seen at once. HTML pages get no ETag: they carry a
fresh CSP nonce each time, and a cached page revalidated by a 304 carrying a new
CSP header would have its scripts blocked. Versioned assets are cached for a
year by ``web.assets``.
"""

import hashlib
from functools import cache
from pathlib import Path

from flask import make_response, request

from web.snapshot import get_dataset

ENCODINGS = ("gzip", "br", "zstd", "deflate")  # Flask-Compress appends ":<encoding>"
CODE_ROOTS = ("geo", "web")
DATA_CACHE_CONTROL = "public, no-cache"


@cache
def code_version():
    """A hash of the app's code and templates, so a deploy changes every ETag."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in CODE_ROOTS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".py", ".html", ".mo") and path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:8]


def data_etag():
    """The strong ETag (without quotes) of this request's data response."""
    from web.i18n import current_lang

    return f"{get_dataset().version}.{code_version()}.{current_lang()}"


def _is_read():
    return request.method in ("GET", "HEAD")


def _not_modified():
    if not _is_read() or not request.if_none_match:
        return None
    etag = data_etag()
    for candidate in [etag] + [f"{etag}:{encoding}" for encoding in ENCODINGS]:
        if request.if_none_match.contains(candidate):
            response = make_response("", 304)
            response.set_etag(candidate)
            response.headers["Cache-Control"] = DATA_CACHE_CONTROL
            return response
    return None


def tag_data_response(response, suffix=""):
    """Give a data response its ETag (``data_etag() + suffix``), ``Cache-Control`` and ``Vary``.

    A view that encodes its own body passes ``suffix=":br"`` or ``":gzip"`` as
    Flask-Compress would, so that each encoding has its own strong ETag.
    """
    response.set_etag(data_etag() + suffix)
    response.headers.setdefault("Cache-Control", DATA_CACHE_CONTROL)
    if request.args.get("lang") is None:
        response.vary.add("Accept-Language")
    return response


def _tag(response):
    if _is_read() and response.status_code == 200 and not response.get_etag()[0]:
        tag_data_response(response)
    return response


def cache_data(bp):
    """``bp``'s responses are data: ETag, ``Cache-Control``, and 304s before the view runs.

    Blueprint hooks run before the app's, so the ETag is set before Flask-Compress
    adds its encoding suffix. Returns ``bp``.
    """
    bp.before_request(_not_modified)
    bp.after_request(_tag)
    return bp
