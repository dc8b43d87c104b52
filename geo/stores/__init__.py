"""Where a city's data lives: a data folder, a GeoPackage file or a PostGIS database.

Every store reads its rows, validates them with the rules of :mod:`geo.load`
and hands them to :func:`geo.dataset.build_dataset`, so the same data gives the
same Dataset (statistics, near-me answers, join shares) from any store.

>>> store = open_store("shapefiles")                       # doctest: +SKIP
>>> store = open_store("postgresql://okraina@db/okraina")  # doctest: +SKIP
>>> dataset = dataset_from_store(store)                    # doctest: +SKIP
"""

from pathlib import Path

from geo.stores.base import Snapshot, Store, StoreError, dataset_from_store
from geo.stores.files import FileStore
from geo.stores.geopackage import GeoPackageStore
from geo.stores.postgis import PostGISStore, is_database_url, mask_url

__all__ = ["FileStore", "GeoPackageStore", "PostGISStore", "Snapshot", "Store", "StoreError",
           "dataset_from_store", "load_from", "mask_url", "open_store"]


def open_store(source, *, crs=None):
    """The store for a folder, a ``.gpkg`` file or a ``postgresql://`` URL.

    Parameters
    ----------
    source : str or Path
    crs : str, optional
        For a folder: the CRS to assume for layers that have none.

    Raises
    ------
    StoreError
        When ``source`` is a file that is not a GeoPackage.
    """
    if is_database_url(source):
        return PostGISStore(source)
    path = Path(source)
    if path.suffix.lower() == ".gpkg" and not path.is_dir():
        return GeoPackageStore(path)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is neither a data folder, a .gpkg file nor a postgresql:// URL")
    return FileStore(path, crs=crs)


def load_from(source, *, center=None, strict=True, progress=None):
    """``dataset_from_store(open_store(source))``: the Dataset of a folder, file or URL."""
    return dataset_from_store(open_store(source), center=center, strict=strict,
                              progress=progress)
