import numpy as np
import pytest
from pyproj import Geod

from geo.dataset import load_dataset


@pytest.fixture
def dataset(tiny_folder):
    return load_dataset(tiny_folder)


def test_works_near_sorted_by_distance_then_id(dataset):
    found = dataset.near.works_near(82.605, 49.945, 1000)
    assert list(found["work_id"]) == ["p1", "road", "edge", "p2"]
    assert found["distance_m"].tolist()[:2] == [0.0, 0.0]


def test_radius_excludes_far_works_and_limit_keeps_nearest(dataset):
    assert list(dataset.near.works_near(82.605, 49.945, 500)["work_id"]) == ["p1", "road", "edge"]
    assert list(dataset.near.works_near(82.605, 49.945, 1000, limit=1)["work_id"]) == ["p1"]


def test_distances_within_half_a_percent_of_geodesic(dataset):
    geod = Geod(ellps="WGS84")
    works = dataset.works
    rng = np.random.default_rng(1)
    for lon, lat in zip(rng.uniform(82.59, 82.63, 20), rng.uniform(49.93, 49.96, 20)):
        found = dataset.near.works_near(lon, lat, 5000)
        for work_id, distance in zip(found["work_id"], found["distance_m"]):
            geom = works.loc[work_id].geometry
            if geom.geom_type != "Point":
                continue
            _, _, expected = geod.inv(lon, lat, geom.x, geom.y)
            assert distance == pytest.approx(expected, rel=0.005)


def test_bad_radius_is_refused(dataset):
    for radius in (0, -5, 10_001):
        with pytest.raises(ValueError, match="radius_m"):
            dataset.near.works_near(82.6, 49.9, radius)


def test_district_at_a_point(dataset):
    assert dataset.locator.district_at(82.615, 49.945) == "b"
    assert dataset.locator.district_at(82.61, 49.945) == "a"  # border: first id
    assert dataset.locator.district_at(83.0, 50.3) is None


def _brute_force_near(works, lon, lat, radius_m, metric_crs):
    """Every located work measured in a whole metric copy of the works (the index's contract)."""
    from pyproj import Transformer
    import shapely

    located = works[~(works.geometry.isna() | works.geometry.is_empty)]
    metric = located.geometry.to_crs(metric_crs).to_numpy()
    x, y = Transformer.from_crs("EPSG:4326", metric_crs, always_xy=True).transform(lon, lat)
    distances = shapely.distance(shapely.Point(x, y), metric)
    inside = distances <= radius_m
    ids, distances = located["id"].to_numpy()[inside], distances[inside]
    order = np.lexsort((ids.astype(str), distances))
    return list(ids[order]), distances[order].tolist()


def test_index_answers_as_a_whole_metric_copy_would():
    """Points found through the lon/lat tree and lines/polygons through their metric one
    give the same works, order and distances (to the bit) as measuring every work."""
    import geopandas as gpd
    import shapely

    from geo.near import NearIndex

    rng = np.random.default_rng(7)
    count = 3000
    lon, lat = rng.uniform(82.45, 82.80, count), rng.uniform(49.85, 50.02, count)
    geoms = list(shapely.points(lon, lat))
    for i in range(0, count, 10):  # long lines and polygons, whose edges curve in degrees
        geoms[i] = shapely.LineString([(lon[i], lat[i]), (lon[i] + 0.1, lat[i] + 0.03)])
    for i in range(5, count, 50):
        geoms[i] = shapely.box(lon[i], lat[i], lon[i] + 0.01, lat[i] + 0.005)
    geoms[1], geoms[2] = None, shapely.Point()  # not located: never found
    geoms[3] = geoms[4]  # two works at one place: ties broken by id
    works = gpd.GeoDataFrame({"id": [f"w{(i * 7919) % count:05d}" for i in range(count)]},
                             geometry=geoms, crs="EPSG:4326")
    index = NearIndex(works, "EPSG:32644")
    assert len(index) == count - 2
    for qlon, qlat, radius in zip(rng.uniform(82.44, 82.81, 60), rng.uniform(49.84, 50.03, 60),
                                  rng.choice([50, 300, 1000, 5000, 10_000], 60)):
        found = index.works_near(qlon, qlat, radius)
        ids, distances = _brute_force_near(works, qlon, qlat, radius, "EPSG:32644")
        assert list(found["work_id"]) == ids
        assert found["distance_m"].tolist() == distances
    assert list(index.works_near(*geoms[4].coords[0], 1)["work_id"]) == sorted(
        [works["id"][3], works["id"][4]])
