"""Points grouped per map tile and zoom, so that a map view costs what is in view.

A city map of 250,000 works cannot send every work to every reader: the browser
would unpack and cluster them all before drawing anything. Instead the map asks
for the tiles of its view (the Web Mercator tiles of Leaflet and OpenStreetMap,
256 px, ``z/x/y``) and each tile carries its own works, grouped on a fixed grid of
``CELLS`` x ``CELLS`` cells: a cell holding one work gives that work, a cell
holding several gives one cluster with their count, the mean of their places and
their bounds. From ``MAX_CLUSTER_ZOOM + 1`` up every work comes on its own.

Why a grid rather than supercluster's greedy radius merge: a cell lies inside one
tile, so every point belongs to exactly one marker of one tile at every zoom.
The counts of the tiles of any area add up to the works in it, each tile is
computed alone (cacheable by URL, by a CDN too) and costs two binary searches
and a group-by over the works in the tile, whatever the city's size. The price
is that two markers in neighbouring cells can sit closer than two in one cell.

This module knows nothing of works or Flask: it takes longitudes, latitudes and
row numbers and gives back row numbers.
"""

from dataclasses import dataclass

import numpy as np

TILE_PX = 256
CELL_PX = 64
CELLS = TILE_PX // CELL_PX  # per side of a tile: 16 cells, at most 16 markers
MAX_CLUSTER_ZOOM = 16  # from zoom 17 (streets, ~1 m per px) every work is shown
MAX_ZOOM = 22
MAX_LATITUDE = 85.0511287798  # Web Mercator's square world


def to_mercator(lon, lat):
    """Longitude and latitude (degrees) as Web Mercator ``x, y`` in ``[0, 1]``, ``y`` down."""
    lon = np.asarray(lon, dtype=float)
    lat = np.clip(np.asarray(lat, dtype=float), -MAX_LATITUDE, MAX_LATITUDE)
    x = (lon + 180.0) / 360.0
    sin = np.sin(np.radians(lat))
    y = 0.5 - np.log((1 + sin) / (1 - sin)) / (4 * np.pi)
    return x, y


def tile_bounds(z, x, y):
    """``(west, south, east, north)`` in degrees of tile ``z/x/y``."""
    n = 2 ** z
    west, east = x / n * 360.0 - 180.0, (x + 1) / n * 360.0 - 180.0
    north = np.degrees(np.arctan(np.sinh(np.pi * (1 - 2 * y / n))))
    south = np.degrees(np.arctan(np.sinh(np.pi * (1 - 2 * (y + 1) / n))))
    return float(west), float(south), float(east), float(north)


def valid_tile(z, x, y):
    """Whether ``z/x/y`` names a tile this module serves."""
    return 0 <= z <= MAX_ZOOM and 0 <= x < 2 ** z and 0 <= y < 2 ** z


@dataclass(frozen=True)
class Tile:
    """What one tile shows.

    ``points``: the row numbers shown on their own, ascending, with their places
    ``point_lon`` and ``point_lat``. ``clusters``: one row per cluster, ``count``,
    ``lon``, ``lat`` (the mean of its points: inside its cell) and ``bounds``
    (``west, south, east, north`` of its points), ordered by cell.
    """

    points: np.ndarray
    point_lon: np.ndarray
    point_lat: np.ndarray
    counts: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    bounds: np.ndarray

    @property
    def total(self):
        return int(len(self.points) + self.counts.sum())


class PointGrid:
    """The points of one selection, sorted by longitude so a tile is two binary searches away.

    ``lon``, ``lat``: degrees (NaN where a row has no place: it is left out);
    ``rows``: what each point stands for (e.g. positions in the works frame).
    Holds two floats and a 4-byte row per point (~5 MB at 250,000): a tile's
    Mercator cells are computed for the points in it only.

    A tile takes the points with ``west <= lon < east`` and ``south < lat <= north``
    of :func:`tile_bounds`; neighbours compute their shared edge by one expression,
    so every point falls in exactly one tile of a zoom (the world's outer tiles
    reach past Web Mercator's edges, and the last column takes longitude 180).
    """

    def __init__(self, lon, lat, rows):
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        rows = np.asarray(rows)
        if len(rows) == 0 or (rows.min() >= 0 and rows.max() < 2**31):
            rows = rows.astype(np.int32)
        placed = np.isfinite(lon) & np.isfinite(lat)
        if not placed.all():  # (copies only when some rows have no place)
            lon, lat, rows = lon[placed], lat[placed], rows[placed]
        order = np.argsort(lon, kind="stable")
        self.lon, self.lat, self.rows = lon[order], lat[order], rows[order]

    def __len__(self):
        return len(self.rows)

    def tile(self, z, x, y, max_cluster_zoom=MAX_CLUSTER_ZOOM):
        """The :class:`Tile` ``z/x/y`` of these points."""
        if not valid_tile(z, x, y):
            raise ValueError(f"no tile {z}/{x}/{y}")
        n = 2 ** z
        west, south, east, north = tile_bounds(z, x, y)
        lo = np.searchsorted(self.lon, west, side="left")
        hi = len(self.lon) if x == n - 1 else np.searchsorted(self.lon, east, side="left")
        lats = self.lat[lo:hi]
        keep = np.ones(len(lats), dtype=bool)
        if y > 0:
            keep &= lats <= north
        if y < n - 1:
            keep &= lats > south
        inside = lo + np.flatnonzero(keep)
        if z > max_cluster_zoom or len(inside) == 0:
            return _points_only(self, inside)
        mx, my = to_mercator(self.lon[inside], self.lat[inside])
        cx = np.clip(((mx * n - x) * CELLS).astype(np.int64), 0, CELLS - 1)
        cy = np.clip(((my * n - y) * CELLS).astype(np.int64), 0, CELLS - 1)
        cell = cy * CELLS + cx
        order = np.argsort(cell, kind="stable")
        inside, cell = inside[order], cell[order]
        starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]])
        counts = np.diff(np.r_[starts, len(cell)])
        single = counts == 1
        lon, lat = self.lon[inside], self.lat[inside]
        # Sums and extremes over every cell's run, then the clusters' (cells of 2 or more) kept.
        sums_lon, sums_lat = np.add.reduceat(lon, starts), np.add.reduceat(lat, starts)
        bounds = np.column_stack([np.minimum.reduceat(lon, starts), np.minimum.reduceat(lat, starts),
                                  np.maximum.reduceat(lon, starts), np.maximum.reduceat(lat, starts)])
        many = ~single
        tile = _points_only(self, inside[starts[single]])
        return Tile(points=tile.points, point_lon=tile.point_lon, point_lat=tile.point_lat,
                    counts=counts[many], lon=sums_lon[many] / counts[many],
                    lat=sums_lat[many] / counts[many], bounds=bounds[many])


def _points_only(grid, found):
    """A tile of the points at ``found`` (indexes into ``grid``), each on its own, by row."""
    found = found[np.argsort(grid.rows[found], kind="stable")]
    return Tile(points=grid.rows[found], point_lon=grid.lon[found], point_lat=grid.lat[found],
                counts=np.empty(0, dtype=np.int64), lon=np.empty(0), lat=np.empty(0),
                bounds=np.empty((0, 4)))
