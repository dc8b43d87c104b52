import geopandas as gpd
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, box

from geo.join import allocate_funding, assign_works
from tests.geo.tiny import CRS, DISTRICTS, METRIC, WORKS

DISTRICT_FRAME = gpd.GeoDataFrame(DISTRICTS, crs=CRS)


def shares_of(works):
    frame = gpd.GeoDataFrame(works, geometry="geometry", crs=CRS)
    shares = assign_works(frame, DISTRICT_FRAME, METRIC)
    return {(w, d): round(s, 4) for w, d, s in shares.itertuples(index=False)}


def test_point_goes_to_the_containing_district():
    assert shares_of([{"id": "x", "geometry": Point(82.615, 49.945)}]) == {("x", "b"): 1.0}


def test_point_on_a_shared_border_goes_to_the_first_id_whatever_the_order():
    border = Point(82.61, 49.945)
    forward = assign_works(gpd.GeoDataFrame([{"id": "x", "geometry": border}], crs=CRS),
                           DISTRICT_FRAME, METRIC)
    backward = assign_works(gpd.GeoDataFrame([{"id": "x", "geometry": border}], crs=CRS),
                            DISTRICT_FRAME.iloc[::-1], METRIC)
    assert forward.to_dict("records") == backward.to_dict("records") == [
        {"work_id": "x", "district_id": "a", "share": 1.0}]


def test_road_crossing_two_districts_is_split_by_length():
    shares = shares_of([{"id": "r", "geometry": LineString([(82.605, 49.945), (82.615, 49.945)])}])
    assert shares == {("r", "a"): 0.5, ("r", "b"): 0.5}


def test_road_leaving_the_city_keeps_an_unassigned_share():
    # 0.005 degrees inside b, 0.005 degrees outside every district.
    shares = shares_of([{"id": "r", "geometry": LineString([(82.615, 49.945), (82.625, 49.945)])}])
    assert shares == {("r", "b"): 0.5, ("r", None): 0.5}


def test_polygon_work_is_split_by_area():
    park = box(82.609, 49.941, 82.612, 49.942)  # one third in a, two thirds in b
    shares = shares_of([{"id": "park", "geometry": park}])
    assert shares == {("park", "a"): pytest.approx(0.3333, abs=1e-3),
                      ("park", "b"): pytest.approx(0.6667, abs=1e-3)}


def test_work_outside_every_district_is_kept_unassigned():
    assert shares_of([{"id": "far", "geometry": Point(83.0, 50.2)}]) == {("far", None): 1.0}


def test_work_without_geometry_is_kept_unassigned():
    assert shares_of([{"id": "none", "geometry": None}]) == {("none", None): 1.0}


def test_mismatched_crs_is_refused_with_advice():
    works = gpd.GeoDataFrame(WORKS, crs=CRS).to_crs(METRIC)
    with pytest.raises(ValueError, match="reproject"):
        assign_works(works, DISTRICT_FRAME, METRIC)


def test_funding_is_split_in_whole_tenge_and_conserved():
    shares = pd.DataFrame({"work_id": ["r", "r", "r"], "district_id": ["a", "b", None],
                           "share": [1 / 3, 1 / 3, 1 / 3]})
    funding = pd.DataFrame({"record_id": ["f"], "work_id": ["r"], "year": [2023],
                            "source": ["city"], "amount_kzt": [1000]})
    allocated = allocate_funding(funding, shares)
    assert sorted(allocated["amount_kzt"]) == [333, 333, 334]
    assert allocated["amount_kzt"].dtype == "int64"


def test_funding_for_an_unknown_work_is_unassigned_not_dropped():
    shares = pd.DataFrame({"work_id": ["w"], "district_id": ["a"], "share": [1.0]})
    funding = pd.DataFrame({"record_id": ["f1", "f2"], "work_id": ["w", "ghost"], "year": [2023, 2023],
                            "source": ["city", "city"], "amount_kzt": [10, 20]})
    allocated = allocate_funding(funding, shares)
    assert allocated[["record_id", "district_id", "amount_kzt"]].values.tolist() == [
        ["f1", "a", 10], ["f2", None, 20]]


coords = st.tuples(st.floats(82.49, 82.63), st.floats(49.89, 49.96))


@settings(max_examples=60, deadline=None)
@given(points=st.lists(coords, min_size=1, max_size=25),
       lines=st.lists(st.tuples(coords, coords), max_size=8),
       amounts=st.lists(st.integers(0, 10**10), min_size=1, max_size=40))
def test_join_conserves_funding_and_places_each_point_at_most_once(points, lines, amounts):
    works = [{"id": f"p{i}", "geometry": Point(xy)} for i, xy in enumerate(points)]
    works += [{"id": f"l{i}", "geometry": LineString([a, b])} for i, (a, b) in enumerate(lines)]
    frame = gpd.GeoDataFrame(works, geometry="geometry", crs=CRS)
    shares = assign_works(frame, DISTRICT_FRAME, METRIC)
    assert shares.groupby("work_id")["share"].sum().round(9).eq(1.0).all()
    point_rows = shares[shares["work_id"].str.startswith("p")]
    assert point_rows["work_id"].is_unique
    ids = [w["id"] for w in works] + ["unknown"]
    funding = pd.DataFrame({"record_id": [f"f{i}" for i in range(len(amounts))],
                            "work_id": [ids[i % len(ids)] for i in range(len(amounts))],
                            "year": 2023, "source": "city", "amount_kzt": amounts})
    allocated = allocate_funding(funding, shares)
    assigned = allocated.loc[allocated["district_id"].notna(), "amount_kzt"].sum()
    unassigned = allocated.loc[allocated["district_id"].isna(), "amount_kzt"].sum()
    assert assigned + unassigned == sum(amounts)
    per_record = allocated.groupby("record_id")["amount_kzt"].sum()
    assert per_record.to_dict() == dict(zip(funding["record_id"], funding["amount_kzt"]))
    assert (allocated["amount_kzt"] >= 0).all()
