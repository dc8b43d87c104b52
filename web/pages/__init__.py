"""HTML pages for residents: the city map, districts, works, near me, feeds.

One blueprint ``pages``; each page lives in its own module, which adds its routes
to ``bp`` when imported below.
"""

from flask import Blueprint

bp = Blueprint("pages", __name__)

from web.pages import city, district, feeds, near, work  # noqa: E402,F401  (registers routes)
