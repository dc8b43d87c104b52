"""The shipped sample (shapefiles/) keeps the shape the project promises: its files,
fields, vocabularies, the programme's 2023 figures and clean geometry.

Uses only geopandas/shapely/pandas on purpose: it checks the data, not ``geo``.
"""

import json
import re
import shutil
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "shapefiles"
REFERENCE = ROOT.parent / "shared" / "reference"
METRIC = "EPSG:32644"

DISTRICT_FIELDS = ["id", "name_ru", "name_kk", "name_en", "kind", "population"]
WORK_FIELDS = ["id", "title_ru", "title_kk", "title_en", "category", "status", "year", "progress",
               "start", "finish", "address"]
FUNDING_FIELDS = ["record_id", "work_id", "year", "amount_kzt", "source", "approved", "note"]
MEETING_FIELDS = ["district_id", "year", "cycle", "date", "attendees", "summary_ru", "summary_kk",
                  "place", "time"]
KINDS = {"center", "microdistrict", "settlement"}
CATEGORIES = {"roads", "lighting", "water", "sewerage", "heating", "gas", "landscaping", "playground",
              "sports", "transport", "social", "other"}
STATUSES = {"planned", "in_progress", "done", "postponed", "cancelled"}
SOURCES = {"city", "region", "republic", "sponsor", "other"}
YEARS = (2022, 2023, 2024)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CYCLE_MONTHS = {1: {2, 3}, 2: {4, 5}, 3: {10, 11, 12}}


@pytest.fixture(scope="module")
def districts():
    return gpd.read_file(SAMPLE / "districts.shp")


@pytest.fixture(scope="module")
def works():
    points = gpd.read_file(SAMPLE / "works_points.shp")
    lines = gpd.read_file(SAMPLE / "works_lines.shp")
    return points, lines


@pytest.fixture(scope="module")
def all_works(works):
    return pd.concat(works, ignore_index=True)


@pytest.fixture(scope="module")
def funding():
    return pd.read_csv(SAMPLE / "funding.csv", dtype={"note": str, "approved": str})


@pytest.fixture(scope="module")
def meetings():
    return pd.read_csv(SAMPLE / "meetings.csv")


def _text(value):
    return "" if pd.isna(value) else str(value)


@pytest.mark.parametrize("layer", ["districts", "works_points", "works_lines"])
def test_shapefiles_are_complete_utf8_and_wgs84(layer):
    for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        assert (SAMPLE / f"{layer}{ext}").exists(), f"{layer}{ext} is missing"
    assert (SAMPLE / f"{layer}.cpg").read_text().strip() == "UTF-8"
    assert gpd.read_file(SAMPLE / f"{layer}.shp").crs.to_epsg() == 4326


def test_district_fields_names_and_population(districts):
    assert list(districts.columns.drop("geometry")) == DISTRICT_FIELDS
    assert len(districts) >= 18
    assert districts["id"].is_unique
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9_-]*", i) for i in districts["id"])
    assert set(districts["kind"]) == KINDS
    for column in ("name_ru", "name_kk", "name_en"):
        assert districts[column].map(_text).str.len().gt(0).all(), column
    assert districts["name_en"].map(lambda s: s.isascii()).all()
    assert pd.api.types.is_integer_dtype(districts["population"])
    assert 350_000 <= districts["population"].sum() <= 360_000
    settlements = districts[districts["kind"] == "settlement"]
    assert settlements["population"].between(100, 10_000).all()
    assert districts.loc[districts["kind"] == "center", "population"].min() >= 20_000


def test_outlying_settlements_are_present(districts):
    names = set(districts["name_ru"])
    for name in ("Ахмирово", "Ново-Ахмирово", "Меновное", "Прудхоз", "Самсоновка", "Подгорное",
                 "Ново-Явленка", "Басово", "Водное", "Кремлевский"):
        assert name in names


def test_district_polygons_are_valid_and_do_not_overlap(districts):
    assert set(districts.geom_type) <= {"Polygon", "MultiPolygon"}
    assert districts.is_valid.all()
    metric = districts.to_crs(METRIC).geometry
    overlaps = [(a, b) for (a, ga), (b, gb) in combinations(zip(districts["id"], metric), 2)
                if ga.intersection(gb).area > 1.0]
    assert overlaps == []


def test_central_districts_share_borders(districts):
    metric = districts.to_crs(METRIC).geometry
    shared = sum(1 for a, b in combinations(metric, 2) if a.boundary.intersection(b.boundary).length > 100)
    assert shared >= 10


def test_work_fields_and_vocabularies(works, all_works):
    points, lines = works
    for frame in works:
        assert list(frame.columns.drop("geometry")) == WORK_FIELDS
        assert all(len(c) <= 10 for c in frame.columns)
    assert set(points.geom_type) == {"Point"}
    assert set(lines.geom_type) == {"LineString"}
    assert all_works["id"].is_unique
    assert set(all_works["category"]) == CATEGORIES
    assert set(all_works["status"]) == STATUSES
    assert set(all_works["year"]) == set(YEARS)
    assert all_works["progress"].between(0, 100).all()
    for column in ("title_ru", "title_kk"):
        assert all_works[column].map(_text).str.len().gt(0).all(), column
    assert all_works["title_en"].map(_text).str.len().gt(0).mean() > 0.8
    for column in ("start", "finish"):
        dates = all_works[column].map(_text)
        assert dates.map(lambda s: s == "" or bool(ISO_DATE.match(s))).all(), column
    both = all_works[all_works["start"].notna() & all_works["finish"].notna()]
    assert (both["start"] <= both["finish"]).all()
    done = all_works[all_works["status"] == "done"]
    assert (done["progress"] == 100).all() and done["finish"].notna().all()


def test_works_per_year(all_works):
    per_year = all_works.groupby("year").size()
    assert per_year[2023] == 31
    assert 20 <= per_year[2022] <= 30 and 20 <= per_year[2024] <= 35
    assert set(all_works.loc[all_works["year"] == 2024, "status"]) >= {"planned", "in_progress", "done"}
    share_done_2022 = (all_works.loc[all_works["year"] == 2022, "status"] == "done").mean()
    assert share_done_2022 > 0.8


def test_points_lie_strictly_inside_a_district(works, districts):
    points, _ = works
    for work_id, point in zip(points["id"], points.geometry):
        holders = [g for g in districts.geometry if g.contains(point)]
        assert len(holders) == 1, work_id
        assert holders[0].boundary.distance(point) > 0, work_id


def test_lines_lie_in_districts_and_some_cross_borders(works, districts):
    _, lines = works
    metric_districts = districts.to_crs(METRIC).geometry
    union = unary_union(list(metric_districts)).buffer(1.0)
    crossing = 0
    for work_id, line in zip(lines["id"], lines.to_crs(METRIC).geometry):
        assert union.contains(line), work_id
        inside = [line.intersection(g).length for g in metric_districts]
        crossing += sum(length > 50 for length in inside) >= 2
    assert crossing >= 2


def test_funding_joins_works_and_keeps_2023_figures(funding, all_works):
    assert list(funding.columns) == FUNDING_FIELDS
    assert funding["record_id"].is_unique
    assert set(funding["source"]) <= SOURCES
    assert pd.api.types.is_integer_dtype(funding["amount_kzt"]) and (funding["amount_kzt"] > 0).all()
    assert funding["approved"].map(_text).map(lambda s: s == "" or bool(ISO_DATE.match(s))).all()
    year_of_work = all_works.set_index("id")["year"]
    assert funding["work_id"].isin(year_of_work.index).all()
    assert (funding["work_id"].map(year_of_work) == funding["year"]).all()
    of_2023 = funding[funding["year"] == 2023]
    assert 690_000_000 <= of_2023["amount_kzt"].sum() <= 700_000_000
    works_2023 = set(all_works.loc[all_works["year"] == 2023, "id"])
    assert set(of_2023["work_id"]) == works_2023
    sources_per_work = funding.groupby("work_id")["source"].nunique()
    assert (sources_per_work >= 2).sum() >= 5
    assert set(YEARS) <= set(funding["year"])


def test_some_settlement_is_left_without_works(districts, all_works, works):
    points, lines = works
    settlements = districts[districts["kind"] == "settlement"]
    recent = pd.concat([points, lines])
    recent = recent[recent["year"].isin([2023, 2024])]
    recent = recent.set_geometry(recent.geometry.representative_point())
    served = set(gpd.sjoin(recent, settlements[["id", "geometry"]], predicate="within")["id_right"])
    assert set(settlements["id"]) - served


def test_meetings_cover_every_district_year_and_cycle(meetings, districts):
    assert list(meetings.columns) == MEETING_FIELDS
    expected = {(d, y, c) for d in districts["id"] for y in YEARS for c in (1, 2, 3)}
    keys = list(zip(meetings["district_id"], meetings["year"], meetings["cycle"]))
    assert len(keys) == len(set(keys)) and set(keys) == expected
    dates = pd.to_datetime(meetings["date"], format="%Y-%m-%d")
    assert (dates.dt.year == meetings["year"]).all()
    assert all(m in CYCLE_MONTHS[c] for m, c in zip(dates.dt.month, meetings["cycle"]))
    assert (meetings["attendees"] > 0).all()
    assert meetings["summary_ru"].str.len().gt(20).all() and meetings["summary_kk"].str.len().gt(20).all()
    assert meetings["summary_kk"].str.contains("[әғқңөұүһі]").mean() > 0.9
    assert meetings["summary_ru"].nunique() > len(meetings) * 0.6
    # 2024's meetings say where and when (geo.meetings' form), the years before do not
    latest = meetings["year"] == 2024
    assert meetings.loc[latest, "place"].str.len().gt(10).all() and meetings.loc[~latest, "place"].isna().all()
    assert meetings.loc[latest, "time"].isin(["18:30-20:00", "11:00-13:00"]).all()


def test_city_settings():
    city = json.loads((SAMPLE / "city.json").read_text(encoding="utf-8"))
    assert city["name"] == {"ru": "Усть-Каменогорск", "kk": "Өскемен", "en": "Ust-Kamenogorsk"}
    assert city["center"] == [82.6275, 49.9484]
    assert city["metric_crs"] == METRIC
    minx, miny, maxx, maxy = city["extent"]
    assert minx < 82.6275 < maxx and miny < 49.9484 < maxy


def test_districts_lie_inside_the_real_city_boundary(districts):
    boundary_file = REFERENCE / "oskemen_city_osm.geojson"
    if not boundary_file.exists():
        pytest.skip(f"reference boundary not available at {boundary_file}")
    city = gpd.read_file(boundary_file).to_crs(METRIC).union_all()
    metric = districts.to_crs(METRIC)
    share = metric.intersection(city).area.sum() / metric.area.sum()
    assert share >= 0.9, f"only {share:.1%} of the districts' area is inside the city"


def test_script_reproduces_the_sample(tmp_path):
    for name in ("draw_sample.py", "sample_tables.py", "sample_meetings.py", "sample_needs.py"):
        shutil.copy(SAMPLE / name, tmp_path / name)
    subprocess.run([sys.executable, str(tmp_path / "draw_sample.py")], check=True, capture_output=True)
    for name in ("funding.csv", "meetings.csv", "needs.csv", "city.json"):
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name
    for layer in ("districts", "works_points", "works_lines"):
        fresh = gpd.read_file(tmp_path / f"{layer}.shp")
        shipped = gpd.read_file(SAMPLE / f"{layer}.shp")
        assert fresh.geometry.geom_equals_exact(shipped.geometry, tolerance=0).all(), layer
        pd.testing.assert_frame_equal(fresh.drop(columns="geometry"), shipped.drop(columns="geometry"))
