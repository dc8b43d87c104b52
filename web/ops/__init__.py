"""Running the service: the CLI, checks, imports, serving, live reload, warming, memory, /healthz."""


def init_app(app, store, seen):
    """Watch ``store`` for changes since version ``seen``, and serve ``/healthz``."""
    from web.ops import health, reload

    reload.init_app(app, store, seen)
    app.register_blueprint(health.bp)
