"""The app's one Dataset snapshot, and the one accessor views read it through."""

import threading

from flask import current_app

EXTENSION = "okraina"


class DatasetHolder:
    """Holds the current Dataset; ``swap`` replaces it atomically (live reload).

    Views read ``get_dataset()`` once per request and keep that snapshot, so a
    swap in the middle of a request never mixes two versions.
    """

    def __init__(self, dataset):
        self._dataset = dataset
        self._lock = threading.Lock()

    @property
    def dataset(self):
        return self._dataset

    def swap(self, new_dataset):
        """Make ``new_dataset`` current and return the previous one."""
        with self._lock:
            old, self._dataset = self._dataset, new_dataset
        return old


def init_app(app, dataset):
    app.extensions[EXTENSION] = DatasetHolder(dataset)


def get_holder(app=None):
    return (app or current_app).extensions[EXTENSION]


def get_dataset():
    """The current Dataset snapshot of the running app."""
    return get_holder().dataset


def load(config):
    """Build the Dataset named by the config (``DATABASE_URL`` wins over ``DATA_DIR``)."""
    loader = config.get("DATASET_LOADER") or _load_with_geo
    source = config.get("DATABASE_URL") or config["DATA_DIR"]
    return loader(source, center=config.get("CENTER"))


def _load_with_geo(source, *, center=None):
    import geo  # imported here so that `import web` stays cheap and geo-free
    from geo.city import parse_center

    if isinstance(center, str):
        center = parse_center(center, "OKRAINA_CENTER")
    if "://" in str(source):
        raise ValueError("DATABASE_URL: geo has no database store yet; use a data folder")
    return geo.load_dataset(source, center=center)
