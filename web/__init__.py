"""okraina's Flask app. ``flask --app web run`` finds ``create_app``."""

from flask import Flask


def create_app(config=None):
    """Build the app: settings, the Dataset snapshot, i18n, assets, pages, errors.

    ``config`` overrides the environment (see ``web.config``); tests pass
    ``DATASET_LOADER`` (``source, *, center -> Dataset``) to avoid reading files.
    """
    from web import (api, assets, caching, cors, data, download, embed, errors, health, i18n,
                     map_works, near_api, oembed, pages, planner, reload, security, share)
    from web.ogc import views as ogc
    from web.config import load_config
    from web.warm import warm
    from web.context import init_app as init_context

    app = Flask(__name__, static_folder=None)
    app.config.update(load_config(config))
    store = data.open_store(app.config)
    seen = store.version() if store is not None else None  # before loading: no change is missed
    data.init_app(app, warm(data.load(app.config, store)))
    reload.init_app(app, store, seen)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    assets.init_app(app)
    init_context(app)
    share.init_app(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(near_api.bp)
    app.register_blueprint(planner.bp)
    app.register_blueprint(embed.bp)
    app.register_blueprint(oembed.bp)
    api.init_app(app)
    map_works.init_app(app)
    ogc.init_app(app)
    download.init_app(app)
    cors.init_app(app)
    _compress(app)
    caching.init_app(app)  # after Compress: its hooks run before Compress's, as Flask runs them last-first
    return app


def _compress(app):
    # Residents are often on poor mobile connections; Folium pages compress well.
    from flask_compress import Compress

    app.config.setdefault("COMPRESS_MIMETYPES", [
        "text/html", "text/css", "text/javascript", "application/javascript",
        "application/json", "application/geo+json",
    ])
    Compress(app)
