"""``/api/needs``: needs as GeoJSON on the tiny city, every filter, paging, one need,
null geometries, the language of titles and the allow-list of public columns."""

import dataclasses

import pytest

from tests.conftest import make_app
from tests.web.rfc7946 import check_feature, check_feature_collection

EXTENT = (82.0, 49.5, 83.5, 50.5)
ALL = sorted(f"n{i}" for i in range(1, 14))


def needs(client, query=""):
    response = client.get("/api/needs" + query)
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "application/geo+json"
    document = response.get_json()
    check_feature_collection(document, EXTENT)
    return document


def ids(document):
    return sorted(feature["id"] for feature in document["features"])


def test_every_need_with_its_properties(client):
    document = needs(client)
    assert ids(document) == ALL and document["numberMatched"] == 13
    by_id = {f["id"]: f for f in document["features"]}
    n1, n2, n7 = by_id["n1"], by_id["n2"], by_id["n7"]
    assert n1["geometry"] == {"type": "Point", "coordinates": [82.604, 49.944]}
    assert n2["geometry"] is None  # no place: null, as RFC 7946 allows
    assert n7["properties"] == {
        "district_id": "b", "year": 2023, "cycle": 1, "raised_on": "2023-03-15",
        "title": "Нужда n7", "title_ru": "Нужда n7", "title_kk": "Қажеттілік n7",
        "title_en": "Need n7", "category": "lighting", "status": "met", "status_type": "met",
        "status_on": "2023-10-01", "answer": None, "answer_ru": None, "answer_kk": None,
        "work_ids": ["p2", "road"], "source": "meeting", "supporters": 120,
        "money_kzt": 3000 + 1001, "url": "http://localhost/needs/n7"}
    assert [by_id[i]["properties"]["money_kzt"] for i in ("n1", "n2", "n3", "n8", "n13")] == \
        [1000, 1001, 0, 0, 500]


@pytest.mark.parametrize("query, expected", [
    ("?year=2022", ["n12", "n13"]),
    ("?year=2023-2024", [i for i in ALL if i not in ("n12", "n13")]),
    ("?status=met", ["n1", "n11", "n13", "n2", "n7", "n8"]),
    ("?status=declined,not_responsible", ["n5", "n6"]),
    ("?status_type=open", ["n10", "n12", "n3", "n9"]),
    ("?status_type=closed", ["n4", "n5", "n6"]),
    ("?status_type=met&status=met,open", ["n1", "n11", "n13", "n2", "n7", "n8"]),
    ("?category=lighting,water", ["n11", "n7"]),
    ("?district=c", ["n12", "n13"]),
    ("?district=a&status_type=closed&year=2023", ["n4", "n5", "n6"]),
    ("?bbox=82.5,49.9,82.51,49.91", ["n12"]),  # needs without a point are never in a bbox
    ("?bbox=82.55,49.9,82.7,50", ["n1"]),
    ("?district=b&year=2022", []),
])
def test_each_filter_selects_the_expected_needs(client, query, expected):
    assert ids(needs(client, query)) == expected


def test_titles_and_answers_in_the_chosen_language_with_the_others(client):
    by_id = {f["id"]: f["properties"] for f in needs(client, "?lang=kk")["features"]}
    assert by_id["n1"]["title"] == "Қажеттілік n1" and by_id["n1"]["title_ru"] == "Нужда n1"
    assert by_id["n5"]["answer"] == "Әкімдік жауабы"
    english = {f["id"]: f["properties"] for f in needs(client, "?lang=en")["features"]}
    assert english["n5"]["title"] == "Need n5"
    assert english["n5"]["answer"] == "Ответ акимата"  # no English answer: Russian
    accepted = client.get("/api/needs", headers={"Accept-Language": "en"})
    assert accepted.get_json()["features"][0]["properties"]["title"] == "Need n1"
    assert "Accept-Language" in accepted.headers["Vary"]


def test_need_urls_follow_the_host_and_root_of_the_request(client):
    response = client.get("/api/needs/n1", base_url="https://example.org/okraina/")
    assert response.get_json()["properties"]["url"] == "https://example.org/okraina/needs/n1"


def test_paging_with_next_and_prev_links(client):
    first = needs(client, "?limit=5&year=2023")
    assert first["numberMatched"] == 11 and first["numberReturned"] == 5
    links = {link["rel"]: link["href"] for link in first["links"]}
    assert "prev" not in links and "offset=5" in links["next"] and "year=2023" in links["next"]
    seen = ids(first)
    while "next" in links:
        page = needs(client, links["next"].removeprefix("http://localhost/api/needs"))
        assert set(seen).isdisjoint(ids(page))
        seen += ids(page)
        links = {link["rel"]: link["href"] for link in page["links"]}
    assert sorted(seen) == ids(needs(client, "?year=2023")) and "prev" in links


@pytest.mark.parametrize("query", ["?year=20x", "?category=bridges", "?status=done",
                                   "?status_type=waiting", "?district=nowhere", "?bbox=1,2,3",
                                   "?limit=0", "?offset=-1", "?lang=de"])
def test_bad_parameters_answer_400_in_the_one_error_shape(client, query):
    response = client.get("/api/needs" + query)
    assert response.status_code == 400
    body = response.get_json()
    assert set(body) == {"code", "description"} and body["code"] == 400


def test_one_need_with_the_works_that_answer_it(client):
    response = client.get("/api/needs/n7?lang=en")
    assert response.mimetype == "application/geo+json"
    feature = response.get_json()
    check_feature(feature, EXTENT)
    assert feature["id"] == "n7" and feature["geometry"] is None
    assert feature["properties"]["works"] == [
        {"id": "p2", "title": "Work p2", "category": "lighting", "status": "done",
         "year": 2023, "progress": 100, "funding_kzt": 3000},
        {"id": "road", "title": "Work road", "category": "roads", "status": "done",
         "year": 2023, "progress": 100, "funding_kzt": 1001}]
    assert client.get("/api/needs/n8").get_json()["properties"]["works"] == []


def test_an_unknown_need_is_404_json(client):
    response = client.get("/api/needs/n99")
    assert response.status_code == 404
    assert response.get_json() == {"code": 404, "description": "no need 'n99'"}


def test_a_city_without_needs_answers_an_empty_collection(tmp_path):
    from geo import load_dataset
    from tests.geo import tiny

    client = make_app(load_dataset(tiny.write_city(tmp_path / "city", needs=[]))).test_client()
    assert needs(client, "?bbox=82.5,49.9,82.7,50")["features"] == []
    assert client.get("/api/needs/n1").status_code == 404


def test_cors_and_etag(client):
    response = client.get("/api/needs")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    again = client.get("/api/needs", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


PRIVATE = "resident@example.org +7 700 000 00 00"


@pytest.fixture
def private_client(tiny_dataset):
    """The tiny city with a private column in its needs, as a future loader might keep."""
    needs = tiny_dataset.needs.assign(contact=PRIVATE)
    return make_app(dataclasses.replace(tiny_dataset, needs=needs)).test_client()


@pytest.mark.parametrize("url", [
    "/api/needs", "/api/needs/n1", "/ogc/collections/needs/items",
    "/ogc/collections/needs/items?f=html", "/ogc/collections/needs/items/n1?f=html",
    "/ogc/collections/needs/queryables", "/download/needs.csv", "/download/needs.geojson",
    "/download/needs.gpkg", "/districts/a/feed.atom"])
def test_only_the_public_columns_leave_the_server(private_client, url):
    response = private_client.get(url)
    assert response.status_code == 200
    body = response.get_data()
    assert b"contact" not in body and PRIVATE.encode() not in body


def test_a_new_snapshot_is_warmed_in_the_languages_needs_were_served_in(client, tiny_dataset):
    from web.opendata import geojson
    from web.ops.warm import warm

    client.get("/api/needs?lang=kk")
    fresh = dataclasses.replace(tiny_dataset)  # what a reload builds: a new snapshot
    warm(fresh)
    assert "needs:kk" in geojson._cache[fresh]
