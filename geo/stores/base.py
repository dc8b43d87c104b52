"""The store interface and the one path from any store to a Dataset."""

from dataclasses import dataclass

from geo.city import CityConfig
from geo.dataset import build_dataset
from geo.load import Layers
from geo.problems import DataError, ProblemLog


class StoreError(Exception):
    """A store cannot be read at all (no server, no okraina tables, bad URL)."""


@dataclass(frozen=True)
class Snapshot:
    """What one read of a store returned: layers, city settings and their version.

    The three are read together (one database transaction, or one pass over
    the files checked unchanged), so the version always names these layers.
    ``city_json`` is the city settings as stored (a JSON object), kept so an
    import can copy them to another store unchanged.
    """

    layers: Layers
    city: CityConfig
    version: str
    city_json: dict


class Store:
    """Where a city's data lives. Subclasses: FileStore, GeoPackageStore, PostGISStore."""

    def describe(self):
        """Where the data comes from, safe to print (no password)."""
        raise NotImplementedError

    def version(self):
        """A cheap token that changes whenever the stored data changes (for polling)."""
        raise NotImplementedError

    def load(self, log, progress=None):
        """Read and validate every layer into a :class:`Snapshot`, problems into ``log``."""
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}({self.describe()!r})"


def dataset_from_store(store, *, center=None, strict=True, progress=None):
    """Load, validate and join the data of ``store`` into a Dataset.

    Parameters
    ----------
    store : Store
    center : tuple, optional
        ``(lon, lat)`` overriding the centre from the stored city settings.
    strict : bool
        Raise :class:`DataError` on fatal problems (the default); with ``False``
        a Dataset of the good rows is returned, as ``okraina check`` needs.
    progress : callable, optional
        Called with the name of each file or table as it is read.

    Returns
    -------
    Dataset
        Built by :func:`geo.dataset.build_dataset`, the step every store shares,
        so equal data gives equal statistics whatever the store.

    Raises
    ------
    DataError
        With every problem found, when ``strict`` and any is fatal.
    StoreError
        When the store cannot be read at all.
    """
    log = ProblemLog()
    snapshot = store.load(log, progress=progress)
    city = snapshot.city if center is None else snapshot.city.with_center(tuple(center))
    if strict and log.has_errors:
        raise DataError(log.problems)
    return build_dataset(snapshot.layers, city, log, version=snapshot.version,
                         source=store.describe())
