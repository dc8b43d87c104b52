"""The GeoPackage store: the okraina tables in one ``.gpkg`` file.

Made by ``okraina import DIR --into FILE.gpkg``; a single file that QGIS opens
directly and that can be copied to a server and swapped in with one rename.
"""

import hashlib
from pathlib import Path

from geo import heap
from geo.stores.base import Snapshot, Store, StoreError
from geo.stores.tables import (DATA_TABLES, META, OPTIONAL_TABLES, check_meta, city_from_meta,
                               concat_chunks, layers_from_tables, share_texts)


READ_CHUNK = 5_000  # features read at a time (see read_layer)


def read_layer(path, layer, seen, chunk=READ_CHUNK):
    """The layer as pyogrio reads it whole, its equal texts one object (``seen``).

    pyogrio makes a new ``str`` for every cell, row by row, so a category or status
    copy lies between each work's id and title. Dropped after a whole read, those
    copies leave holes that the heap cannot give back (~80 MiB at 250,000 works);
    read and shared ``chunk`` features at a time, the holes of one chunk are
    filled by reading the next.
    """
    import pyogrio

    count = pyogrio.read_info(path, layer=layer)["features"]
    if count < 0 or count <= chunk:
        return share_texts(pyogrio.read_dataframe(path, layer=layer), seen)
    parts = (share_texts(pyogrio.read_dataframe(path, layer=layer, skip_features=start,
                                                max_features=chunk), seen)
             for start in range(0, count, chunk))
    return concat_chunks(list(heap.trimming(parts)))  # and give back what reading them freed


class GeoPackageStore(Store):
    """The okraina tables in a GeoPackage file (see :mod:`geo.stores.tables`)."""

    def __init__(self, path):
        self.path = Path(path)

    def describe(self):
        return str(self.path)

    def version(self):
        """A hash of the file's size and modification time (an import renames a new file in)."""
        try:
            stat = self.path.stat()
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror}") from None
        token = f"{stat.st_ino}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()
        return hashlib.sha256(token).hexdigest()[:16]

    def load(self, log, progress=None):
        import pyogrio  # GDAL: loaded by the stores that read files, not with this module

        notify = progress or (lambda name: None)
        label = f"{self.path.name}:"
        try:
            meta, present = self._read_meta()
            tables, seen = {}, {}
            for table in DATA_TABLES:
                notify(table)
                missing = table in OPTIONAL_TABLES and table not in present
                tables[table] = None if missing else read_layer(self.path, table, seen)
        except pyogrio.errors.DataSourceError as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from None
        city, city_json = city_from_meta(meta, log, label)
        layers = layers_from_tables(tables, log, label)
        return Snapshot(layers, city, meta["version"], city_json)

    def _read_meta(self):
        import pyogrio

        layers = {row[0] for row in pyogrio.list_layers(self.path)}
        rows = pyogrio.read_dataframe(self.path, layer=META) if META in layers else None
        meta = {} if rows is None else dict(zip(rows["key"], rows["value"]))
        problem = check_meta(meta, str(self.path))
        if problem:
            raise StoreError(problem)
        return meta, layers
