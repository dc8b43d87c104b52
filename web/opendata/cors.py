"""CORS for the open-data routes: read-only, any origin.

Written by hand rather than with flask-cors: the whole policy is three
headers on GET/HEAD/OPTIONS under a few prefixes, and no credentials.
"""

from flask import request

PREFIXES = ("/api/", "/ogc", "/download/")
READ_METHODS = ("GET", "HEAD", "OPTIONS")


def _add_cors_headers(response):
    if request.method in READ_METHODS and request.path.startswith(PREFIXES):
        response.headers["Access-Control-Allow-Origin"] = "*"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
            response.headers["Access-Control-Max-Age"] = "86400"
    return response


def init_app(app):
    app.after_request(_add_cors_headers)
