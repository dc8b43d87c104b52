"""The near-me index: works within a radius of a point, and the district at a point.

Distances are planar in the city's metric CRS (a UTM zone), which for a city a
few tens of kilometres across stays within a small fraction of a percent of the
geodesic distance; a test compares them with ``pyproj.Geod``.
"""

import numpy as np
import shapely
from pyproj import Transformer
from shapely import STRtree

MAX_RADIUS_M = 10_000


class NearIndex:
    """An ``STRtree`` over the works' geometries in metres.

    Parameters
    ----------
    works : GeoDataFrame
        Works in EPSG:4326 with an ``id`` column; works without a geometry are
        left out of the index.
    metric_crs : str
        The projected CRS in metres used for distances.
    """

    def __init__(self, works, metric_crs):
        located = works[works.geometry.notna() & ~works.geometry.is_empty]
        metric = located.geometry.to_crs(metric_crs)
        self._ids = located["id"].to_numpy(dtype=object)
        self._id_rank = np.argsort(np.argsort(self._ids.astype(str), kind="stable"))
        self._geoms = metric.to_numpy()
        self._tree = STRtree(self._geoms)
        self._to_metric = Transformer.from_crs("EPSG:4326", metric_crs, always_xy=True)

    def __len__(self):
        return len(self._ids)

    def works_near(self, lon, lat, radius_m, limit=None):
        """Works within ``radius_m`` metres of ``(lon, lat)``, nearest first.

        Parameters
        ----------
        lon, lat : float
            The point in EPSG:4326.
        radius_m : float
            The search radius in metres, 0 < radius_m <= 10,000.
        limit : int, optional
            Keep only the nearest ``limit`` works.

        Returns
        -------
        dict
            ``{"work_id": array, "distance_m": array}``, sorted by distance then
            id (plain arrays: a query must stay well under a millisecond).
        """
        if not 0 < radius_m <= MAX_RADIUS_M:
            raise ValueError(f"radius_m must be in (0, {MAX_RADIUS_M}], got {radius_m}")
        x, y = self._to_metric.transform(lon, lat)
        if not (np.isfinite(x) and np.isfinite(y)):
            raise ValueError(f"({lon}, {lat}) cannot be projected to the metric CRS")
        # A box query is cheaper than "dwithin"; the exact distance filters after.
        candidates = self._tree.query(shapely.box(x - radius_m, y - radius_m,
                                                  x + radius_m, y + radius_m))
        distances = shapely.distance(shapely.Point(x, y), self._geoms[candidates])
        inside = distances <= radius_m
        hits, distances = candidates[inside], distances[inside]
        # Ranks follow the works' ids, so sorting on them breaks ties by id.
        order = np.lexsort((self._id_rank[hits], distances))[:limit]
        return {"work_id": self._ids[hits[order]], "distance_m": distances[order]}


class DistrictLocator:
    """Which district contains a point (the first id on a shared border)."""

    def __init__(self, districts):
        self._ids = districts["id"].to_numpy(dtype=object)
        self._geoms = districts.geometry.to_numpy()
        self._tree = STRtree(self._geoms)

    def district_at(self, lon, lat):
        """The id of the district containing ``(lon, lat)``, or ``None``."""
        hits = self._tree.query(shapely.Point(lon, lat), predicate="intersects")
        if len(hits) == 0:
            return None
        return sorted(self._ids[hits])[0]
