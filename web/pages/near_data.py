"""Works near a point, filtered like every other list (no Flask)."""

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from geo.select import Selection, select_works


@dataclass(frozen=True)
class NearResult:
    """The works within the radius, nearest first, and where the point lies."""

    lon: float
    lat: float
    radius_m: float
    ids: np.ndarray  # the works' ids, in distance order
    distances_m: np.ndarray
    district_id: str | None
    dataset: object = field(repr=False, compare=False)

    @cached_property
    def works(self):
        """The works as a GeoDataFrame, in distance order (built only where a route reads
        their columns: ``/api/near`` answers from the serialised Features and the ids)."""
        return self.dataset.works.loc[list(self.ids)]


def works_near(dataset, lon, lat, radius_m, selection):
    """The selected works within ``radius_m`` of ``(lon, lat)``, nearest first."""
    hits = dataset.near.works_near(lon, lat, radius_m)
    ids, distances = hits["work_id"], np.asarray(hits["distance_m"], dtype=float)
    if selection != Selection():
        # A hash lookup: np.isin on 100,000 object ids sorts them (seconds).
        keep = pd.Index(ids).isin(select_works(dataset, selection).index)
        ids, distances = ids[keep], distances[keep]
    return NearResult(lon, lat, radius_m, ids, distances, dataset.locator.district_at(lon, lat),
                      dataset)
