"""``okraina import``: validate a data folder, then write it to PostGIS or a GeoPackage.

All or nothing: nothing is written when the folder has a fatal problem; a
PostGIS import is one transaction (the old data stays until it commits), and a
GeoPackage is written to a temporary file renamed over the target at the end.
"""

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import shapely

from geo.dataset import build_dataset
from geo.problems import DataError, ProblemLog
from geo.stores.base import StoreError
from geo.stores.files import FileStore
from geo.stores.postgis import DDL, SRID, is_database_url, make_engine, mask_url
from geo.stores.tables import COLUMNS, DATA_TABLES, FORMAT, META, meta_rows, tables_from_layers

COPY_CHUNK = 5000
INT_COLUMNS = {"population", "year", "progress", "amount_kzt", "cycle", "attendees", "source_row",
               "supporters"}


@dataclass(frozen=True)
class Validated:
    """A folder that passed validation: what will be written, and its Dataset."""

    snapshot: object
    dataset: object
    source: str

    @property
    def row_counts(self):
        layers = self.snapshot.layers
        return {"districts": len(layers.districts), "works": len(layers.works),
                "funding": len(layers.funding), "meetings": len(layers.meetings),
                "needs": 0 if layers.needs is None else len(layers.needs)}


def validate_folder(folder, *, crs=None, progress=None):
    """Load and validate ``folder`` with the rules of ``okraina check``.

    Returns
    -------
    Validated

    Raises
    ------
    DataError
        With every problem, when any is fatal.
    """
    store = FileStore(folder, crs=crs)
    log = ProblemLog()
    snapshot = store.load(log, progress=progress)
    if log.has_errors:
        raise DataError(log.problems)
    dataset = build_dataset(snapshot.layers, snapshot.city, log, version=snapshot.version,
                            source=store.describe())
    return Validated(snapshot, dataset, store.describe())


def write_store(validated, target, *, progress=None):
    """Write validated data to ``target`` (a ``postgresql://`` URL or a ``.gpkg`` path).

    Parameters
    ----------
    validated : Validated
    target : str
    progress : callable, optional
        Called with a number of rows each time that many were written.

    Raises
    ------
    StoreError
        When the target is neither, or the database refuses the import (the
        previous data is then unchanged).
    """
    notify = progress or (lambda rows: None)
    meta = meta_rows(validated.snapshot.version, validated.snapshot.city_json,
                     validated.source, datetime.now(timezone.utc).isoformat(timespec="seconds"))
    tables = tables_from_layers(validated.snapshot.layers)
    if is_database_url(target):
        _write_postgis(tables, meta, target, notify)
    elif str(target).lower().endswith(".gpkg"):
        _write_geopackage(tables, meta, Path(target), notify)
    else:
        raise StoreError(f"cannot import into {mask_url(str(target))}: give a "
                         "postgresql:// URL or a .gpkg file name")


def _write_postgis(tables, meta, url, notify):
    import psycopg
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
            _check_existing_format(conn, url)
            conn.exec_driver_sql(DDL)
            everything = ", ".join(DATA_TABLES + (META,))
            conn.execute(text(f"LOCK TABLE {everything} IN ACCESS EXCLUSIVE MODE"))
            conn.execute(text(f"TRUNCATE {', '.join(DATA_TABLES)}"))
            cursor = conn.connection.driver_connection.cursor()
            for name, frame in tables.items():
                _copy_rows(cursor, name, frame, notify)
            conn.execute(text(f"DELETE FROM {META}"))
            conn.execute(text(f"INSERT INTO {META} (key, value) VALUES (:k, :v)"),
                         [{"k": k, "v": v} for k, v in meta])
            for name in DATA_TABLES:
                conn.execute(text(f"ANALYZE {name}"))
    except (DBAPIError, psycopg.Error) as exc:  # COPY runs on the raw psycopg cursor
        cause = getattr(exc, "orig", None) or exc
        reason = str(cause).strip().splitlines()[0]
        raise StoreError(f"the import into {mask_url(url)} failed and was rolled back "
                         f"(the previous data is unchanged): {reason}") from None
    finally:
        engine.dispose()


def _check_existing_format(conn, url):
    from sqlalchemy import text

    found = conn.execute(text(f"SELECT to_regclass('{META}') IS NOT NULL")).scalar()
    if not found:
        return
    value = conn.execute(text(f"SELECT value FROM {META} WHERE key = 'format'")).scalar()
    if value not in (None, FORMAT):
        raise StoreError(f"{mask_url(url)} holds okraina data in format {value!r}; this "
                         f"version writes format {FORMAT!r}: drop the okraina tables first")


def _copy_rows(cursor, name, frame, notify):
    columns = COLUMNS[name] + (["geom"] if "geometry" in frame.columns else [])
    values = [frame[c].tolist() for c in COLUMNS[name]]
    if "geometry" in frame.columns:
        values.append(_ewkb_hex(frame.geometry))
    rows = list(zip(*values))
    quoted = ", ".join(f'"{c}"' for c in columns)
    for start in range(0, len(rows), COPY_CHUNK):
        chunk = rows[start:start + COPY_CHUNK]
        with cursor.copy(f"COPY {name} ({quoted}) FROM STDIN") as copy:
            for row in chunk:
                copy.write_row(row)
        notify(len(chunk))


def _ewkb_hex(geometries):
    geoms = shapely.set_srid(geometries.to_numpy(), SRID)
    return [None if g is None or g.is_empty else h
            for g, h in zip(geoms, shapely.to_wkb(geoms, hex=True, include_srid=True))]


def _write_geopackage(tables, meta, path, notify):
    import pyogrio  # here: `okraina serve` loads this module with the CLI; GDAL is ~30 MiB

    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp.gpkg")
    temporary.unlink(missing_ok=True)
    try:
        for name, frame in tables.items():
            kwargs = {"geometry_type": "Unknown"} if name == "works" else \
                {"geometry_type": "Point"} if name == "needs" else {}
            pyogrio.write_dataframe(_for_geopackage(frame), temporary, layer=name,
                                    driver="GPKG", **kwargs)
            notify(len(frame))
        pyogrio.write_dataframe(pd.DataFrame(meta, columns=["key", "value"]), temporary,
                                layer=META, driver="GPKG")
        os.replace(temporary, path)  # readers see the old file or the new one, never half
    except Exception as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise StoreError(f"cannot write {path}: {exc}") from None
        raise


def _for_geopackage(frame):
    frame = frame.copy()
    for column in frame.columns:
        if column in INT_COLUMNS:
            frame[column] = pd.array(frame[column], dtype="Int64")
        elif column != "geometry":
            frame[column] = frame[column].map(
                lambda v: v.isoformat() if hasattr(v, "isoformat") else v).astype(object)
    return frame
