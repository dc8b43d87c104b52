"""The app's one Dataset snapshot, the one accessor views read it through, and its districts."""

import threading

from flask import current_app, g, has_request_context
from werkzeug.exceptions import NotFound

from web.params import N_, QueryError

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
    """The Dataset snapshot of this request: the same object however often it is called,
    even if a reload swaps in a new one meanwhile (outside a request: the current one)."""
    if not has_request_context():
        return get_holder().dataset
    if "okraina_dataset" not in g:
        g.okraina_dataset = get_holder().dataset
    return g.okraina_dataset


def require_district(dataset, district_id, *, param=None):
    """The row of ``district_id`` (``None`` if it is ``None``); an unknown id is a 404.

    The 404 is a readable page for people and ``{"code": 404, "description": ...}``
    for JSON routes. ``param`` names an open-data filter (``?district=``), which the
    API, OGC items and downloads have always answered with a 400 for a bad parameter.
    """
    if district_id is None:
        return None
    if district_id not in dataset.districts.index:
        if param is not None:
            raise QueryError(param, N_("unknown district '%(value)s'"), value=district_id)
        raise NotFound(f"no district '{district_id}'")
    return dataset.districts.loc[district_id]


def data_source(config):
    """The folder, ``.gpkg`` file or database URL named by the config (the URL wins)."""
    return config.get("DATABASE_URL") or config["DATA_DIR"]


def open_store(config, overlay=None):
    """The ``geo.stores`` store of the config, or ``None`` when tests inject a loader.

    With ``overlay`` (the write database) the store's needs are overlaid with the
    needs staff created or edited (``geo.stores.overlay``): the snapshot and its
    reloads then carry them, and the store's version changes with every edit.
    """
    if config.get("DATASET_LOADER"):
        return None
    from geo.stores import open_store as open_geo_store  # keeps `import web` geo-free

    store = open_geo_store(data_source(config))
    if overlay is None:
        return store
    from geo.stores.overlay import OverlayStore
    from web.write.overlay import DatabaseNeedsOverlay

    return OverlayStore(store, DatabaseNeedsOverlay(overlay))


def load(config, store=None):
    """Build the Dataset named by the config (``DATABASE_URL`` wins over ``DATA_DIR``)."""
    if config.get("DATASET_LOADER"):
        return config["DATASET_LOADER"](data_source(config), center=config.get("CENTER"))
    from geo.stores import dataset_from_store

    return dataset_from_store(store or open_store(config), center=parse_center(config))


def parse_center(config):
    from geo.city import parse_center as parse

    center = config.get("CENTER")
    return parse(center, "OKRAINA_CENTER") if isinstance(center, str) else center
