"""Live reload: poll the store and swap in a new Dataset, never a half-built or bad one.

A background thread asks the store for its version every ``RELOAD_SECONDS``
(``OKRAINA_RELOAD_SECONDS``; 0 turns polling off) and, in a single-process
``okraina serve``, on SIGHUP. The new Dataset is built entirely off to the side
and swapped in with one reference assignment, so a request (which reads
``get_dataset()`` once) sees the old snapshot or the new one, never a mix. Bad
data keeps the last good Dataset serving; the reason is logged and shown on
``/healthz``. Under gunicorn every worker polls on its own, and SIGHUP to the
master restarts the workers gracefully, which reloads them too.
"""

import logging
import signal
import threading
from datetime import datetime, timezone

from geo.problems import DataError
from geo.stores import dataset_from_store
from web.ops.memory import release_free_memory
from web.ops.warm import warm

EXTENSION = "okraina_reloader"
log = logging.getLogger("okraina.reload")


class Reloader:
    """Reload the Dataset from ``store`` when its version changes.

    ``current`` returns the Dataset being served, ``swap(new)`` replaces it;
    ``seen`` is the store version the current Dataset was loaded at.
    """

    def __init__(self, store, current, swap, *, interval_s, seen=None, center=None):
        self.store, self._current, self._swap = store, current, swap
        self.interval_s, self.center = interval_s, center
        self._seen = seen
        self._wake = threading.Event()
        self._forced = False
        self._stopped = threading.Event()
        self._thread = None
        self.last_error = None  # (when, message) of the last failed reload
        self.last_reload = None  # when the last new Dataset was swapped in

    def status(self):
        """What ``/healthz`` shows about reloading."""
        when, message = self.last_error or (None, None)
        return {"interval_s": self.interval_s, "last_reload": _iso(self.last_reload), "last_error": message,
                "last_error_at": _iso(when)}

    def check(self, force=False):
        """Reload if the store changed (or ``force``); return whether a new Dataset was swapped in."""
        try:
            token = self.store.version()
            if token == self._seen and not force:
                return False
            dataset = dataset_from_store(self.store, center=self.center)
        except DataError as error:
            self._seen = token  # do not rebuild the same bad data every few seconds
            return self._failed(f"the new data has errors; still serving "
                                f"{self._current().version}: {error}")
        except Exception as error:  # a database that is down: try again next time
            return self._failed(f"cannot reload from {self.store.describe()}: {error}")
        self._seen = token
        if dataset.version == self._current().version and not force:
            self.last_error = None  # good again (e.g. a broken file put back): nothing to report
            return False  # touched, not changed
        old = self._swap(warm(dataset))
        self.last_reload, self.last_error = datetime.now(timezone.utc), None
        log.info("reloaded %s: version %s -> %s", self.store.describe(),
                 getattr(old, "version", None), dataset.version)
        del old, dataset
        release_free_memory()  # the old Dataset, unless a request in flight still reads it
        return True

    def _failed(self, message):
        self.last_error = (datetime.now(timezone.utc), message)
        log.error("reload failed: %s", message)
        return False

    def request_reload(self):
        """Ask the thread to reload now (safe to call from a signal handler)."""
        self._forced = True
        self._wake.set()

    def start(self):
        self._thread = threading.Thread(target=self._run, name="okraina-reload", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._stopped.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self):
        while not self._stopped.is_set():
            self._wake.wait(self.interval_s if self.interval_s > 0 else None)
            self._wake.clear()
            if self._stopped.is_set():
                break
            forced, self._forced = self._forced, False
            self.check(force=forced)


def install_sighup(reloader):
    """Reload on SIGHUP (single-process serving; call from the main thread)."""
    def on_hangup(signum, frame):
        reloader.request_reload()
    if reloader._thread is None:  # polling is off: the thread then waits for signals only
        reloader.start()
    signal.signal(signal.SIGHUP, on_hangup)


def _iso(when):
    return when.isoformat(timespec="seconds") if when else None


def init_app(app, store, seen):
    """Poll ``store`` every ``RELOAD_SECONDS`` (no store: tests inject the data; no polling)."""
    if store is None:
        return None
    from web.snapshot import get_holder, parse_center

    holder = get_holder(app)
    reloader = Reloader(store, lambda: holder.dataset, holder.swap,
                        interval_s=app.config["RELOAD_SECONDS"], seen=seen,
                        center=parse_center(app.config))
    app.extensions[EXTENSION] = reloader
    if reloader.interval_s > 0:
        reloader.start()
    return reloader


def get_reloader(app=None):
    from flask import current_app

    return (app or current_app).extensions.get(EXTENSION)


def reload_status():
    """The reloader's status for ``/healthz``, or ``None`` when data is not reloaded."""
    reloader = get_reloader()
    return reloader.status() if reloader is not None else None
