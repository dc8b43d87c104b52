"""Works near a point, filtered like every other list (no Flask)."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.select import Selection, select_works


@dataclass(frozen=True)
class NearResult:
    """The works within the radius, nearest first, and where the point lies."""

    lon: float
    lat: float
    radius_m: float
    works: object  # GeoDataFrame, in distance order
    distances_m: np.ndarray
    district_id: str | None


def works_near(dataset, lon, lat, radius_m, selection):
    """The selected works within ``radius_m`` of ``(lon, lat)``, nearest first."""
    hits = dataset.near.works_near(lon, lat, radius_m)
    ids, distances = hits["work_id"], np.asarray(hits["distance_m"], dtype=float)
    if selection == Selection():
        keep = np.ones(len(ids), dtype=bool)
    else:  # a hash lookup: np.isin on 100,000 object ids sorts them (seconds)
        keep = pd.Index(ids).isin(select_works(dataset, selection).index)
    works = dataset.works.loc[list(ids[keep])]
    return NearResult(lon, lat, radius_m, works, distances[keep], dataset.locator.district_at(lon, lat))
