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

    ``points``: the row numbers shown on their own, ascending. ``clusters``: one row
    per cluster, ``count``, ``lon``, ``lat`` (the mean of its points: inside its
    cell) and ``bounds`` (``west, south, east, north`` of its points), ordered by cell.
    """

    points: np.ndarray
    counts: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    bounds: np.ndarray

    @property
    def total(self):
        return int(len(self.points) + self.counts.sum())


class PointGrid:
    """The points of one selection, sorted along ``x`` so a tile is two binary searches away.

    ``lon``, ``lat``: degrees (NaN where a row has no place: it is left out);
    ``rows``: what each point stands for (e.g. positions in the works frame).
    Holds 5 floats or ints per point: ~10 MB at 250,000.
    """

    def __init__(self, lon, lat, rows):
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        rows = np.asarray(rows)
        placed = np.isfinite(lon) & np.isfinite(lat)
        lon, lat, rows = lon[placed], lat[placed], rows[placed]
        x, y = to_mercator(lon, lat)
        order = np.argsort(x, kind="stable")
        self.x, self.y = x[order], y[order]
        self.lon, self.lat, self.rows = lon[order], lat[order], rows[order]

    def __len__(self):
        return len(self.rows)

    def tile(self, z, x, y, max_cluster_zoom=MAX_CLUSTER_ZOOM):
        """The :class:`Tile` ``z/x/y`` of these points."""
        if not valid_tile(z, x, y):
            raise ValueError(f"no tile {z}/{x}/{y}")
        n = 2 ** z
        lo, hi = np.searchsorted(self.x, [x / n, (x + 1) / n], side="left")
        ys = self.y[lo:hi]
        inside = lo + np.flatnonzero((ys >= y / n) & (ys < (y + 1) / n))
        if z > max_cluster_zoom or len(inside) == 0:
            return _points_only(np.sort(self.rows[inside]))
        cx = np.clip(((self.x[inside] * n - x) * CELLS).astype(np.int64), 0, CELLS - 1)
        cy = np.clip(((self.y[inside] * n - y) * CELLS).astype(np.int64), 0, CELLS - 1)
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
        return Tile(points=np.sort(self.rows[inside[starts[single]]]), counts=counts[many],
                    lon=sums_lon[many] / counts[many], lat=sums_lat[many] / counts[many],
                    bounds=bounds[many])


def _points_only(rows):
    return Tile(points=rows, counts=np.empty(0, dtype=np.int64), lon=np.empty(0), lat=np.empty(0),
                bounds=np.empty((0, 4)))
