"""The GeoJSON serialiser: RFC 7946 geometry, properties, the per-Dataset cache."""

import json

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon

from geo import load_dataset
from tests.geo import tiny
from tests.web.rfc7946 import check_feature, check_feature_collection
from web.opendata import geojson


def test_rings_follow_the_right_hand_rule_and_coordinates_are_rounded():
    clockwise = Polygon([(0, 0), (0, 1), (1, 1), (1, 0)],
                        holes=[[(0.2, 0.2), (0.4, 0.2), (0.4, 0.4), (0.2, 0.4)]])
    point = shapely.Point(82.123456789, 49.987654321)
    polygon_json, point_json, empty_json, missing_json = geojson.geometry_json(
        [clockwise, point, shapely.Point(), None])
    check_feature({"type": "Feature", "id": "x", "properties": {},
                   "geometry": json.loads(polygon_json)})
    assert json.loads(point_json)["coordinates"] == [82.1234568, 49.9876543]
    assert empty_json == missing_json == "null"


def test_every_work_is_serialised_once_per_dataset(tmp_path):
    dataset = load_dataset(tiny.write_city(tmp_path / "city"))
    features = geojson.work_features(dataset)
    assert geojson.work_features(dataset) is features
    assert list(features.index) == list(dataset.works.index) and len(features) == 5
    assert "road" in features and "nothing" not in features
    road = json.loads(features["road"])
    assert road["geometry"] == {"type": "LineString",
                                "coordinates": [[82.605, 49.945], [82.615, 49.945]]}
    assert road["properties"]["district_ids"] == ["a", "b"]
    assert road["properties"]["start"] == "2023-04-01"
    assert road["properties"]["funding_kzt"] == 1001
    assert [json.loads(f)["id"] for f in features.take(["road", dataset.works.index[0]])] == [
        "road", dataset.works.index[0]]
    document = json.loads(geojson.feature_collection(features.take(dataset.works.index),
                                                     numberMatched=5))
    assert document["numberMatched"] == 5
    assert len(check_feature_collection(document)) == 5


def test_features_are_the_same_whatever_the_build_chunks(tmp_path):
    dataset = load_dataset(tiny.write_city(tmp_path / "city"))
    whole = geojson._build_work_features(dataset)
    for size in (1, 2, 3):
        table = geojson._build_work_features(dataset, chunk_size=size)
        assert table.take(dataset.works.index) == whole.take(dataset.works.index)
    ids = list(dataset.works.index)
    assert [whole[i] for i in ids] == whole.take(ids) and whole.take([]) == []
    # Cyrillic and Kazakh letters survive the UTF-8 buffer.
    titles = [json.loads(f)["properties"]["title_kk"] for f in whole.take(ids)]
    assert titles == [t if t == t else None for t in dataset.works["title_kk"]]
    with pytest.raises(KeyError, match="nothing"):
        whole.take(["road", "nothing"])


@pytest.mark.parametrize("deflate", [True, False])
def test_a_number_spliced_into_stored_features_is_what_serialising_it_writes(deflate):
    ids = ["a", "b", "c", "d"]
    properties = {"a": {"title": "Жол «%s» </script>"}, "b": {"n": None, "list": ["x", 1]},
                  "c": {"nested": {"k": "}}"}}, "d": {"t": "%(x)s \u202e"}}
    table = geojson.FeatureTable(pd.Index(ids), [[
        geojson.feature_json(i, '{"type":"Point","coordinates":[82.6,49.9]}', properties[i])
        for i in ids]], deflate=deflate)
    # 0.15 is below a half in binary (-> 0.1), 0.25 a half to even (-> 0.2); whole, big.
    numbers = [0.15, 0.25, -0.0, 9999.95, 123456789012.34]
    order = ["d", "c", "a", "b", "a"]
    for name in ("distance_m", "d%m", "дистанция"):
        assert table.take_with_number(order, name, numbers) == [
            geojson.feature_json(i, '{"type":"Point","coordinates":[82.6,49.9]}',
                                 {**properties[i], name: round(n, 1)}).encode()
            for i, n in zip(order, numbers)]
    many = np.random.default_rng(1).random(20_000) * 10_000
    assert [f.rsplit(b":", 1)[1] for f in table.take_with_number(["a"] * len(many), "x", many)] == [
        (repr(round(n, 1)) + "}}").encode() for n in many.tolist()]
    assert table.take_with_number([], "x", []) == []
    for bad in (float("nan"), float("inf"), 1e16):
        with pytest.raises(ValueError):
            table.take_with_number(["a"], "x", [bad])
    with pytest.raises(KeyError, match="nothing"):
        table.take_with_number(["nothing"], "x", [1.0])


@pytest.mark.parametrize("deflate", [True, False, None])
def test_features_are_kept_deflated_and_come_back_byte_for_byte(deflate):
    rng = np.random.default_rng(3)
    ids = [f"w{i:05d}" for i in range(3000)]
    features = [geojson.feature_json(i, f'{{"type":"Point","coordinates":[{82 + rng.random():.7f},'
                                        f'{49 + rng.random():.7f}]}}',
                                     {"title_ru": f"Ремонт дороги «{i}» </script>", "status": "done",
                                      "year": int(rng.integers(2022, 2025)), "note": "\u202e{{x}}"})
                for i in ids]
    table = geojson.FeatureTable(pd.Index(ids), [features[:1000], [], features[1000:]], deflate=deflate)
    assert table.take(ids) == features
    assert [table[i] for i in ids[::97]] == features[::97]
    assert table.take_utf8(ids[::-13]) == [f.encode() for f in features[::-13]]
    raw = sum(len(f.encode()) for f in features)
    if deflate:
        assert len(table._buffer) < raw / 3  # each Feature deflated against the shared dictionary
    else:  # a table this small (below DEFLATE_ABOVE) is kept whole
        assert len(table._buffer) == raw
    empty = geojson.FeatureTable(pd.Index([]), [[]])
    assert len(empty) == 0 and empty.take([]) == []
    with pytest.raises(ValueError, match="2 features for 3 ids"):
        geojson.FeatureTable(pd.Index(["a", "b", "c"]), [features[:2]])
