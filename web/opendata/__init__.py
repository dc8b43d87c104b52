"""Open data: the JSON API, near-me API, OGC API – Features, downloads, and their CORS.

``open_data(bp)`` is how a blueprint anywhere in ``web`` says its routes are open
data: JSON errors, data caching (ETag, 304) and CORS, as blueprint-level hooks.
"""


def open_data(bp, *, cors=True, html_when_asked=False):
    """Mark ``bp``'s routes as open data (JSON errors, cached, CORS unless ``cors=False``)."""
    from web.caching import cache_data
    from web.errors import json_errors
    from web.opendata.cors import allow_any_origin

    json_errors(cache_data(bp), html_when_asked=html_when_asked)
    return allow_any_origin(bp) if cors else bp


def init_app(app):
    """Register the open-data blueprints, and CORS for paths under them that have no route."""
    from web.opendata import api, cors, download, near_api, needs_api, search_api
    from web.opendata.ogc import views as ogc

    app.register_blueprint(near_api.bp)
    app.register_blueprint(search_api.bp)
    api.init_app(app)
    app.register_blueprint(needs_api.bp)
    ogc.init_app(app)
    download.init_app(app)
    cors.init_app(app)
