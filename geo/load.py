"""Loading a data folder: find the files, read them, validate every layer.

The result is a :class:`Layers` of clean, typed frames plus every problem found.
Rows with errors are left out of the frames (and reported), so that a summary
can still be computed for a folder with errors; :mod:`geo.dataset` refuses to
serve such a folder.
"""

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import read, validate
from geo.city import CityConfig
from geo.load_needs import NEEDS_FILE, empty_needs, load_needs
from geo.problems import ProblemLog

DISTRICT_COLUMNS = [f.name for f in validate.DISTRICTS]
WORK_COLUMNS = [f.name for f in validate.WORKS]
FUNDING_COLUMNS = [f.name for f in validate.FUNDING]
MEETING_COLUMNS = [f.name for f in validate.MEETINGS]


@dataclass(frozen=True)
class Layers:
    """The validated layers of one data folder (all geometries in EPSG:4326)."""

    districts: gpd.GeoDataFrame
    works: gpd.GeoDataFrame
    funding: pd.DataFrame
    meetings: pd.DataFrame
    sources: tuple  # the files read, for the dataset's version
    needs: gpd.GeoDataFrame = None  # None: no needs (see geo.load_needs)


def load_layers(folder, city=None, log=None, *, crs=None, progress=None):
    """Read and validate every layer of a data folder.

    Parameters
    ----------
    folder : str or Path
        A folder with ``districts.*``, ``works*.*``, ``funding.csv``,
        ``meetings.csv`` and optionally ``needs.csv`` (see DESIGN.md for the fields).
    city : CityConfig, optional
        Extent and encoding hints; defaults to :class:`CityConfig`.
    log : ProblemLog, optional
        Receives the problems; a new one is made when omitted.
    crs : str, optional
        CRS to assume for layers that have none.
    progress : callable, optional
        Called with the name of each file as it is read.

    Returns
    -------
    Layers
    """
    folder = Path(folder)
    city = city or CityConfig()
    log = log if log is not None else ProblemLog()
    notify = progress or (lambda name: None)
    if not folder.is_dir():
        log.error(str(folder), "the data folder does not exist")
        return _empty_layers()
    options = {"encoding": city.encoding, "crs": crs, "extent": city.extent}
    districts, district_files = _load_districts(folder, log, options, notify)
    works, work_files = _load_works(folder, log, options, notify)
    funding = _load_table(folder / "funding.csv", validate.FUNDING, "record_id", log, notify)
    meetings = _load_table(folder / "meetings.csv", validate.MEETINGS, None, log, notify,
                           required=False)
    needs = load_needs(folder, log, districts["id"], notify)
    sources = tuple(district_files + work_files + [
        p for p in (folder / "funding.csv", folder / "meetings.csv", folder / NEEDS_FILE,
                    folder / "city.json")
        if p.exists()])
    return Layers(districts, works, funding, meetings, sources, needs)


def _load_districts(folder, log, options, notify):
    files = [p for p in read.find_layer_files(folder, "districts")]
    if not files:
        log.error(folder.name or str(folder), "no districts file (districts.shp, .gpkg or .geojson)")
        return _empty_frame(DISTRICT_COLUMNS), []
    if len(files) > 1:
        log.error(files[1].name, f"more than one districts file: {', '.join(p.name for p in files)}")
    path = files[0]
    notify(path.name)
    frame = read.read_vector(path, log, **options)
    if frame is None:
        return _empty_frame(DISTRICT_COLUMNS), [path]
    return validate_districts(frame, path.name, log), [path]


def validate_districts(frame, name, log):
    """Validate a raw districts frame (EPSG:4326) read from any store.

    Parameters
    ----------
    frame : GeoDataFrame
        The rows in their stored order (row numbers in problems count from 1).
    name : str
        The file or table name used in problems.
    log : ProblemLog

    Returns
    -------
    GeoDataFrame
        The valid districts with typed columns, as :func:`load_layers` makes them.
    """
    frame = frame.reset_index(drop=True)
    frame = _check_geometry(frame, name, log, polygonal=True, id_field="id")
    frame = validate.validate_fields(frame, validate.DISTRICTS, name, log, id_field="id")
    frame["population"] = frame["population"].astype("int64")
    _fill_names(frame, "name")
    return _finish(frame, DISTRICT_COLUMNS)


def _load_works(folder, log, options, notify):
    files = read.find_layer_files(folder, "works")
    if not files:
        log.error(folder.name or str(folder), "no works file (works*.shp, .gpkg or .geojson)")
        return _empty_frame(WORK_COLUMNS + ["source_file"]), []
    parts = []
    for path in files:
        notify(path.name)
        frame = read.read_vector(path, log, **options)
        if frame is not None:
            parts.append((path.name, frame))
    return validate_works(parts, log), files


def validate_works(parts, log):
    """Validate raw works frames (EPSG:4326) read from any store and concatenate them.

    Parameters
    ----------
    parts : list of (str, GeoDataFrame)
        ``(file name, raw rows)`` in order; an id may appear in one part only.
        A part may carry ``source_file`` and ``source_row`` columns naming where
        each row was first read (a database keeps them from the import); they
        are then used in problems and kept.
    log : ProblemLog

    Returns
    -------
    GeoDataFrame
        The valid works with typed columns, as :func:`load_layers` makes them.
    """
    checked = [_validate_work_part(name, frame, log) for name, frame in parts]
    if not checked:
        return _empty_frame(WORK_COLUMNS + ["source_file", "source_row"])
    works = pd.concat(checked, ignore_index=True)
    works = _drop_duplicates_across_files(works, log)
    _check_work_dates(works, log)
    _fill_names(works, "title")
    return _finish(works, WORK_COLUMNS + ["source_file", "source_row"])


def _validate_work_part(name, frame, log):
    frame = frame.reset_index(drop=True)
    origin = {c: frame.pop(c) for c in ("source_file", "source_row") if c in frame.columns}
    frame = _check_geometry(frame, name, log, polygonal=False, id_field="id")
    frame = validate.validate_fields(frame, validate.WORKS, name, log, id_field="id")
    frame["source_file"] = origin["source_file"].loc[frame.index] if origin else name
    frame["source_row"] = origin["source_row"].loc[frame.index].astype("int64") if origin \
        else frame.index + 1
    return frame


def _drop_duplicates_across_files(works, log):
    duplicated = works["id"].duplicated(keep="first")
    for pos in works.index[duplicated]:
        row = works.loc[pos]
        first = works.loc[works["id"] == row["id"]].iloc[0]
        log.error(row["source_file"], f"duplicate id {row['id']!r} (first used in "
                  f"{first['source_file']}, row {first['source_row']})",
                  row=int(row["source_row"]), id=row["id"])
    return works[~duplicated] if duplicated.any() else works


def _check_work_dates(works, log):
    reversed_dates = works["start"].notna() & works["finish"].notna() & \
        (works["finish"] < works["start"])
    for pos in works.index[reversed_dates]:
        row = works.loc[pos]
        log.warning(row["source_file"], "finish is before start", row=int(row["source_row"]),
                    id=row["id"])
    done_early = (works["status"] == "done") & works["progress"].notna() & \
        (works["progress"] < 100)
    for pos in works.index[done_early]:
        row = works.loc[pos]
        log.warning(row["source_file"], f"status is done but progress is {row['progress']}%",
                    row=int(row["source_row"]), id=row["id"])


def _check_geometry(frame, name, log, *, polygonal, id_field):
    ids = frame[id_field] if id_field in frame.columns else None
    geoms = frame.geometry
    missing = geoms.isna() | geoms.is_empty
    for pos in missing[missing].index:
        who = None if ids is None else ids.loc[pos]
        if polygonal:
            log.error(name, "the geometry is empty or missing", row=pos + 1, id=who)
        else:
            log.warning(name, "the geometry is empty or missing: the work is kept but not "
                        "placed in any district", row=pos + 1, id=who)
    allowed = {"Polygon", "MultiPolygon"} if polygonal else {
        "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
    wrong = ~missing & ~geoms.geom_type.isin(allowed)
    for pos in wrong[wrong].index:
        log.error(name, f"a {geoms.loc[pos].geom_type} is not allowed here "
                  f"(expected {' or '.join(sorted(allowed))})", row=pos + 1,
                  id=None if ids is None else ids.loc[pos])
    frame = read.repair_geometries(frame, name, log, polygonal=polygonal, ids=ids)
    drop = wrong | (missing if polygonal else False)
    if polygonal:
        emptied = ~missing & frame.geometry.is_empty
        for pos in emptied[emptied].index:
            log.error(name, "the geometry has no area left after repair", row=pos + 1,
                      id=None if ids is None else ids.loc[pos])
        drop = drop | emptied
    else:
        frame.loc[missing, "geometry"] = None
    return frame[~drop]


def _load_table(path, schema, id_field, log, notify, required=True):
    columns = [f.name for f in schema]
    if not path.exists():
        if required:
            log.error(path.name, "the file is missing")
        else:
            log.warning(path.name, "the file is missing: no meetings will be shown")
        return pd.DataFrame(columns=columns + ["source_row"])
    notify(path.name)
    frame = read.read_table(path, log)
    if frame is None:
        return pd.DataFrame(columns=columns + ["source_row"])
    return validate_table(frame, schema, path.name, log, id_field=id_field)


def validate_table(frame, schema, name, log, *, id_field=None):
    """Validate a raw funding or meetings table read from any store.

    Parameters
    ----------
    frame : DataFrame
        The rows in their stored order; a ``source_row`` column, when present,
        is kept (a database keeps the CSV row numbers from the import).
    schema : tuple of geo.validate.Field
        ``validate.FUNDING`` or ``validate.MEETINGS``.
    name : str
        The file or table name used in problems.
    log : ProblemLog
    id_field : str, optional
        The column naming each row in problems (``record_id`` for funding).

    Returns
    -------
    DataFrame
        The valid rows with typed columns and ``source_row``.
    """
    columns = [f.name for f in schema]
    frame = frame.reset_index(drop=True)
    rows = frame.pop("source_row") if "source_row" in frame.columns else None
    frame = validate.validate_fields(frame, schema, name, log, id_field=id_field)
    frame["source_row"] = frame.index + 1 if rows is None else rows.loc[frame.index].astype("int64")
    frame = frame[columns + ["source_row"]].reset_index(drop=True)
    if schema is validate.MEETINGS and not frame.empty:
        frame["cycle"] = frame["cycle"].astype(int)
    return frame


def _fill_names(frame, prefix):
    """Kazakh and English names fall back to Russian when empty."""
    for lang in ("kk", "en"):
        column = f"{prefix}_{lang}"
        frame[column] = frame[column].where(frame[column].notna(), frame[f"{prefix}_ru"])


def _finish(frame, columns):
    frame = gpd.GeoDataFrame(frame[columns + ["geometry"]], geometry="geometry", crs=read.TARGET_CRS)
    return frame.reset_index(drop=True)


def _empty_frame(columns):
    return gpd.GeoDataFrame({c: [] for c in columns}, geometry=[], crs=read.TARGET_CRS)


def _empty_layers():
    return Layers(_empty_frame(DISTRICT_COLUMNS), _empty_frame(WORK_COLUMNS + ["source_file"]),
                  pd.DataFrame(columns=FUNDING_COLUMNS), pd.DataFrame(columns=MEETING_COLUMNS), (),
                  empty_needs())
