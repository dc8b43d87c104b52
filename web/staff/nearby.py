"""What lies near a submission: needs (to merge into) and works, nearest first."""

import numpy as np
import shapely

NEAR_RADIUS_M = 500


def needs_near(dataset, lon, lat, radius_m=NEAR_RADIUS_M, limit=30):
    """The placed needs within ``radius_m`` of ``(lon, lat)`` and their distances, nearest first."""
    needs = dataset.needs[dataset.needs.geometry.notna() & ~dataset.needs.geometry.is_empty]
    if not len(needs):
        return needs, np.array([])
    metric = needs.geometry.to_crs(dataset.city.metric_crs)
    point = shapely.Point(lon, lat)
    from geopandas import GeoSeries

    here = GeoSeries([point], crs=needs.crs).to_crs(dataset.city.metric_crs).iloc[0]
    distances = metric.distance(here).to_numpy()
    order = np.argsort(distances, kind="stable")
    order = order[distances[order] <= radius_m][:limit]
    return needs.iloc[order], distances[order]


def works_near(dataset, lon, lat, radius_m=NEAR_RADIUS_M, limit=30):
    hits = dataset.near.works_near(lon, lat, radius_m, limit=limit)
    return dataset.works.loc[list(hits["work_id"])], np.asarray(hits["distance_m"], dtype=float)
