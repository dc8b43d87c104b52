"""Warnings about needs that contradict the other layers (``okraina check`` shows them).

Linking a need to works never changes its status; where the two disagree the data
is kept as it is and a warning names the file, row and need:

- a ``met`` need whose linked works are not all ``done``;
- an open need (``open``, ``accepted``, ``scheduled``) whose linked works are all
  ``done`` or ``cancelled``;
- a need whose point lies outside its district;
- a ``work_ids`` entry that names no work;
- a need raised at a meeting (district, year, cycle) that ``meetings.csv`` lacks.
"""

import numpy as np
import pandas as pd
import shapely

NEEDS_NAME = "needs.csv"
_FINISHED = ("done", "cancelled")


def report_need_contradictions(needs, links, works, districts, meetings, log):
    """Log a warning for every contradiction listed in the module docstring.

    Parameters
    ----------
    needs : GeoDataFrame
        Validated needs (see :func:`geo.load_needs.validate_needs`).
    links : DataFrame
        ``need_id``, ``work_id``, ``known``: one row per ``work_ids`` entry.
    works : DataFrame
        The works with ``id`` and ``status``.
    districts : GeoDataFrame
        Indexed by district id.
    meetings : DataFrame
    log : ProblemLog
    """
    if needs.empty:
        return
    rows = dict(zip(needs["id"].tolist(), needs["source_row"].tolist()))
    for need_id, work_id in links.loc[~links["known"], ["need_id", "work_id"]].itertuples(
            index=False):
        _warn(log, rows, need_id, f"work_ids names {work_id!r}, which is no known work")
    _status_against_works(needs, links, works, rows, log)
    _points_outside(needs, districts, rows, log)
    _meetings_missing(needs, meetings, rows, log)


def _warn(log, rows, need_id, message):
    log.warning(NEEDS_NAME, message, row=int(rows[need_id]), id=need_id)


def _status_against_works(needs, links, works, rows, log):
    known = links[links["known"]]
    if known.empty:
        return
    # Plain lists: iterating a pandas string column costs ~1 µs per cell, 0.5 s at 100,000.
    work_status = known["work_id"].map(works.set_index("id")["status"]).tolist()
    need_type = known["need_id"].map(needs.set_index("id")["status_type"]).tolist()
    unfinished, linked = {}, {}  # need -> its works not done; need -> all done/cancelled?
    for need_id, work_id, status, kind in zip(known["need_id"].tolist(),
                                              known["work_id"].tolist(), work_status, need_type):
        if kind == "met" and status != "done":
            unfinished.setdefault(need_id, []).append(f"{work_id} ({status})")
        elif kind == "open":
            linked[need_id] = linked.get(need_id, True) and status in _FINISHED
    for need_id in sorted(unfinished, key=rows.get):
        _warn(log, rows, need_id, "the need is met but its linked work(s) are not all done: "
              + ", ".join(unfinished[need_id]))
    for need_id in sorted((n for n, finished in linked.items() if finished), key=rows.get):
        _warn(log, rows, need_id, "the need is still open but all its linked works are done "
              "or cancelled: update its status")


def _points_outside(needs, districts, rows, log):
    placed = needs[needs.geometry.notna() & needs["district_id"].isin(districts.index)]
    if placed.empty:
        return
    shapes = districts.geometry.loc[placed["district_id"]].to_numpy()
    inside = shapely.covers(shapes, placed.geometry.to_numpy())
    for need_id, district_id in placed.loc[~np.asarray(inside), ["id", "district_id"]].itertuples(
            index=False):
        _warn(log, rows, need_id, f"the need's point lies outside its district {district_id!r}")


def _meetings_missing(needs, meetings, rows, log):
    if meetings.empty:
        return  # a folder without meetings.csv is already told so, once
    held = pd.MultiIndex.from_frame(meetings[["district_id", "year", "cycle"]].astype(
        {"year": "int64", "cycle": "int64"}))
    asked = pd.MultiIndex.from_frame(needs[["district_id", "year", "cycle"]].astype(
        {"year": "int64", "cycle": "int64"}))
    missing = ~asked.isin(held)
    for need_id, district_id, year, cycle in needs.loc[
            missing, ["id", "district_id", "year", "cycle"]].itertuples(index=False):
        _warn(log, rows, need_id, f"raised at the cycle-{cycle} meeting of {year} in "
              f"{district_id!r}, which meetings.csv does not have")
