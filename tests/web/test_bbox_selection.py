"""The bbox path of ``web.opendata.selection`` (one spatial-index query, then the filters
read for those rows only) against a plain Shapely ``intersects`` filter, on a random city
of points, lines and polygons crossing the boxes' edges, and works and needs without a
place. The answers of ``/ogc`` and ``/api`` follow it, pages and ``next`` links included.
"""

from datetime import date

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, Polygon

import geo
from geo.select import Selection
from tests.conftest import make_app
from tests.geo import tiny
from web.opendata.selection import Period, select_need_ids, select_work_ids
from web.params import Filters

AREA = (82.49, 49.89, 82.63, 49.96)  # around the tiny city's three districts
CATEGORIES = ("roads", "lighting", "water")
STATUSES = ("planned", "in_progress", "done")


def random_works(count, rng):
    """Points, lines and polygons up to ~1 km across, and some works without geometry."""
    minx, miny, maxx, maxy = AREA
    rows = []
    for i in range(count):
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        kind = i % 5
        if kind == 0:
            geometry = None
        elif kind == 1:
            geometry = LineString([(x, y), (x + rng.uniform(-0.01, 0.01),
                                            y + rng.uniform(-0.01, 0.01))])
        elif kind == 2:
            dx, dy = rng.uniform(0.001, 0.01, 2)
            geometry = Polygon([(x, y), (x + dx, y), (x, y + dy)])  # a triangle
        else:
            geometry = Point(x, y)
        extra = {}
        if i % 7 == 0:
            extra["start"] = None  # starts on 1 January of its year
        if i % 11 == 0:
            extra["finish"] = None  # still going on
        rows.append(tiny.work(f"w{i:03d}", geometry, year=int(rng.choice([2022, 2023, 2024])),
                              category=str(rng.choice(CATEGORIES)),
                              status=str(rng.choice(STATUSES)), **extra))
    # Its envelope meets the box of the first test below, the line itself does not.
    rows.append(tiny.work("diagonal", LineString([(82.60, 49.95), (82.62, 49.93)])))
    return rows


def random_needs(count, rng):
    minx, miny, maxx, maxy = AREA
    needs = []
    for i in range(count):
        place = {} if i % 2 else {"lon": round(rng.uniform(minx, maxx), 6),
                                  "lat": round(rng.uniform(miny, maxy), 6)}
        needs.append(tiny.need(f"n{i:03d}", str(rng.choice(["a", "b", "c"])), "open",
                               "2023-04-01", raised_on=f"2023-0{1 + i % 3}-15", **place))
    return needs


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    rng = np.random.default_rng(18)
    works = random_works(300, rng)
    funding = [{"record_id": f"f{i}", "work_id": w["id"], "year": w["year"], "amount_kzt": 100,
                "source": "city"} for i, w in enumerate(works)]
    folder = tiny.write_city(tmp_path_factory.mktemp("bbox") / "city", works=works,
                             funding=funding, needs=random_needs(120, rng))
    return geo.load_dataset(folder, strict=False)


@pytest.fixture(scope="module")
def client(city):
    return make_app(city).test_client()


def expected_work_ids(dataset, bbox, selection=Selection(), period=None):
    """The works a plain row-by-row filter keeps, in Dataset order."""
    box = box_of(bbox)
    keep = []
    for work_id, work in _rows(dataset.works):
        geometry = work["geometry"]
        if geometry is None or geometry.is_empty or not geometry.intersects(box):
            continue
        if selection.years and not selection.has_year(work["year"]):
            continue
        if selection.categories and work["category"] not in selection.categories:
            continue
        if selection.statuses and work["status"] not in selection.statuses:
            continue
        if selection.district and selection.district not in work["district_ids"]:
            continue
        if period and not lasts_through(work, period):
            continue
        keep.append(work_id)
    return keep


_ROWS = {}


def _rows(frame):
    """``(id, row as a dict)`` of each row of ``frame``, read once per frame."""
    if id(frame) not in _ROWS:
        _ROWS[id(frame)] = (frame, list(zip(frame.index, frame.to_dict("records"))))
    return _ROWS[id(frame)][1]


def lasts_through(work, period):
    start = work["start"].date() if work["start"] == work["start"] else date(work["year"], 1, 1)
    finish = work["finish"].date() if work["finish"] == work["finish"] else None
    return (period.end is None or start <= period.end) and \
        (period.start is None or finish is None or finish >= period.start)


def box_of(bbox):
    minlon, minlat, maxlon, maxlat = bbox
    if minlon <= maxlon:
        return shapely.box(*bbox)
    return shapely.union(shapely.box(minlon, minlat, 180, maxlat),
                         shapely.box(-180, minlat, maxlon, maxlat))


def test_the_city_has_what_the_bbox_must_get_right(city):
    bbox = (82.55, 49.91, 82.605, 49.935)
    box = shapely.box(*bbox)
    geometries = city.works.geometry
    crossing = geometries.intersects(box) & ~geometries.within(box)
    assert set(geometries[crossing].geom_type) == {"LineString", "Polygon"}
    assert geometries.isna().sum() == 60
    assert shapely.intersects(shapely.envelope(geometries["diagonal"]), box)
    assert not geometries["diagonal"].intersects(box)
    ids = list(select_work_ids(city, Filters(bbox=bbox)))
    assert set(geometries[crossing].index) <= set(ids)
    assert "diagonal" not in ids
    assert ids == expected_work_ids(city, bbox)


bboxes = st.tuples(st.floats(AREA[0] - 0.01, AREA[2]), st.floats(AREA[1] - 0.01, AREA[3]),
                   st.floats(0, 0.08), st.floats(0, 0.05)).map(
    lambda b: (round(b[0], 4), round(b[1], 4), round(b[0] + b[2], 4), round(b[1] + b[3], 4)))
selections = st.builds(
    Selection, years=st.sampled_from([None, (2023, 2023), (2022, 2023)]),
    categories=st.sampled_from([(), ("roads",), ("lighting", "water")]),
    statuses=st.sampled_from([(), ("done",), ("planned", "in_progress")]),
    district=st.sampled_from([None, "a", "b", "c"]))
periods = st.sampled_from([None, Period(date(2023, 5, 1), date(2023, 5, 1)),
                           Period(None, date(2023, 3, 1)), Period(date(2023, 10, 1), None)])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bbox=bboxes, selection=selections, period=periods)
def test_works_in_a_bbox_are_those_a_plain_intersects_filter_keeps(city, bbox, selection, period):
    filters = Filters(years=selection.years, categories=selection.categories,
                      statuses=selection.statuses, district=selection.district, bbox=bbox)
    assert list(select_work_ids(city, filters, period)) == \
        expected_work_ids(city, bbox, selection, period)


@pytest.mark.parametrize("bbox", [(82.62, 49.9, -179.0, 49.95),   # crosses the antimeridian
                                  (82.60, 49.94, 82.60, 49.94),    # a point
                                  (0.0, 0.0, 1.0, 1.0)])           # nothing there
def test_degenerate_boxes(city, bbox):
    assert list(select_work_ids(city, Filters(bbox=bbox))) == expected_work_ids(city, bbox)


need_periods = st.sampled_from([None, Period(date(2023, 2, 1), None),
                                Period(None, date(2023, 2, 15)),
                                Period(date(2023, 2, 15), date(2023, 3, 14))])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bbox=bboxes, district=st.sampled_from([None, "a", "c"]), period=need_periods)
def test_needs_in_a_bbox_are_those_with_a_place_inside(city, bbox, district, period):
    box = shapely.box(*bbox)
    expected = []
    for need_id, need in _rows(city.needs):
        raised = need["raised_on"].date()
        if need["geometry"] is None or not need["geometry"].intersects(box):
            continue
        if district and need["district_id"] != district:
            continue
        if period and not ((period.start is None or raised >= period.start) and
                           (period.end is None or raised <= period.end)):
            continue
        expected.append(need_id)
    ids = select_need_ids(city, Filters(bbox=bbox, district=district), period)
    assert list(ids) == expected


@pytest.mark.parametrize("route", ["/ogc/collections/works/items?f=json",
                                   "/api/works?"])
def test_pages_and_next_links_walk_the_same_selection(client, city, route):
    bbox = (82.55, 49.90, 82.62, 49.95)
    expected = expected_work_ids(city, bbox, Selection(categories=("roads",)))
    assert len(expected) > 25
    url, seen = f"{route}&bbox={','.join(map(str, bbox))}&category=roads&limit=10", []
    while url:
        document = client.get(url).get_json()
        assert document["numberMatched"] == len(expected)
        assert document["numberReturned"] == len(document["features"])
        seen += [feature["id"] for feature in document["features"]]
        url = next((link["href"] for link in document["links"] if link["rel"] == "next"), None)
    assert seen == expected
