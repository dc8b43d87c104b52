"""Which works, districts and needs a request selects: shared filters, bbox and period.

Shared by the JSON API, OGC API – Features and downloads, so that the same
query string selects the same features everywhere. Imports no Flask.

The period (OGC ``datetime``)
-----------------------------
A work lasts from its ``start`` to its ``finish`` date, both inclusive. A work
without ``start`` is taken to start on 1 January of its programme ``year``; a
work without ``finish`` is taken to be still going on (open end). A work
matches an instant when it lasts through that day, and an interval when the
two overlap; an open bound (``..``) matches everything on that side.
Timestamps are compared by their calendar date.

A need happens on the day it was raised (``raised_on``): it matches an instant
on that day and an interval holding that day. A need without a point is never
inside a bbox.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import shapely

from geo.needs import need_positions
from geo.select import Rows, work_positions
from web.snapshot import require_district


@dataclass(frozen=True)
class Period:
    """An inclusive range of dates; ``None`` is an open end."""

    start: date | None = None
    end: date | None = None


def select_work_ids(dataset, filters, period=None):
    """Ids of the works matching ``filters`` (incl. bbox) and ``period``, in Dataset order."""
    require_district(dataset, filters.district, param="district")
    works = dataset.works
    positions = work_positions(dataset, filters.selection,
                               among=_positions_in_bbox(works, filters.bbox))
    if period is not None and (period.start or period.end):
        positions = positions[_overlaps(Rows(works, positions), period)]
    return _ids_at(works, positions)


def select_need_ids(dataset, filters, period=None):
    """Ids of the needs matching ``filters`` (of :func:`web.params.parse_need_filters`,
    incl. bbox) and ``period`` (on ``raised_on``), in Dataset order."""
    require_district(dataset, filters.district, param="district")
    needs = dataset.needs
    positions = need_positions(dataset, filters.selection, filters.status_types or (),
                               filters.statuses or (),
                               among=_positions_in_bbox(needs, filters.bbox))
    if period is not None and (period.start or period.end):
        positions = positions[_raised_within(Rows(needs, positions), period)]
    return _ids_at(needs, positions)


def select_district_ids(dataset, filters):
    """Ids of the districts matching the ``district`` filter and bbox, in Dataset order."""
    require_district(dataset, filters.district, param="district")
    districts = dataset.districts
    ids = districts.index
    if filters.bbox is not None:
        ids = ids[_positions_in_bbox(districts, filters.bbox)]
    if filters.district is not None:
        ids = ids[ids == filters.district]
    return ids


def page(ids, limit, offset):
    """``ids[offset:offset + limit]`` and whether there are items before and after it."""
    chunk = ids[offset:offset + limit]
    return chunk, offset > 0, offset + len(chunk) < len(ids)


def _ids_at(frame, positions):
    """The ids at ascending ``positions``; all of them without a copy (~0.7 ms at 100,000)."""
    return frame.index if len(positions) == len(frame) else frame.index[positions]


def _positions_in_bbox(frame, bbox):
    """Ascending positions of the rows of ``frame`` whose geometry intersects ``bbox``
    (``None`` without a bbox): one query of the frame's spatial index, built once per
    Dataset, then only these rows are read."""
    if bbox is None:
        return None
    minlon, minlat, maxlon, maxlat = bbox
    if minlon <= maxlon:
        return np.sort(frame.sindex.query(shapely.box(minlon, minlat, maxlon, maxlat),
                                          predicate="intersects"))
    # The box crosses the antimeridian: its two halves, a row in both counted once.
    halves = [shapely.box(minlon, minlat, 180, maxlat), shapely.box(-180, minlat, maxlon, maxlat)]
    return np.unique(np.concatenate([frame.sindex.query(half, predicate="intersects")
                                     for half in halves]))


def _raised_within(rows, period):
    """Which of ``rows`` (:class:`geo.select.Rows` of the needs) were raised in ``period``."""
    raised = rows["raised_on"]
    mask = np.ones(len(rows), dtype=bool)
    if period.start is not None:
        mask &= (raised >= pd.Timestamp(period.start)).to_numpy()
    if period.end is not None:
        mask &= (raised <= pd.Timestamp(period.end)).to_numpy()
    return mask


def _overlaps(rows, period):
    """Which of ``rows`` (:class:`geo.select.Rows` of the works) last through ``period``."""
    start = rows["start"]
    missing = start.isna().to_numpy()
    if missing.any():  # 1 January of the programme year, for those rows only
        start = start.copy()
        start[missing] = pd.to_datetime(rows["year"][missing].astype(str) + "-01-01").to_numpy()
    finish = rows["finish"]
    mask = np.ones(len(rows), dtype=bool)
    if period.end is not None:
        mask &= (start <= pd.Timestamp(period.end)).to_numpy()
    if period.start is not None:
        mask &= (finish.isna() | (finish >= pd.Timestamp(period.start))).to_numpy()
    return mask
