"""OGC API – Features under ``/ogc``: test client, OWSLib on a live server, schemathesis."""

import pytest
import schemathesis
import shapely
from hypothesis import HealthCheck, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error,
                                 response_schema_conformance, status_code_conformance)

from tests.web.rfc7946 import check_feature, check_feature_collection
from web.opendata.ogc.params import parse_ogc_limit

EXTENT = (82.0, 49.5, 83.5, 50.5)
CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.data[:300]
    return response.get_json()


def rels(document):
    return {link["rel"] for link in document["links"]}


def item_ids(client, query):
    document = get_json(client, "/ogc/collections/works/items" + query)
    return sorted(f["id"] for f in check_feature_collection(document, EXTENT))


def test_landing_page_links_to_the_api_conformance_and_data(client):
    landing = get_json(client, "/ogc")
    assert {"self", "alternate", "service-desc", "conformance", "data"} <= rels(landing)
    assert get_json(client, "/ogc/")["links"] == landing["links"]


def test_conformance_lists_the_classes_implemented(client):
    classes = get_json(client, "/ogc/conformance")["conformsTo"]
    assert CORE in classes and len(classes) == 5
    assert all(c.rsplit("/", 1)[1] in ("core", "oas30", "html", "geojson", "queryables")
               for c in classes)


def test_collections_describe_districts_and_works(client):
    document = get_json(client, "/ogc/collections?lang=en")
    collections = {c["id"]: c for c in document["collections"]}
    assert set(collections) == {"districts", "works", "needs"}
    works = collections["works"]
    assert works["title"] == "Works" and works["itemType"] == "feature"
    assert works["extent"]["spatial"]["bbox"] == [[82.505, 49.905, 82.615, 49.945]]
    assert works["extent"]["temporal"]["interval"] == [["2023-04-01T00:00:00Z",
                                                       "2023-09-30T23:59:59Z"]]
    assert {"self", "items"} <= {link["rel"] for link in works["links"]}
    assert get_json(client, "/ogc/collections/districts")["id"] == "districts"


def test_items_are_geojson_with_counts_timestamp_and_links(client):
    response = client.get("/ogc/collections/works/items?limit=2&offset=1")
    assert response.mimetype == "application/geo+json"
    document = response.get_json()
    assert len(check_feature_collection(document, EXTENT)) == 2
    assert document["numberMatched"] == 5 and document["numberReturned"] == 2
    assert document["timeStamp"].endswith("Z")
    links = {link["rel"]: link["href"] for link in document["links"]}
    assert {"self", "alternate", "next", "prev", "collection"} <= set(links)
    assert "offset=3" in links["next"] and "offset=0" in links["prev"]
    assert links["self"].startswith("http://localhost/ogc/collections/works/items?")


@pytest.mark.parametrize("query, expected", [
    ("?datetime=2023-06-15", ["edge", "p1", "p2", "p22", "road"]),    # an instant
    ("?datetime=2023-06-15T10:00:00%2B06:00", ["edge", "p1", "p2", "p22", "road"]),
    ("?datetime=2023-10-01", []),                                      # after every finish
    ("?datetime=2023-09-30/..", ["edge", "p1", "p2", "p22", "road"]),  # finish is inclusive
    ("?datetime=../2023-03-31", []),
    ("?datetime=2023-01-01/2023-04-01", ["edge", "p1", "p2", "p22", "road"]),
    ("?year=2022&datetime=2022-01-01/..", ["p22"]),
    ("?bbox=82.6,49.94,82.61,49.95&category=roads", ["edge", "p1", "road"]),
    ("?district=c", ["p22"]),
    ("?status=planned,done&category=lighting", ["p2"]),
])
def test_items_filters(client, query, expected):
    assert item_ids(client, query) == expected


def test_work_dates_fall_back_to_the_programme_year(tmp_path):
    from geo import load_dataset
    from tests.conftest import make_app
    from tests.geo import tiny

    rows = [tiny.work("open", tiny.Point(82.605, 49.945), start=None, finish=None)]
    dataset = load_dataset(tiny.write_city(tmp_path / "c", works=rows))
    client = make_app(dataset).test_client()
    assert item_ids(client, "?datetime=2022-12-31") == []
    assert item_ids(client, "?datetime=2023-01-01") == ["open"]
    assert item_ids(client, "?datetime=2030-01-01") == ["open"]  # no finish: still going


def test_limit_defaults_to_100_and_is_capped_at_10000(client):
    assert parse_ogc_limit(None) == 100
    assert parse_ogc_limit("20000") == 10_000
    assert get_json(client, "/ogc/collections/works/items?limit=20000")["numberReturned"] == 5


def test_districts_items_carry_statistics(client):
    document = get_json(client, "/ogc/collections/districts/items?year=2023")
    features = {f["id"]: f for f in check_feature_collection(document, EXTENT)}
    assert features["a"]["properties"]["works"] == 3
    assert features["b"]["properties"]["name_en"] == "Beta"


def test_one_feature_with_links(client):
    response = client.get("/ogc/collections/works/items/road")
    assert response.mimetype == "application/geo+json"
    feature = response.get_json()
    check_feature(feature, EXTENT)
    assert feature["id"] == "road" and {"self", "alternate", "collection"} <= rels(feature)
    district = get_json(client, "/ogc/collections/districts/items/c?year=2022")
    assert district["properties"]["funding_kzt"] == 500


@pytest.mark.parametrize("url, status", [
    ("/ogc/collections/roads", 404),
    ("/ogc/collections/roads/items", 404),
    ("/ogc/collections/works/items/nothing", 404),
    ("/ogc/collections/districts/items/nothing", 404),
    ("/ogc/collections/works/items?limit=0", 400),
    ("/ogc/collections/works/items?limit=ten", 400),
    ("/ogc/collections/works/items?offset=-5", 400),
    ("/ogc/collections/works/items?bbox=1,2,3", 400),
    ("/ogc/collections/works/items?bbox=0,80,1,70", 400),
    ("/ogc/collections/works/items?datetime=yesterday", 400),
    ("/ogc/collections/works/items?datetime=2023-02-30", 400),
    ("/ogc/collections/works/items?datetime=2024-01-01/2023-01-01", 400),
    ("/ogc/collections/works/items?datetime=../..&year=1800", 400),
    ("/ogc/collections/works/items?datetime=../..", 400),   # open at both ends: not an interval
    ("/ogc/collections/works/items?datetime=/", 400),
    ("/ogc/collections/works/items?f=xml", 400),
    ("/ogc/collections/works/items?district=nowhere", 400),
])
def test_errors_are_ogc_exceptions_with_the_right_status(client, url, status):
    body = get_json(client, url, status)
    assert set(body) == {"code", "description"} and body["code"] == status


def test_html_by_f_or_accept_header(client):
    for url in ("/ogc?f=html", "/ogc/conformance?f=html", "/ogc/collections?f=html",
                "/ogc/collections/works?f=html", "/ogc/collections/works/items?f=html&lang=kk",
                "/ogc/collections/districts/items?f=html&lang=en",
                "/ogc/collections/works/items/p1?f=html"):
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "text/html", url
        assert "<!DOCTYPE html>" in response.text
    browser = client.get("/ogc/collections", headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser.mimetype == "text/html"
    assert client.get("/ogc/collections", headers={"Accept": "*/*"}).mimetype == \
        "application/json"
    kazakh = client.get("/ogc/collections/works/items?f=html&lang=kk").text
    assert "Жұмыс p1" in kazakh
    missing = client.get("/ogc/collections/nothing?f=html")
    assert missing.status_code == 404 and missing.mimetype == "text/html"


def test_cors_on_ogc(client):
    assert client.get("/ogc/collections").headers["Access-Control-Allow-Origin"] == "*"


def test_owslib_reads_the_same_features_as_the_dataset(live_server, sample_dataset):
    from owslib.ogcapi.features import Features

    api = Features(live_server + "/ogc")
    assert sorted(api.feature_collections()) == ["districts", "needs", "works"]
    assert CORE in api.conformance()["conformsTo"]
    assert api.collection("works")["id"] == "works"
    got, offset = {}, 0
    while True:  # page through the works as a client does, 20 at a time
        page = api.collection_items("works", limit=20, offset=offset)
        assert page["numberMatched"] == len(sample_dataset.works)
        got.update((feature["id"], feature) for feature in page["features"])
        if "next" not in {link["rel"] for link in page["links"]}:
            break
        offset += 20
    assert sorted(got) == sorted(sample_dataset.works.index)
    for work_id, work in sample_dataset.works.iterrows():
        properties = got[work_id]["properties"]
        assert (properties["title_ru"], properties["funding_kzt"], properties["status"]) == \
            (work["title_ru"], work["funding_kzt"], work["status"])
        geometry = shapely.geometry.shape(got[work_id]["geometry"])
        assert geometry.equals_exact(work.geometry, 1e-7)
    districts = api.collection_items("districts", year="2023", limit=100)
    assert sorted(f["id"] for f in districts["features"]) == sorted(sample_dataset.districts.index)
    one = next(iter(sample_dataset.works.index))
    assert api.collection_item("works", one)["id"] == one


def test_every_sample_feature_follows_rfc7946(client_on_sample, sample_dataset):
    extent = sample_dataset.city.extent
    for url in ("/ogc/collections/works/items?limit=1000", "/ogc/collections/districts/items",
                "/ogc/collections/needs/items?limit=1000", "/api/works?limit=1000",
                "/api/districts", "/api/needs?limit=1000"):
        features = check_feature_collection(client_on_sample.get(url).get_json(), extent)
        assert len(features) in (len(sample_dataset.works), len(sample_dataset.districts),
                                 len(sample_dataset.needs))


@pytest.fixture
def client_on_sample(sample_dataset):
    from tests.conftest import make_app

    return make_app(sample_dataset).test_client()


@pytest.fixture
def ogc_schema(app):
    return schemathesis.openapi.from_wsgi("/ogc/api", app)


schema = schemathesis.pytest.from_fixture("ogc_schema")


@schema.parametrize()
@settings(max_examples=30, derandomize=True, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_the_openapi_document_holds_for_generated_requests(case):
    # Uncompressed: schemathesis' WSGI transport does not undo flask-compress.
    case.call_and_validate(headers={"Accept-Encoding": "identity"}, checks=[not_a_server_error, status_code_conformance,
                                   content_type_conformance, response_schema_conformance])
