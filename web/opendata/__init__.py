"""Open data: the JSON API, near-me API, OGC API – Features, downloads, and their CORS."""


def init_app(app):
    """Register the open-data blueprints, then CORS on them."""
    from web.opendata import api, cors, download, near_api
    from web.opendata.ogc import views as ogc

    app.register_blueprint(near_api.bp)
    api.init_app(app)
    ogc.init_app(app)
    download.init_app(app)
    cors.init_app(app)
