"""okraina's Flask app. ``flask --app web run`` finds ``create_app``."""

from flask import Flask


def create_app(config=None):
    """Build the app: settings, the Dataset snapshot, i18n, assets, pages, errors.

    ``config`` overrides the environment (see ``web.config``); tests pass
    ``DATASET_LOADER`` (``source, *, center -> Dataset``) to avoid reading files.
    """
    from web import assets, embed, errors, i18n, opendata, ops, pages, planner, security, snapshot, staff
    from web import write
    from web.config import load_config
    from web.context import init_app as init_context
    from web.ops.warm import warm

    app = Flask(__name__, static_folder=None)
    app.config.update(load_config(config))
    write_db = write.init_app(app)  # first: the snapshot's needs are overlaid with its edits
    store = snapshot.open_store(app.config, overlay=write_db)
    seen = store.version() if store is not None else None  # before loading: no change is missed
    snapshot.init_app(app, warm(snapshot.load(app.config, store)))
    ops.init_app(app, store, seen)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    assets.init_app(app)
    init_context(app)
    pages.init_app(app)
    planner.init_app(app)
    embed.init_app(app)
    opendata.init_app(app)
    staff.init_app(app)
    write.init_limits(app)
    _compress(app)
    return app


def _compress(app):
    # Residents are often on poor mobile connections; Folium pages compress well.
    from flask_compress import Compress

    app.config.setdefault("COMPRESS_MIMETYPES", [
        "text/html", "text/css", "text/javascript", "application/javascript",
        "application/json", "application/geo+json",
    ])
    Compress(app)
