"""Loading residents' needs (``needs.csv``, or a store's ``needs`` table) into a typed frame.

The file is optional: a city without it has no needs. Field rules are those of
:data:`geo.validate.NEEDS` plus the rules that tie fields of one row together (a
known district, an answer where the status needs one, a whole point, dates in
order). Rows with errors are left out and reported; what depends on other layers
(works, meetings, district shapes) is checked later by :mod:`geo.needs_check`.
"""

import geopandas as gpd
import pandas as pd

from geo import read, validate, vocab

NEEDS_FILE = "needs.csv"
NEED_COLUMNS = [f.name for f in validate.NEEDS]
# The frame a Dataset keeps: lon/lat become the geometry, work_ids a tuple.
FRAME_COLUMNS = [c for c in NEED_COLUMNS if c not in ("lon", "lat")] + [
    "status_type", "source_row"]


def load_needs(folder, log, district_ids, notify=None):
    """Read and validate ``needs.csv`` of a data folder; no file means no needs.

    Parameters
    ----------
    folder : Path
    log : ProblemLog
    district_ids : iterable of str
        The valid districts' ids; a need on any other list is an error.
    notify : callable, optional
        Called with the file name when it is read.

    Returns
    -------
    GeoDataFrame
        As :func:`validate_needs` returns it (empty when there is no file).
    """
    path = folder / NEEDS_FILE
    if not path.exists():
        return empty_needs()
    if notify:
        notify(path.name)
    frame = read.read_table(path, log)
    if frame is None:
        return empty_needs()
    return validate_needs(frame, path.name, log, district_ids)


def validate_needs(frame, name, log, district_ids):
    """Validate raw needs rows read from any store.

    Parameters
    ----------
    frame : DataFrame
        Text columns as in ``needs.csv``, rows in stored order; a ``source_row``
        column, when present, is kept (a database keeps the CSV rows).
    name : str
        The file or table name used in problems.
    log : ProblemLog
    district_ids : iterable of str
        When empty (the districts could not be read, which is reported), needs
        are not checked against them, so one broken file is not told 1,000 times.

    Returns
    -------
    GeoDataFrame
        One row per valid need in EPSG:4326: the fields of DESIGN.md with
        ``year``/``cycle`` as int, dates as ``datetime64``, ``supporters`` as
        ``Int64``, ``work_ids`` a tuple of str (empty when none), ``status_type``
        (``open``/``met``/``closed``), ``source_row``, and a Point geometry, or
        ``None`` where the need has no place.
    """
    frame = frame.reset_index(drop=True)
    rows = frame.pop("source_row") if "source_row" in frame.columns else None
    frame = validate.validate_fields(frame, validate.NEEDS, name, log, id_field="id")
    frame["source_row"] = frame.index + 1 if rows is None else \
        pd.to_numeric(rows.loc[frame.index]).astype("int64")
    bad = _unknown_district(frame, name, log, set(district_ids))
    bad |= _missing_answer(frame, name, log)
    bad |= _half_point(frame, name, log)
    bad |= _dates_out_of_order(frame, name, log)
    return _typed(frame[~bad])


def _report(frame, mask, name, log, message):
    for pos in frame.index[mask]:
        row = frame.loc[pos]
        log.error(name, message(row), row=int(row["source_row"]), id=row["id"])
    return mask


def _unknown_district(frame, name, log, district_ids):
    mask = ~frame["district_id"].isin(district_ids) & bool(district_ids)
    return _report(frame, mask, name, log,
                   lambda row: f"district_id {row['district_id']!r} names no district")


def _missing_answer(frame, name, log):
    mask = frame["status"].isin(vocab.NEED_STATUSES_WITH_ANSWER) & \
        frame["answer_ru"].isna() & frame["answer_kk"].isna()
    return _report(frame, mask, name, log, lambda row: f"a {row['status']} need must carry "
                   "the akimat's answer (answer_ru, answer_kk)")


def _half_point(frame, name, log):
    mask = frame["lon"].isna() != frame["lat"].isna()
    return _report(frame, mask, name, log,
                   lambda row: "give both lon and lat for the need's site, or neither")


def _dates_out_of_order(frame, name, log):
    mask = frame["status_on"] < frame["raised_on"]
    return _report(frame, mask, name, log, lambda row: (
        f"status_on {row['status_on']:%Y-%m-%d} is before raised_on "
        f"{row['raised_on']:%Y-%m-%d}"))


# Columns whose few distinct values repeat on every row: one str object per value,
# as the works' loader does for PostGIS, so 100,000 needs do not hold 100,000 copies.
_REPEATED = ("district_id", "category", "status", "source", "answer_ru", "answer_kk")


def _typed(frame):
    frame = frame.copy()
    shared = {}
    for column in _REPEATED:
        frame[column] = frame[column].map(lambda v: shared.setdefault(v, v), na_action="ignore")
    frame["cycle"] = frame["cycle"].astype(int)
    frame["title_en"] = frame["title_en"].where(frame["title_en"].notna(), frame["title_ru"])
    frame["work_ids"] = frame["work_ids"].map(_work_id_tuple)
    frame["status_type"] = frame["status"].map(vocab.need_status_type)
    placed = frame["lon"].notna()
    geometry = gpd.GeoSeries([None] * len(frame), index=frame.index, crs=read.TARGET_CRS)
    geometry[placed] = gpd.points_from_xy(frame.loc[placed, "lon"], frame.loc[placed, "lat"])
    needs = gpd.GeoDataFrame(frame[FRAME_COLUMNS], geometry=geometry, crs=read.TARGET_CRS)
    return needs.reset_index(drop=True)


def _work_id_tuple(text):
    if text is None or text != text:
        return ()
    return tuple(dict.fromkeys(text.split()))  # in order, each once


def empty_needs():
    """A needs frame with no rows and every column, typed as :func:`validate_needs` types them."""
    from geo.problems import ProblemLog

    return validate_needs(pd.DataFrame(columns=NEED_COLUMNS), NEEDS_FILE, ProblemLog(), ())


def need_as_text(row):
    """One need of a frame :func:`validate_needs` returned, back to the text of ``needs.csv``.

    The inverse of the typing above (a missing ``title_en`` comes back as ``title_ru``,
    which the loader put there), so a need edited elsewhere is validated again by
    the same rules when it returns.
    """
    def text(value):
        if value is None or (not isinstance(value, (tuple, str)) and pd.isna(value)):
            return ""
        return str(value)

    point = row.get("geometry")
    placed = point is not None and not getattr(point, "is_empty", True)
    fields = {name: text(row.get(name)) for name in NEED_COLUMNS}
    fields.update(
        year=str(int(row["year"])), cycle=str(int(row["cycle"])),
        raised_on=f"{row['raised_on']:%Y-%m-%d}", status_on=f"{row['status_on']:%Y-%m-%d}",
        work_ids=" ".join(row.get("work_ids") or ()),
        lon=f"{point.x:.6f}" if placed else "", lat=f"{point.y:.6f}" if placed else "")
    return fields
