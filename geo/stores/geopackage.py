"""The GeoPackage store: the okraina tables in one ``.gpkg`` file.

Made by ``okraina import DIR --into FILE.gpkg``; a single file that QGIS opens
directly and that can be copied to a server and swapped in with one rename.
"""

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import shapely

from geo.stores.base import Snapshot, Store, StoreError
from geo.stores.tables import (DATA_TABLES, META, OPTIONAL_TABLES, check_meta, city_from_meta,
                               frame_from_chunks, layers_from_tables, share_texts)


READ_CHUNK = 5_000  # features read at a time (see read_layer)


def read_layer(path, layer, seen, chunk=READ_CHUNK):
    """The layer as pyogrio reads it whole, read with SQLite, its equal texts one object
    (``seen``).

    A GeoPackage is an SQLite database: a worker reads its tables with the standard
    library and ``shapely.from_wkb`` behind each geometry's GeoPackage header, without
    loading GDAL (~30 MiB of every worker serving a file). Rows come ``chunk`` at a time
    and their texts are shared as they come: the copies a reader makes of every cell
    (a category or status between each work's id and title) would otherwise leave
    holes the heap cannot give back (~80 MiB at 250,000 works). Only what okraina
    writes is read (``okraina import``: text, integer and real columns, dates as text,
    one geometry column or none); tests hold every table to pyogrio's whole read.
    """
    with closing(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)) as conn:
        info = conn.execute(f'PRAGMA table_info("{layer}")').fetchall()
        if not info:
            raise StoreError(f"cannot read {path}: no layer {layer!r}")
        found = conn.execute("SELECT column_name, srs_id FROM gpkg_geometry_columns "
                             "WHERE table_name = ?", (layer,)).fetchone()
        geometry, srs = found if found else (None, None)
        key = next((name for _, name, kind, _, _, pk in info if pk), None)
        columns = [(name, kind.upper()) for _, name, kind, _, _, pk in info
                   if name not in (key, geometry)]
        names = [f'"{name}"' for name, _ in columns] + ([f'"{geometry}"'] if geometry else [])
        cursor = conn.execute(f'SELECT {", ".join(names)} FROM "{layer}"'
                              + (f' ORDER BY "{key}"' if key else ""))
        return frame_from_chunks(iter(lambda: cursor.fetchmany(chunk), []), columns,
                                 _geometries if geometry else None, f"EPSG:{srs}",
                                 each=lambda frame: share_texts(frame, seen))


def _geometries(blobs):
    """Shapely geometries from GeoPackage geometry blobs (``None`` stays ``None``)."""
    return shapely.from_wkb([None if blob is None else bytes(blob[_header_size(blob):])
                             for blob in blobs])


def _header_size(blob):
    """Bytes of a GeoPackage geometry's header: magic, version, flags, srs id, envelope."""
    envelope = _ENVELOPE_BYTES.get((blob[3] >> 1) & 0b111) if len(blob) >= 8 else None
    if blob[:2] != b"GP" or envelope is None:
        raise ValueError("a geometry is not in GeoPackage's binary format")
    return 8 + envelope


_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


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
        notify = progress or (lambda name: None)
        label = f"{self.path.name}:"
        try:
            meta, present = self._read_meta()
            tables, seen = {}, {}
            for table in DATA_TABLES:
                notify(table)
                missing = table in OPTIONAL_TABLES and table not in present
                tables[table] = None if missing else read_layer(self.path, table, seen)
        except (sqlite3.Error, ValueError, shapely.errors.GEOSException) as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from None
        city, city_json = city_from_meta(meta, log, label)
        layers = layers_from_tables(tables, log, label)
        return Snapshot(layers, city, meta["version"], city_json)

    def _read_meta(self):
        with closing(sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            layers = {row[0] for row in conn.execute("SELECT table_name FROM gpkg_contents")}
            rows = conn.execute(f'SELECT key, value FROM "{META}"').fetchall() if META in layers else []
        meta = dict(rows)
        problem = check_meta(meta, str(self.path))
        if problem:
            raise StoreError(problem)
        return meta, layers
