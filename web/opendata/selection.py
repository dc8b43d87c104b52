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

from geo.needs import select_needs
from geo.select import select_works
from web.snapshot import require_district


@dataclass(frozen=True)
class Period:
    """An inclusive range of dates; ``None`` is an open end."""

    start: date | None = None
    end: date | None = None


def select_work_ids(dataset, filters, period=None):
    """Ids of the works matching ``filters`` (incl. bbox) and ``period``, in Dataset order."""
    require_district(dataset, filters.district, param="district")
    works = select_works(dataset, filters.selection)
    if filters.bbox is not None:
        works = works[works.index.isin(_ids_in_bbox(dataset.works, filters.bbox))]
    if period is not None and (period.start or period.end):
        works = works[_overlaps(works, period)]
    return works.index


def select_need_ids(dataset, filters, period=None):
    """Ids of the needs matching ``filters`` (of :func:`web.params.parse_need_filters`,
    incl. bbox) and ``period`` (on ``raised_on``), in Dataset order."""
    require_district(dataset, filters.district, param="district")
    needs = select_needs(dataset, filters.selection, status_types=filters.status_types or (),
                         statuses=filters.statuses or ())
    if filters.bbox is not None:
        needs = needs[needs.index.isin(_ids_in_bbox(dataset.needs, filters.bbox))]
    if period is not None and period.start is not None:
        needs = needs[needs["raised_on"] >= pd.Timestamp(period.start)]
    if period is not None and period.end is not None:
        needs = needs[needs["raised_on"] <= pd.Timestamp(period.end)]
    return needs.index


def select_district_ids(dataset, filters):
    """Ids of the districts matching the ``district`` filter and bbox, in Dataset order."""
    require_district(dataset, filters.district, param="district")
    districts = dataset.districts
    ids = districts.index
    if filters.district is not None:
        ids = ids[ids == filters.district]
    if filters.bbox is not None:
        ids = ids[ids.isin(_ids_in_bbox(districts, filters.bbox))]
    return ids


def page(ids, limit, offset):
    """``ids[offset:offset + limit]`` and whether there are items before and after it."""
    chunk = ids[offset:offset + limit]
    return chunk, offset > 0, offset + len(chunk) < len(ids)


def _ids_in_bbox(frame, bbox):
    minlon, minlat, maxlon, maxlat = bbox
    if minlon <= maxlon:
        boxes = [shapely.box(minlon, minlat, maxlon, maxlat)]
    else:  # the box crosses the antimeridian: its two halves
        boxes = [shapely.box(minlon, minlat, 180, maxlat), shapely.box(-180, minlat, maxlon, maxlat)]
    positions = np.unique(np.concatenate([
        frame.sindex.query(box, predicate="intersects") for box in boxes]))
    return frame.index[positions]


def _overlaps(works, period):
    start = works["start"].fillna(pd.to_datetime(works["year"].astype(str) + "-01-01"))
    finish = works["finish"]
    mask = pd.Series(True, index=works.index)
    if period.end is not None:
        mask &= start <= pd.Timestamp(period.end)
    if period.start is not None:
        mask &= finish.isna() | (finish >= pd.Timestamp(period.start))
    return mask.to_numpy()
