"""Synthetic cities for benchmarks: many districts and many works over one extent."""

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

EXTENT = (82.45, 49.85, 82.80, 50.02)  # lon/lat box around Öskemen's built-up area
CATEGORIES = ("roads", "lighting", "water", "landscaping", "playground", "social")
STATUSES = ("planned", "in_progress", "done", "postponed")


def districts(count, seed=0):
    """``count`` Voronoi cells of random seeds, clipped to the extent (EPSG:4326)."""
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = EXTENT
    seeds = shapely.points(rng.uniform(minx, maxx, count), rng.uniform(miny, maxy, count))
    frame = shapely.box(*EXTENT)
    cells = shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=frame)
    cells = shapely.intersection(np.asarray(cells.geoms), frame)
    return gpd.GeoDataFrame({
        "id": [f"d{i:04d}" for i in range(len(cells))],
        "name_ru": [f"Район {i}" for i in range(len(cells))],
        "kind": ["center" if i < 5 else "microdistrict" for i in range(len(cells))],
        "population": rng.integers(500, 20_000, len(cells)),
    }, geometry=cells, crs="EPSG:4326")


def bbox_of_about(count, wanted):
    """A box in the middle of :data:`EXTENT` holding about ``wanted`` of ``count`` points
    spread uniformly over it, as ``(minlon, minlat, maxlon, maxlat)``."""
    minx, miny, maxx, maxy = EXTENT
    side = (wanted / count) ** 0.5
    cx, cy, w, h = (minx + maxx) / 2, (miny + maxy) / 2, (maxx - minx) * side, (maxy - miny) * side
    return tuple(round(v, 5) for v in (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))


def point_works(count, seed=1):
    """``count`` point works spread uniformly over the extent (EPSG:4326)."""
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = EXTENT
    return gpd.GeoDataFrame({
        "id": [f"w{i:07d}" for i in range(count)],
        "title_ru": [f"Работа {i}" for i in range(count)],
        "category": rng.choice(CATEGORIES, count),
        "status": rng.choice(STATUSES, count),
        "year": rng.integers(2022, 2025, count),
    }, geometry=shapely.points(rng.uniform(minx, maxx, count), rng.uniform(miny, maxy, count)),
        crs="EPSG:4326")


def funding_for(works, seed=2):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "record_id": [f"f{i:07d}" for i in range(len(works))],
        "work_id": works["id"].to_numpy(),
        "year": works["year"].to_numpy(),
        "source": "city",
        "amount_kzt": rng.integers(1_000_000, 100_000_000, len(works)),
    })
