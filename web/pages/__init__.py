"""HTML pages for residents: the city map, districts, works, near me, feeds, calendars.

One blueprint ``pages``; each page lives in its own module, which adds its routes
to ``bp`` when imported below. ``map_works`` serves the works the city map fetches.
"""

from flask import Blueprint

bp = Blueprint("pages", __name__)

from web.pages import city, district, feeds, near, need, raise_need, search, work  # noqa: E402,F401  (registers routes)


def init_app(app):
    """Register the pages and the works data their maps fetch (``/api/map/works``)."""
    from web.pages import map_works

    app.register_blueprint(bp)
    map_works.init_app(app)
