"""``/api``: districts and works as GeoJSON, every filter, paging, one work, CORS."""

import pytest

from tests.web.rfc7946 import check_feature, check_feature_collection

EXTENT = (82.0, 49.5, 83.5, 50.5)  # the tiny city's; a swapped lon/lat falls outside


def works(client, query=""):
    response = client.get("/api/works" + query)
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "application/geo+json"
    document = response.get_json()
    check_feature_collection(document, EXTENT)
    return document


def ids(document):
    return sorted(feature["id"] for feature in document["features"])


def test_all_works_with_their_properties(client, tiny_dataset):
    document = works(client)
    assert ids(document) == sorted(tiny_dataset.works.index)
    assert document["numberMatched"] == 5
    p1 = next(f for f in document["features"] if f["id"] == "p1")
    assert p1["geometry"] == {"type": "Point", "coordinates": [82.605, 49.945]}
    assert p1["properties"]["district_id"] == "a"
    assert p1["properties"]["funding_kzt"] == 1000
    assert p1["properties"]["title_kk"] == "Жұмыс p1"


@pytest.mark.parametrize("query, expected", [
    ("?year=2022", ["p22"]),
    ("?year=2023", ["edge", "p1", "p2", "road"]),
    ("?year=2022-2023", ["edge", "p1", "p2", "p22", "road"]),
    ("?category=lighting", ["p2"]),
    ("?category=lighting,water", ["p2"]),
    ("?category=lighting&category=roads&year=2023", ["edge", "p1", "p2", "road"]),
    ("?status=planned", ["edge"]),
    ("?district=b", ["p2", "road"]),
    ("?district=c&year=2023", []),
    ("?bbox=82.612,49.94,82.62,49.95", ["p2", "road"]),
    ("?bbox=82.5,49.9,82.51,49.91", ["p22"]),
    ("?bbox=83,49.9,-179,49.91", []),  # crosses the antimeridian
])
def test_each_filter_selects_the_expected_works(client, query, expected):
    assert ids(works(client, query)) == expected


def test_paging_with_next_and_prev_links(client):
    first = works(client, "?limit=2&category=roads")
    assert first["numberMatched"] == 4 and first["numberReturned"] == 2
    links = {link["rel"]: link["href"] for link in first["links"]}
    assert "prev" not in links and "offset=2" in links["next"]
    assert "category=roads" in links["next"]
    second = works(client, links["next"].removeprefix("http://localhost/api/works"))
    links = {link["rel"]: link["href"] for link in second["links"]}
    assert "next" not in links and "offset=0" in links["prev"]
    assert set(ids(first)).isdisjoint(ids(second))
    assert len(ids(first) + ids(second)) == 4


@pytest.mark.parametrize("query", ["?year=20x", "?category=bridges", "?status=maybe",
                                   "?district=nowhere", "?bbox=1,2,3", "?limit=0",
                                   "?limit=5000", "?offset=-1", "?lang=de"])
def test_bad_parameters_answer_400_in_the_one_error_shape(client, query):
    response = client.get("/api/works" + query)
    assert response.status_code == 400
    body = response.get_json()
    assert set(body) == {"code", "description"} and body["code"] == 400


def test_one_work_with_its_funding_records(client):
    response = client.get("/api/works/road")
    assert response.mimetype == "application/geo+json"
    feature = response.get_json()
    check_feature(feature, EXTENT)
    assert feature["properties"]["district_ids"] == ["a", "b"]
    assert feature["properties"]["funding"] == [{
        "record_id": "f3", "work_id": "road", "year": 2023, "amount_kzt": 1001,
        "source": "city", "approved": None, "note": None}]


def test_an_unknown_work_is_404(client):
    response = client.get("/api/works/nothing")
    assert response.status_code == 404
    assert response.get_json()["code"] == 404


def test_districts_carry_their_statistics_for_the_period(client):
    response = client.get("/api/districts?year=2023")
    assert response.mimetype == "application/geo+json"
    document = response.get_json()
    features = {f["id"]: f for f in check_feature_collection(document, EXTENT)}
    assert list(features) == ["a", "b", "c"]
    a = features["a"]["properties"]
    assert a["works"] == 3 and a["works_planned"] == 1 and a["funding_kzt"] in (1500, 1501)
    assert features["c"]["properties"]["underserved"] is True
    assert features["c"]["properties"]["underserved_reasons"] == "low_funding"
    assert features["a"]["geometry"]["type"] == "Polygon"
    earlier = client.get("/api/districts?year=2022").get_json()
    c = next(f for f in earlier["features"] if f["id"] == "c")["properties"]
    assert c["works"] == 1 and c["funding_kzt"] == 500


def test_districts_filtered_by_id_and_bbox(client):
    assert ids(client.get("/api/districts?district=b").get_json()) == ["b"]
    assert ids(client.get("/api/districts?bbox=82.4,49.8,82.55,49.92").get_json()) == ["c"]
    assert client.get("/api/districts?district=zz").status_code == 400


def test_cors_allows_any_origin_to_read(client):
    response = client.get("/api/works", headers={"Origin": "https://news.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/works", headers={
        "Origin": "https://news.example", "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/").headers
