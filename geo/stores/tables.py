"""The okraina table layout shared by the database stores (PostGIS and GeoPackage).

Five data tables mirror the layers of a data folder (``needs`` may be absent
from a store imported before needs existed: it then has none), plus ``okraina_meta``
(``key``, ``value``): the data ``version`` (the content hash of the imported
folder, or a new token after an edit in the database), the ``city`` settings
(the content of ``city.json``), the ``format`` of the layout and where and when
the data was imported. Rows keep ``source_file`` / ``source_row`` of the import
so problems still name the original file and row, and so rows come back in the
order they were read.
"""

import json

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import heap, validate
from geo.city import CityConfig, city_config_from_dict
from geo.load import (DISTRICT_COLUMNS, FUNDING_COLUMNS, MEETING_COLUMNS, WORK_COLUMNS, Layers,
                      validate_districts, validate_table, validate_works)
from geo.load_needs import FRAME_COLUMNS as NEED_FRAME_COLUMNS
from geo.load_needs import empty_needs, validate_needs

FORMAT = "1"
META = "okraina_meta"
DATA_TABLES = ("districts", "works", "funding", "meetings", "needs")
# Tables a store written by an older okraina may lack; reading one gives no rows.
OPTIONAL_TABLES = ("needs",)
# Columns a table written by an older okraina may lack; reading one gives empty values.
OPTIONAL_COLUMNS = {"meetings": ("place", "time")}
COLUMNS = {
    "districts": DISTRICT_COLUMNS + ["source_row"],
    "works": WORK_COLUMNS + ["source_file", "source_row"],
    "funding": FUNDING_COLUMNS + ["source_row"],
    "meetings": MEETING_COLUMNS + ["source_row"],
    # The point is the table's geometry; work_ids stays space-separated text.
    "needs": [c for c in NEED_FRAME_COLUMNS if c != "status_type"],
}
DATE_COLUMNS = {"start", "finish", "approved", "date", "raised_on", "status_on"}


def tables_from_layers(layers):
    """The frames to write for validated ``layers``: ``{table: frame}`` in layout order.

    Dates become ``datetime.date`` (or ``None``), missing values ``None``; the
    districts get their ``source_row`` (their position in the file).
    """
    districts = layers.districts.assign(source_row=range(1, len(layers.districts) + 1))
    needs = layers.needs if layers.needs is not None else empty_needs()
    needs = needs.assign(work_ids=needs["work_ids"].map(" ".join))
    frames = {"districts": districts, "works": layers.works,
              "funding": layers.funding, "meetings": layers.meetings, "needs": needs}
    return {name: _plain(frame, COLUMNS[name]) for name, frame in frames.items()}


def _plain(frame, columns):
    out = frame[columns + (["geometry"] if "geometry" in frame.columns else [])].copy()
    for column in columns:
        values = out[column]
        if column in DATE_COLUMNS:
            values = pd.to_datetime(values).dt.date
        out[column] = values.astype(object).where(values.notna(), None)
    return out


def meta_rows(version, city_json, source, imported_at):
    """The ``okraina_meta`` rows written by an import, as ``[(key, value)]``."""
    return [("format", FORMAT), ("version", version),
            ("city", json.dumps(city_json, ensure_ascii=False, sort_keys=True)),
            ("imported_from", source), ("imported_at", imported_at)]


def layers_from_tables(tables, log, label):
    """Validate raw tables read from a database store into :class:`Layers`.

    Parameters
    ----------
    tables : dict
        ``{"districts": GeoDataFrame, "works": GeoDataFrame, "funding":
        DataFrame, "meetings": DataFrame, "needs": GeoDataFrame or None}`` in
        EPSG:4326, rows in stored order (``needs`` None when the store has none).
    log : ProblemLog
    label : str
        Prefix of the table names in problems (``"postgis:"``, ``"x.gpkg:"``).
    """
    works = _with_origin(tables["works"], f"{label}works")
    districts = validate_districts(tables["districts"], f"{label}districts", log)
    return Layers(
        districts=districts,
        works=validate_works([(f"{label}works", works)], log),
        funding=validate_table(_rows(tables["funding"]), validate.FUNDING, f"{label}funding",
                               log, id_field="record_id"),
        meetings=validate_table(_rows(tables["meetings"]), validate.MEETINGS,
                                f"{label}meetings", log),
        sources=(),
        needs=_needs(tables.get("needs"), f"{label}needs", log, districts["id"]),
    )


def _needs(frame, name, log, district_ids):
    """Stored needs rows back to the text of needs.csv (the point as lon/lat) and validated."""
    if frame is None:
        return empty_needs()
    frame = _rows(frame)
    points = frame.geometry
    placed = points.notna() & ~points.is_empty
    frame = pd.DataFrame(frame.drop(columns="geometry"))
    frame["lon"] = points.x.where(placed)
    frame["lat"] = points.y.where(placed)
    return validate_needs(frame, name, log, district_ids)


def _with_origin(works, name):
    """Rows added by hand in the database have no import origin: name the table."""
    works = works.reset_index(drop=True)
    works["source_file"] = works["source_file"].where(works["source_file"].notna(), name)
    return _rows(works)


def _rows(frame):
    frame = frame.reset_index(drop=True)
    position = pd.Series(range(1, len(frame) + 1), index=frame.index)
    frame["source_row"] = pd.to_numeric(frame["source_row"]).fillna(position).astype("int64")
    return frame


def share_texts(frame, seen):
    """``frame`` with equal texts of its text columns as one ``str`` object.

    A reader makes a new object for every cell: a category, a status, a source
    file name or a work id read again in the funding table, ~110 MiB of copies at
    250,000 works in every worker. ``seen`` (``{text: text}``) is shared by the
    tables of one load, so the funding's work ids become the works' own ids. Call
    it on each table as it is read: the copies it drops leave room that reading the
    next table reuses.
    """
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
            shared = [seen.setdefault(v, v) if type(v) is str else v
                      for v in values.to_numpy(dtype=object)]
            frame[column] = pd.array(shared, dtype=values.dtype)
    return frame


def frame_from_rows(rows, columns, geometries=None, crs=None):
    """A frame of database ``rows`` (tuples) as pyogrio reads such a table.

    ``columns``: ``[(name, kind)]``, the kind an SQL type name (``INTEGER``, ``REAL``,
    anything else is text); ``geometries``: the function turning the cells of one more
    column, last in each row, into shapely geometries (``None``: a table without one).
    Integers with an empty cell become floats (NaN), texts the ``str`` dtype.
    """
    values = list(zip(*rows)) if rows else [()] * (len(columns) + bool(geometries))
    data = {name: _column(cells, kind) for (name, kind), cells in zip(columns, values)}
    if geometries is None:
        return pd.DataFrame(data)
    return gpd.GeoDataFrame(data, geometry=geometries(values[-1]), crs=crs)


def _column(cells, kind):
    if kind in INTEGER_TYPES:
        if any(cell is None for cell in cells):
            return np.array([np.nan if cell is None else cell for cell in cells], dtype=float)
        return np.array(cells, dtype=np.int64)
    if kind in REAL_TYPES:
        return np.array([np.nan if cell is None else cell for cell in cells], dtype=float)
    return pd.array(list(cells), dtype="str")


INTEGER_TYPES = {"INTEGER", "INT", "MEDIUMINT", "SMALLINT", "TINYINT", "BOOLEAN"}
REAL_TYPES = {"REAL", "DOUBLE", "FLOAT"}


def frame_from_chunks(chunks, columns, geometries=None, crs=None, each=None):
    """One frame of the row ``chunks`` (lists of tuples, as ``fetchmany`` gives them), as
    :func:`frame_from_rows` makes each: ``each(frame)`` is applied to every chunk's frame
    as it is made, and the heap the chunks free is handed back every few (``geo.heap``)."""
    parts = []
    for rows in heap.trimming(chunks):
        frame = frame_from_rows(rows, columns, geometries, crs)
        parts.append(each(frame) if each else frame)
    if not parts:
        return frame_from_rows([], columns, geometries, crs)
    return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)


def city_from_meta(meta, log, label):
    """``(CityConfig, city_json)`` from the ``okraina_meta`` values."""
    try:
        raw = json.loads(meta.get("city") or "{}")
        return city_config_from_dict(raw, source=f"{label}{META}.city"), raw
    except (TypeError, ValueError) as exc:
        log.error(f"{label}{META}", f"the city settings cannot be read: {exc}")
        return CityConfig(), {}


def check_meta(meta, label):
    """The problem with the meta values, or ``None`` when the layout is readable."""
    if "version" not in meta:
        return f"{label} holds no okraina data: load it with `okraina import DIR --into ...`"
    if meta.get("format") != FORMAT:
        return (f"{label} holds okraina data in format {meta.get('format')!r}, this version "
                f"reads format {FORMAT!r}: import the data again")
    return None
