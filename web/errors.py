"""Errors as responses: one JSON shape for machines, a readable page for people.

``QueryError`` -> 400, ``HTTPException`` -> its code, anything else -> 500 without
a traceback. JSON is ``{"code": ..., "description": ...}`` (MapIt style).
"""

import json

from flask import Response, current_app, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from web.params import QueryError

JSON_TYPES = ("application/json", "application/geo+json", "application/problem+json")


def json_response(payload, status=200, headers=None, mimetype="application/json"):
    """The one helper every JSON view returns through (UTF-8, no ASCII escapes)."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    return Response(body, status=status, headers=headers, mimetype=mimetype)


def json_error(code, description):
    return json_response({"code": code, "description": description}, status=code)


def json_errors(bp, *, html_when_asked=False):
    """Errors of ``bp``'s routes answer JSON; ``html_when_asked``: HTML for ``?f=html`` or
    ``Accept: text/html`` (OGC API – Features). Returns ``bp``."""
    bp.error_format = "negotiated" if html_when_asked else "json"
    return bp


def wants_json():
    """JSON where the route's blueprint said so (``json_errors``); else a page."""
    error_format = getattr(route_blueprint(), "error_format", None)
    if error_format == "negotiated":
        if request.args.get("f") == "html":
            return False
        best = request.accept_mimetypes.best_match(("text/html",) + JSON_TYPES)
        return best != "text/html" or request.args.get("f") == "json"
    return error_format == "json"


def route_blueprint():
    """The blueprint of this request's route, also when routing failed: the one whose
    route answers another method (405), or under whose ``url_prefix`` the path is (404)."""
    app, name = current_app, request.blueprint
    if name is None and isinstance(request.routing_exception, MethodNotAllowed):
        method = sorted(request.routing_exception.valid_methods or ["GET"])[0]
        try:
            endpoint, _ = app.url_map.bind_to_environ(request.environ).match(method=method)
        except HTTPException:  # never an error while answering one
            endpoint = ""
        name = endpoint.rpartition(".")[0] or None
    if name is None:
        name = next((bp.name for bp in app.blueprints.values() if bp.url_prefix and (
            request.path + "/").startswith(bp.url_prefix.rstrip("/") + "/")), None)
    return app.blueprints.get(name)


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
        401: gettext("Login required"),
        403: gettext("Not allowed"),
        404: gettext("Page not found"),
        413: gettext("Too large"),
        429: gettext("Too many requests"),
        405: gettext("Method not allowed"),
        500: gettext("Something went wrong"),
    }
    return titles.get(code, error.name)


def _description(code):
    if code == 404:
        return gettext("There is no such page. Check the address or go back to the map.")
    if code == 403:
        return gettext("You are not allowed to do this. Log in as staff with the right role.")
    if code == 413:
        return gettext("What you sent is too large. A photo must be smaller.")
    if code == 429:
        return gettext("Too many attempts from your connection. Please wait a while and try again.")
    if code >= 500:
        return gettext("The error has been logged. Please try again later.")
    return gettext("The request cannot be served.")


def init_app(app):
    app.register_error_handler(QueryError, handle_query_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
