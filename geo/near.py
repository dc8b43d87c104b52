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
    """Works within a radius of a point, measured in metres in the city's metric CRS.

    Point works, nearly all of a city's, keep only their metric ``x, y`` (16 bytes
    each) and are found through the works' own lon/lat tree (GeoPandas'
    ``works.sindex``, which the bounding-box routes use too). A copy of every
    geometry in metres and a second tree over them held ~80 MiB at 250,000 works.
    Lines and polygons keep their metric geometry and a tree of their own: a
    straight edge in metres is not the straight edge in degrees, so only the metric
    geometry measures them exactly. Every distance is GEOS's, between the same
    metric geometries as a whole metric copy would hold.

    Parameters
    ----------
    works : GeoDataFrame
        Works in EPSG:4326 with an ``id`` column; works without a geometry are
        left out of the index.
    metric_crs : str
        The projected CRS in metres used for distances.
    """

    def __init__(self, works, metric_crs):
        geoms = works.geometry.to_numpy()
        located = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        points = located & (shapely.get_type_id(geoms) == shapely.GeometryType.POINT)
        self._to_metric = Transformer.from_crs("EPSG:4326", metric_crs, always_xy=True)
        self._to_lonlat = Transformer.from_crs(metric_crs, "EPSG:4326", always_xy=True)
        self._ids = works["id"].to_numpy(dtype=object)
        self._id_rank = np.argsort(np.argsort(self._ids.astype(str), kind="stable")).astype(
            np.int32)
        self._is_point = points
        lonlat = shapely.get_coordinates(geoms[points])
        x, y = self._to_metric.transform(lonlat[:, 0], lonlat[:, 1])
        self._x = np.full(len(geoms), np.nan)
        self._y = np.full(len(geoms), np.nan)
        self._x[points], self._y[points] = x, y
        self._lonlat_tree = works.sindex if points.any() else None
        self._shaped = np.flatnonzero(located & ~points)
        self._shaped_geoms = shapely.transform(
            geoms[self._shaped], lambda c: np.column_stack(self._to_metric.transform(c[:, 0],
                                                                                      c[:, 1])))
        self._shaped_tree = STRtree(self._shaped_geoms)
        self._count = int(located.sum())

    def __len__(self):
        return self._count

    @property
    def id_ranks(self):
        """Each work's rank (int32, in the works' order) when the works are sorted by id."""
        return self._id_rank

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
        box = (x - radius_m, y - radius_m, x + radius_m, y + radius_m)
        centre = shapely.Point(x, y)
        points = self._points_in(box)
        # What GEOS computes between two points, sqrt(dx * dx + dy * dy), to the bit
        # (a test holds it to GEOS), without making a Point of each candidate.
        dx, dy = self._x[points] - x, self._y[points] - y
        point_distances = np.sqrt(dx * dx + dy * dy)
        shaped = self._shaped_tree.query(shapely.box(*box))
        shaped_distances = shapely.distance(centre, self._shaped_geoms[shaped])
        candidates = np.concatenate([points, self._shaped[shaped]])
        distances = np.concatenate([point_distances, shaped_distances])
        inside = distances <= radius_m
        hits, distances = candidates[inside], distances[inside]
        # Ranks follow the works' ids, so sorting on them breaks ties by id.
        order = np.lexsort((self._id_rank[hits], distances))[:limit]
        return {"work_id": self._ids[hits[order]], "distance_m": distances[order]}

    def _points_in(self, box):
        """Positions of the point works whose metric ``x, y`` lie in ``box`` (metres)."""
        if self._lonlat_tree is None:
            return np.empty(0, dtype=np.intp)
        # The box in degrees: its edges sampled (a metric edge is curved in degrees)
        # and a metre more on every side, so no point of the metric box is outside.
        pad = 1.0
        lonlat = self._to_lonlat.transform_bounds(box[0] - pad, box[1] - pad, box[2] + pad,
                                                  box[3] + pad, densify_pts=21)
        candidates = self._lonlat_tree.query(shapely.box(*lonlat))
        candidates = candidates[self._is_point[candidates]]
        x, y = self._x[candidates], self._y[candidates]
        keep = (x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3])
        return candidates[keep]


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
