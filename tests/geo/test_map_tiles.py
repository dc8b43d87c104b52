"""geo.map_tiles: every point is in exactly one marker of one tile at every zoom."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.map_tiles import CELLS, MAX_CLUSTER_ZOOM, PointGrid, tile_bounds, to_mercator, valid_tile

CITY = (82.45, 49.85, 82.80, 50.05)  # lon/lat box around Öskemen


def random_points(seed, n, box=CITY):
    rng = np.random.default_rng(seed)
    lon = rng.uniform(box[0], box[2], n)
    lat = rng.uniform(box[1], box[3], n)
    return lon, lat


def tiles_over(box, z):
    x0, y0 = to_mercator(box[0], box[3])
    x1, y1 = to_mercator(box[2], box[1])
    n = 2 ** z
    return [(x, y) for x in range(int(x0 * n), int(x1 * n) + 1) for y in range(int(y0 * n), int(y1 * n) + 1)]


def markers_of(grid, z, box=CITY):
    """Every point row shown alone, and every cluster's count, over the tiles of ``box``."""
    points, counts = [], 0
    for x, y in tiles_over(box, z):
        tile = grid.tile(z, x, y)
        points.extend(tile.points.tolist())
        counts += int(tile.counts.sum())
        west, south, east, north = tile_bounds(z, x, y)
        # A cluster sits inside its tile, inside the bounds of its points.
        assert np.all((tile.lon >= west) & (tile.lon <= east) & (tile.lat >= south) & (tile.lat <= north))
        assert np.all((tile.bounds[:, 0] <= tile.lon) & (tile.lon <= tile.bounds[:, 2]))
        assert np.all((tile.bounds[:, 1] <= tile.lat) & (tile.lat <= tile.bounds[:, 3]))
        assert np.all(tile.counts >= 2) and len(tile.counts) + len(tile.points) <= CELLS * CELLS \
            or z > MAX_CLUSTER_ZOOM
    return points, counts


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(0, 400), z=st.integers(9, 18))
def test_counts_add_up_to_the_points_at_every_zoom(seed, n, z):
    lon, lat = random_points(seed, n)
    rows = np.arange(n) * 3 + 7  # any labels
    grid = PointGrid(lon, lat, rows)
    points, counts = markers_of(grid, z)
    assert len(points) == len(set(points))  # a point is never shown twice
    assert len(points) + counts == n


def test_points_without_a_place_are_left_out_and_the_rest_kept():
    lon = np.array([82.6, np.nan, 82.61, 82.62])
    lat = np.array([49.95, 49.95, np.nan, 49.96])
    grid = PointGrid(lon, lat, np.array([10, 11, 12, 13]))
    assert len(grid) == 2
    _, counts = markers_of(grid, 6)  # one cell is ~40 km
    points, _ = markers_of(grid, 18)
    assert counts == 2 and sorted(points) == [10, 13]


def test_from_beyond_the_cluster_zoom_every_point_is_its_own_marker():
    lon, lat = np.full(5, 82.6), np.full(5, 49.95)  # five works at one address
    grid = PointGrid(lon, lat, np.arange(5))
    points, counts = markers_of(grid, MAX_CLUSTER_ZOOM)
    assert points == [] and counts == 5
    points, counts = markers_of(grid, MAX_CLUSTER_ZOOM + 1)
    assert sorted(points) == [0, 1, 2, 3, 4] and counts == 0


def test_a_cluster_is_the_mean_of_its_points():
    grid = PointGrid(np.array([82.600, 82.602]), np.array([49.950, 49.952]), np.array([0, 1]))
    (x, y), = tiles_over((82.600, 49.950, 82.600, 49.950), 6)
    tile = grid.tile(6, x, y)
    assert tile.counts.tolist() == [2]
    assert tile.lon[0] == pytest.approx(82.601) and tile.lat[0] == pytest.approx(49.951)
    assert tile.bounds[0].tolist() == pytest.approx([82.600, 49.950, 82.602, 49.952])


@pytest.mark.parametrize("z, x, y", [(-1, 0, 0), (23, 0, 0), (3, 8, 0), (3, 0, -1)])
def test_tiles_outside_the_world_are_refused(z, x, y):
    assert not valid_tile(z, x, y)
    with pytest.raises(ValueError, match="no tile"):
        PointGrid(np.array([82.6]), np.array([49.95]), np.array([0])).tile(z, x, y)


def test_tile_bounds_match_the_mercator_grid():
    west, south, east, north = tile_bounds(11, 1493, 688)
    x0, y0 = to_mercator(west + 1e-9, north - 1e-9)
    x1, y1 = to_mercator(east - 1e-9, south + 1e-9)
    assert int(x0 * 2048) == int(x1 * 2048) == 1493 and int(y0 * 2048) == int(y1 * 2048) == 688


def test_points_on_tile_edges_and_past_mercator_are_in_exactly_one_tile():
    """Edges are computed once for two neighbours, so a point on one is in one tile; the
    world's outer tiles take longitude 180 and the poles beyond Web Mercator's square."""
    z = 4
    west, south, east, north = tile_bounds(z, 11, 5)
    lon = np.array([west, east, (west + east) / 2, (west + east) / 2, 180.0, -180.0, 10.0, 10.0])
    lat = np.array([(south + north) / 2, (south + north) / 2, north, south, 0.0, 0.0, 89.9, -89.9])
    grid = PointGrid(lon, lat, np.arange(len(lon)))
    found = {}
    for x in range(2 ** z):
        for y in range(2 ** z):
            for row in grid.tile(z, x, y, max_cluster_zoom=-1).points.tolist():
                assert row not in found, f"point {row} in {found[row]} and {(x, y)}"
                found[row] = (x, y)
    assert sorted(found) == list(range(len(lon)))
    assert found[0] == (11, 5) and found[1] == (12, 5)  # a west edge belongs to its tile
    assert found[2] == (11, 5) and found[3] == (11, 6)  # a north edge too
    assert found[4][0] == 2 ** z - 1 and found[5][0] == 0
    assert found[6][1] == 0 and found[7][1] == 2 ** z - 1


def test_a_tile_gives_each_point_with_its_own_place():
    lon, lat = random_points(7, 300)
    grid = PointGrid(lon, lat, np.arange(300))
    for x, y in tiles_over(CITY, MAX_CLUSTER_ZOOM + 1):
        tile = grid.tile(MAX_CLUSTER_ZOOM + 1, x, y)
        assert tile.point_lon.tolist() == lon[tile.points].tolist()
        assert tile.point_lat.tolist() == lat[tile.points].tolist()
