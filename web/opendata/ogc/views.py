"""The Flask adapter of the OGC handlers: request in, ``(headers, status, content)`` out."""

from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import gettext

from web.i18n import current_lang
from web.snapshot import get_dataset
from web.opendata.ogc import handlers
from web.opendata.ogc.core import APIRequest, Page
from web.opendata import open_data

bp = open_data(Blueprint("ogc", __name__, url_prefix="/ogc"), html_when_asked=True)


def _serve(handler, *args):
    api_request = APIRequest(args=request.args, headers=dict(request.headers),
                             base_url=url_for("ogc.landing_page", _external=True).rstrip("/"),
                             path=request.path[len(bp.url_prefix):] or "/",
                             root=request.url_root, language=current_lang())
    headers, status, content = handler(api_request, get_dataset(), *args)
    if isinstance(content, Page):
        values = dict(content.values)
        if content.template == "error.html":
            values["title"] = gettext("Bad request") if status == 400 else gettext("Not found")
        return render_template(content.template, **values), status, headers
    return Response(content, status=status, headers=headers)


@bp.route("", strict_slashes=False)
def landing_page():
    return _serve(handlers.landing_page)


@bp.route("/conformance")
def conformance():
    return _serve(handlers.conformance)


@bp.route("/api")
def api_definition():
    return _serve(handlers.api_definition)


@bp.route("/collections")
def collections():
    return _serve(handlers.collections)


@bp.route("/collections/<collection_id>")
def collection(collection_id):
    return _serve(handlers.collection, collection_id)


@bp.route("/collections/<collection_id>/items")
def items(collection_id):
    return _serve(handlers.items, collection_id)


@bp.route("/collections/<collection_id>/queryables")
def queryables(collection_id):
    return _serve(handlers.queryables, collection_id)


@bp.route("/collections/<collection_id>/items/<path:feature_id>")
def item(collection_id, feature_id):
    return _serve(handlers.item, collection_id, feature_id)


def init_app(app):
    app.register_blueprint(bp)
