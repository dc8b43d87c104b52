"""CORS for the open-data routes: read-only, any origin.

Written by hand rather than with flask-cors: the whole policy is three
headers on GET/HEAD/OPTIONS of the blueprints that ask for it, and no credentials.
"""

from flask import request

from web.errors import route_blueprint

READ_METHODS = ("GET", "HEAD", "OPTIONS")


def _add_cors_headers(response):
    if request.method in READ_METHODS:
        response.headers["Access-Control-Allow-Origin"] = "*"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
            response.headers["Access-Control-Max-Age"] = "86400"
    return response


def allow_any_origin(bp):
    """Any site may read ``bp``'s responses. Returns ``bp``."""
    bp.cors = True
    bp.after_request(_add_cors_headers)
    return bp


def _add_cors_headers_when_unrouted(response):
    # A 404 under /api or /ogc has no route, so no blueprint hook: its prefix decides.
    if request.blueprint is None and getattr(route_blueprint(), "cors", False):
        return _add_cors_headers(response)
    return response


def init_app(app):
    app.after_request(_add_cors_headers_when_unrouted)
