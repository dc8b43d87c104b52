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
