"""The planner: which outskirts are underserved (page, CSV download and /api/stats)."""


def init_app(app):
    """Register the planner's pages and its open-data route."""
    from web.planner import api, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
