"""Production serving: gunicorn with the app factory, one Dataset per worker process.

Workers are separate processes (a Dataset is read-only numpy/pandas memory, so
threads inside a worker share it): ``gthread`` workers answer slow mobile clients
without blocking each other. The app is built in each worker, not in the master
(no ``preload_app``), so every worker starts its own reload thread after the fork.
SIGHUP to the master restarts the workers gracefully, which reloads the data;
SIGTERM stops them after the requests in flight.
"""

from gunicorn.app.base import BaseApplication

from web.ops.memory import release_free_memory, trim_after_requests, tune_malloc

THREADS_PER_WORKER = 4


class OkrainaServer(BaseApplication):
    """gunicorn running ``web.create_app(config)`` on ``host:port`` with ``workers`` processes."""

    def __init__(self, config, *, host, port, workers, threads=THREADS_PER_WORKER):
        self.app_config = config
        self.options = {
            "bind": f"{host}:{port}", "workers": workers, "threads": threads,
            "worker_class": "gthread", "timeout": 60, "graceful_timeout": 20,
            "keepalive": 5, "accesslog": None, "errorlog": "-", "loglevel": "info",
            "proc_name": "okraina",
        }
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from web import create_app

        tune_malloc()
        app = create_app(self.app_config)
        release_free_memory()  # what loading the Dataset used and dropped
        trim_after_requests(app)  # and what its requests free, once they are served
        return app


def run_gunicorn(config, *, host, port, workers):
    """Serve until SIGTERM/SIGINT (blocking)."""
    OkrainaServer(config, host=host, port=port, workers=workers).run()
