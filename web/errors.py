"""Errors as responses: one JSON shape for machines, a readable page for people.

``QueryError`` -> 400, ``HTTPException`` -> its code, anything else -> 500 without
a traceback. JSON is ``{"code": ..., "description": ...}`` (MapIt style).
"""

import json

from flask import Response, current_app, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException, InternalServerError

from web.params import QueryError

JSON_PREFIXES = ("/api/", "/oembed", "/healthz", "/ogc")
JSON_TYPES = ("application/json", "application/geo+json", "application/problem+json")


def json_response(payload, status=200, headers=None, mimetype="application/json"):
    """The one helper every JSON view returns through (UTF-8, no ASCII escapes)."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    return Response(body, status=status, headers=headers, mimetype=mimetype)


def json_error(code, description):
    return json_response({"code": code, "description": description}, status=code)


def wants_json():
    """JSON for the API paths; under ``/ogc`` HTML only when the client asks for it."""
    path = request.path
    if not path.startswith(JSON_PREFIXES):
        return False
    if path.startswith("/ogc"):
        if request.args.get("f") == "html":
            return False
        best = request.accept_mimetypes.best_match(("text/html",) + JSON_TYPES)
        return best != "text/html" or request.args.get("f") == "json"
    return True


def _error_page(code, title, description):
    html = render_template("error.html", code=code, title=title, description=description)
    return html, code


def handle_query_error(error):
    if wants_json():
        return json_error(400, error.description)
    return _error_page(400, gettext("Bad request"), error.translated(gettext))


def handle_http_exception(error):
    code = error.code or 500
    if wants_json():
        response = json_error(code, error.description or error.name)
    else:
        response = current_app.make_response(_error_page(code, _title(code, error), _description(code)))
    if code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def handle_unexpected(error):
    current_app.logger.exception("unexpected error on %s", request.path)
    return handle_http_exception(InternalServerError())


def _title(code, error):
    titles = {
        400: gettext("Bad request"),
        404: gettext("Page not found"),
        405: gettext("Method not allowed"),
        500: gettext("Something went wrong"),
    }
    return titles.get(code, error.name)


def _description(code):
    if code == 404:
        return gettext("There is no such page. Check the address or go back to the map.")
    if code >= 500:
        return gettext("The error has been logged. Please try again later.")
    return gettext("The request cannot be served.")


def init_app(app):
    app.register_error_handler(QueryError, handle_query_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
