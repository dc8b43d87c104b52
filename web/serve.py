"""Production serving: gunicorn with the app factory, one Dataset per worker process.

Workers are separate processes (a Dataset is read-only numpy/pandas memory, so
threads inside a worker share it): ``gthread`` workers answer slow mobile clients
without blocking each other. The app is built in each worker, not in the master
(no ``preload_app``), so every worker starts its own reload thread after the fork.
SIGHUP to the master restarts the workers gracefully, which reloads the data;
SIGTERM stops them after the requests in flight.
"""

from gunicorn.app.base import BaseApplication

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

        limit_malloc_arenas()
        app = create_app(self.app_config)
        release_free_memory()  # what loading the Dataset used and dropped
        return app


MALLOC_ARENAS = 2
_M_ARENA_MAX = -8  # glibc's mallopt parameter number


def limit_malloc_arenas(count=MALLOC_ARENAS):
    """Cap glibc's malloc arenas (one per thread by default, up to 8 per core).

    A gthread worker's threads each grow an arena that keeps freed memory; with
    ``count`` arenas the threads share them, as ``MALLOC_ARENA_MAX=2`` would. A
    no-op where the C library is not glibc. Returns whether the cap was set.
    """
    libc = _glibc()
    return libc is not None and libc.mallopt(_M_ARENA_MAX, count) == 1


def release_free_memory():
    """Collect garbage and hand free heap pages back to the system (glibc's malloc_trim)."""
    import gc

    gc.collect()
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


def _glibc():
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def run_gunicorn(config, *, host, port, workers):
    """Serve until SIGTERM/SIGINT (blocking)."""
    OkrainaServer(config, host=host, port=port, workers=workers).run()
