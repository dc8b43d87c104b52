"""The planner: which outskirts are underserved (page, CSV download and /api/stats)."""

from web.planner.views import bp

__all__ = ["bp", "init_app"]


def init_app(app):
    app.register_blueprint(bp)
