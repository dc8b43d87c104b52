"""The OGC API – Features collection ``needs``: items, one item, filters, ``datetime`` on
``raised_on``, bbox without the needs that have no place, queryables, HTML; read by
OWSLib and by GDAL's OAPIF driver (through pyogrio) on a live server."""

import pytest
import shapely

from tests.web.rfc7946 import check_feature, check_feature_collection

EXTENT = (82.0, 49.5, 83.5, 50.5)
QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables"


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.data[:300]
    return response


def need_ids(client, query=""):
    document = get(client, "/ogc/collections/needs/items" + query).get_json()
    return sorted(f["id"] for f in check_feature_collection(document, EXTENT))


def test_the_collection_describes_itself_in_the_language(client):
    collection = get(client, "/ogc/collections/needs?lang=kk").get_json()
    assert collection["title"] == "Тұрғындардың қажеттіліктері"
    assert collection["extent"]["spatial"]["bbox"] == [[82.505, 49.906, 82.604, 49.944]]
    assert collection["extent"]["temporal"]["interval"] == [["2022-03-15T00:00:00Z",
                                                            "2023-04-01T23:59:59Z"]]
    links = {link["rel"]: link for link in collection["links"]}
    assert links[QUERYABLES_REL]["href"] == \
        "http://localhost/ogc/collections/needs/queryables?lang=kk&f=json"


@pytest.mark.parametrize("query, expected", [
    ("", sorted(f"n{i}" for i in range(1, 14))),
    ("?datetime=2022-03-15", ["n12", "n13"]),                  # raised that day
    ("?datetime=2023-03-16/..", ["n10"]),                      # raised on 1 April 2023
    ("?datetime=../2023-03-15T23:00:00Z&status_type=open", ["n12", "n3", "n9"]),
    ("?bbox=82.5,49.9,82.7,50", ["n1", "n12"]),                # no place: never in a bbox
    ("?bbox=82.5,49.9,82.7,50&district=a", ["n1"]),
    ("?status=declined,duplicate", ["n4", "n5"]),
    ("?year=2022&category=roads&status_type=met", ["n13"]),
])
def test_items_filters(client, query, expected):
    assert need_ids(client, query) == expected


def test_items_page_with_links_and_one_item_with_its_page(client):
    document = get(client, "/ogc/collections/needs/items?limit=5&offset=5").get_json()
    assert document["numberMatched"] == 13 and document["numberReturned"] == 5
    assert {"next", "prev", "collection"} <= {link["rel"] for link in document["links"]}
    response = get(client, "/ogc/collections/needs/items/n12?lang=en")
    assert response.mimetype == "application/geo+json"
    feature = response.get_json()
    check_feature(feature, EXTENT)
    assert feature["geometry"] == {"type": "Point", "coordinates": [82.505, 49.906]}
    assert feature["properties"]["title"] == "Need n12"
    assert feature["properties"]["url"] == "http://localhost/needs/n12"
    assert feature["properties"]["status_type"] == "open"
    assert {"self", "alternate", "collection"} <= {link["rel"] for link in feature["links"]}
    assert get(client, "/ogc/collections/needs/items/n2").get_json()["geometry"] is None


@pytest.mark.parametrize("url, status", [
    ("/ogc/collections/needs/items/n99", 404),
    ("/ogc/collections/needs/items?status=done", 400),     # a works' status
    ("/ogc/collections/works/items?status=met", 400),      # a needs' status
    ("/ogc/collections/needs/items?status_type=waiting", 400),
    ("/ogc/collections/needs/items?datetime=2023-13-01", 400),
    ("/ogc/collections/needs/items?district=nowhere", 400),
    ("/ogc/collections/nothing/queryables", 404),
])
def test_errors(client, url, status):
    body = get(client, url, status).get_json()
    assert set(body) == {"code", "description"} and body["code"] == status


@pytest.mark.parametrize("collection, names", [
    ("needs", ["geometry", "year", "category", "status", "status_type", "district"]),
    ("works", ["geometry", "year", "category", "status", "district"]),
    ("districts", ["geometry", "district"]),
])
def test_queryables_are_the_query_parameters_that_filter(client, collection, names):
    response = get(client, f"/ogc/collections/{collection}/queryables")
    assert response.mimetype == "application/schema+json"
    schema = response.get_json()
    assert schema["type"] == "object" and list(schema["properties"]) == names
    assert schema["$id"] == f"http://localhost/ogc/collections/{collection}/queryables"
    if collection == "needs":
        assert schema["properties"]["status"]["enum"][:3] == ["open", "accepted", "scheduled"]
        assert schema["properties"]["status_type"]["enum"] == ["open", "met", "closed"]
    for name, prop in schema["properties"].items():
        if "enum" in prop:  # every listed value is accepted by the items
            query = "&".join(f"{name}={value}" for value in prop["enum"][:1])
            get(client, f"/ogc/collections/{collection}/items?{query}")


def test_html_pages_in_the_language(client):
    items = get(client, "/ogc/collections/needs/items?f=html&lang=kk")
    assert items.mimetype == "text/html" and "Қажеттілік n7" in items.text
    assert "Шешілді" in items.text  # the need status "met", in Kazakh
    one = get(client, "/ogc/collections/needs/items/n5?f=html&lang=en").text
    assert "Need n5" in one and "Ответ акимата" in one
    queryables = get(client, "/ogc/collections/needs/queryables?f=html&lang=en").text
    assert "status_type" in queryables and "not_responsible" in queryables
    collection = get(client, "/ogc/collections/needs?f=html&lang=en").text
    assert "/ogc/collections/needs/queryables?f=html" in collection


def test_owslib_reads_every_need(live_server, sample_dataset):
    from owslib.ogcapi.features import Features

    api = Features(live_server + "/ogc")
    got = api.collection_items("needs", limit=1000, lang="en")
    assert got["numberMatched"] == len(sample_dataset.needs) == len(got["features"])
    features = {f["id"]: f for f in got["features"]}
    for need_id, need in sample_dataset.needs.iterrows():
        properties = features[need_id]["properties"]
        assert (properties["title_ru"], properties["status"]) == (need["title_ru"],
                                                                  need["status"])
        if need.geometry is None:
            assert features[need_id]["geometry"] is None
        else:
            shape = shapely.geometry.shape(features[need_id]["geometry"])
            assert shape.equals_exact(need.geometry, 1e-7)
    one = next(iter(sample_dataset.needs.index))
    assert api.collection_item("needs", one)["id"] == one
    assert api.collection_queryables("needs")["properties"]["status_type"]["enum"] == \
        ["open", "met", "closed"]


# GDAL's OAPIF driver holds the GIL while it waits for the server, which runs in a
# thread of this process: it reads in a child process and hands over GeoPackages.
_OAPIF_READ = """
import sys, pyogrio
for layer in ("needs", "works", "districts"):
    frame = pyogrio.read_dataframe("OAPIF:" + sys.argv[1], layer=layer)
    pyogrio.write_dataframe(frame, sys.argv[2] + "/" + layer + ".gpkg", driver="GPKG")
"""


@pytest.fixture(scope="module")
def oapif_layers(live_server, tmp_path_factory):
    import subprocess
    import sys

    import pyogrio

    folder = tmp_path_factory.mktemp("oapif")
    subprocess.run([sys.executable, "-c", _OAPIF_READ, f"{live_server}/ogc", str(folder)],
                   check=True, timeout=300)
    return {layer: pyogrio.read_dataframe(folder / f"{layer}.gpkg")
            for layer in ("needs", "works", "districts")}


@pytest.mark.parametrize("layer", ["needs", "works", "districts"])
def test_gdal_oapif_reads_each_collection(oapif_layers, sample_dataset, layer):
    frame = oapif_layers[layer].set_index("id")
    source = getattr(sample_dataset, layer)
    assert sorted(frame.index) == sorted(source.index)
    placed = source[source.geometry.notna()]
    assert frame.geometry.notna().sum() == len(placed)
    for feature_id in placed.index:  # normalised: GeoJSON rings wind counter-clockwise
        got, want = frame.geometry[feature_id], placed.geometry[feature_id]
        assert got.normalize().equals_exact(want.normalize(), 1e-7), feature_id
    if layer == "needs":
        assert 0 < len(placed) < len(source)  # the sample has needs without a place
        assert (frame["status"] == source["status"].reindex(frame.index)).all()
        assert (frame["title_kk"] == source["title_kk"].reindex(frame.index)).all()


def test_titles_follow_the_language_of_the_page(client):
    """Without ``?lang=`` the browser's language decides, for the page and the data alike."""
    english = {"Accept-Language": "en"}
    collection = client.get("/ogc/collections/needs", headers=english).get_json()
    assert collection["title"] == "Residents' needs"
    item = client.get("/ogc/collections/needs/items/n7", headers=english).get_json()
    assert item["properties"]["title"] == "Need n7"
    page = client.get("/ogc/collections/needs?f=html", headers=english).text
    assert "<h1>Residents&#39; needs</h1>" in page and 'lang="en"' in page
    assert client.get("/ogc/collections/needs?lang=kk", headers=english).get_json()["title"] \
        == "Тұрғындардың қажеттіліктері"
