"""``/api/map/tiles/...``, ``/api/map/<kind>/<id>`` and ``/list``: a big city's map fetches
only what is in view, and the clusters add up to the selection."""

import json
import re

import pytest

from geo.map_tiles import MAX_CLUSTER_ZOOM, to_mercator
from geo.needs import select_needs
from geo.select import Selection, select_works
from tests.conftest import make_app
from web.maps.tiles_data import anchors


@pytest.fixture(scope="module")
def tiled_client(sample_dataset):
    """The app on the sample with every map tiled (as a big city's are)."""
    return make_app(sample_dataset, MAP_INLINE_WORKS=0).test_client()


def occupied_tiles(frame, z):
    """The tiles at zoom ``z`` holding a marker point of ``frame`` (the rest are empty)."""
    lon, lat = anchors(frame.geometry.to_numpy())
    x, y = to_mercator(lon[lon == lon], lat[lon == lon])
    n = 2 ** z
    return sorted(set(zip((x * n).astype(int).tolist(), (y * n).astype(int).tolist())))


def shown(client, dataset, kind, z, query=""):
    """Ids shown alone and the sum of the cluster counts over the tiles of the data."""
    ids, counted = [], 0
    for x, y in occupied_tiles(dataset.works if kind == "works" else dataset.needs, z):
        response = client.get(f"/api/map/tiles/{kind}/{z}/{x}/{y}.json{query}")
        assert response.status_code == 200, response.get_data(as_text=True)
        tile = response.get_json()
        ids += [point[0] for point in tile["points"]]
        counted += sum(cluster[2] for cluster in tile["clusters"])
    return ids, counted


@pytest.mark.parametrize("z", [8, 11, 13, 15, MAX_CLUSTER_ZOOM + 1])
@pytest.mark.parametrize("query, selection", [
    ("", Selection()), ("?year=2023&lang=kk", Selection(years=(2023, 2023))),
    ("?status=done,in_progress&category=roads", Selection(statuses=("done", "in_progress"), categories=("roads",))),
    ("?district=ulbinsky", Selection(district="ulbinsky"))])
def test_the_clusters_of_the_tiles_add_up_to_the_selection(tiled_client, sample_dataset, z, query, selection):
    works = select_works(sample_dataset, selection)
    lon, _ = anchors(works.geometry.to_numpy())
    ids, counted = shown(tiled_client, sample_dataset, "works", z, query)
    assert len(ids) == len(set(ids)) and set(ids) <= set(works.index)
    assert len(ids) + counted == int((lon == lon).sum())  # every work with a place, once
    if z > MAX_CLUSTER_ZOOM:
        assert counted == 0


def test_the_needs_tiles_add_up_to_the_needs_of_the_selection(tiled_client, sample_dataset):
    needs = select_needs(sample_dataset, Selection(years=(2022, 2023)), status_types=("open",))
    lon, _ = anchors(needs.geometry.to_numpy())
    for z in (9, 12, 17):
        ids, counted = shown(tiled_client, sample_dataset, "needs", z, "?year=2022-2023&need_status=open")
        assert len(ids) + counted == int((lon == lon).sum())


def test_a_tile_names_its_works_in_the_asked_language_and_nothing_more(tiled_client, sample_dataset):
    work = sample_dataset.works.loc["w2023-05"]
    lon, lat = anchors(sample_dataset.works.loc[["w2023-05"]].geometry.to_numpy())
    x, y = to_mercator(lon[0], lat[0])
    z = MAX_CLUSTER_ZOOM + 2
    tile = tiled_client.get(f"/api/map/tiles/works/{z}/{int(x * 2**z)}/{int(y * 2**z)}.json?lang=en").get_json()
    point = next(p for p in tile["points"] if p[0] == "w2023-05")
    assert point[5] == work["title_en"]
    assert point[1] == pytest.approx(lat[0], abs=1e-5) and point[2] == pytest.approx(lon[0], abs=1e-5)
    assert len(point) == 6  # id, place, status, category, title: the details come on opening


def test_tiles_are_cached_with_the_data_etag(tiled_client):
    url = "/api/map/tiles/works/11/1493/688.json?lang=ru"
    first = tiled_client.get(url)
    assert first.headers["Cache-Control"] == "public, no-cache" and first.headers["ETag"]
    again = tiled_client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("url, status, word", [
    ("/api/map/tiles/works/3/8/0.json", 404, "3/8/0"), ("/api/map/tiles/works/23/0/0.json", 404, "zoom"),
    ("/api/map/tiles/works/11/1493/688.json?year=abc", 400, "year"),
    ("/api/map/tiles/works/11/1493/688.json?bbox=82,49,83,50", 400, "bbox"),
    ("/api/map/tiles/needs/11/1493/688.json?need_status=lost", 400, "need_status"),
    ("/api/map/tiles/works/11/1493/688.json?district=atlantis", 404, "atlantis"),
    ("/api/map/works/nope", 404, "nope"), ("/api/map/needs/nope", 404, "nope")])
def test_bad_tiles_and_queries_get_a_json_explanation(tiled_client, url, status, word):
    response = tiled_client.get(url)
    assert response.status_code == status and response.is_json
    assert word in response.get_json()["description"]


def test_a_popup_fetches_the_payload_of_its_one_work(tiled_client, sample_dataset):
    payload = tiled_client.get("/api/map/works/w2023-05?lang=kk").get_json()
    assert payload["ids"] == ["w2023-05"] and payload["titles"] == [sample_dataset.works.loc["w2023-05", "title_kk"]]
    assert payload["query"] == "?lang=kk" and payload["labels"]["more"]
    need = sample_dataset.needs.index[0]
    assert tiled_client.get(f"/api/map/needs/{need}?lang=en").get_json()["ids"] == [need]


def test_a_big_selection_is_tiled_on_the_front_page(tiled_client):
    page = tiled_client.get("/?year=2023&lang=en").get_data(as_text=True)
    assert '"titles"' not in page  # no works inside the page
    assert json.dumps("/api/map/tiles/works/{z}/{x}/{y}.json?lang=en&year=2023")[1:-1].replace(
        "&", "\\u0026") in page
    assert 'id="works-in-view"' in page


def test_small_selections_stay_inline(client):
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "/api/map/tiles/" not in page and '"titles"' in page and 'id="works-in-view"' not in page


def test_the_list_follows_a_view(tiled_client, sample_dataset):
    everything = tiled_client.get("/list?lang=en").get_data(as_text=True)
    assert f"of {len(sample_dataset.works)}" in everything
    lon, lat = anchors(sample_dataset.works.loc[["w2023-05"]].geometry.to_numpy())
    bbox = f"{lon[0] - 0.001},{lat[0] - 0.001},{lon[0] + 0.001},{lat[0] + 0.001}"
    view = tiled_client.get(f"/list?lang=en&year=2023&bbox={bbox}").get_data(as_text=True)
    assert 'data-work-id="w2023-05"' in view and "In the map's view:" in view
    nowhere = tiled_client.get("/list?lang=kk&bbox=10,10,10.1,10.1").get_data(as_text=True)
    assert "Картаның көрінетін бөлігінде" in nowhere
    # Without scripts, the same view is a page of its own.
    page = tiled_client.get(f"/?lang=en&year=2023&bbox={bbox}").get_data(as_text=True)
    assert 'data-work-id="w2023-05"' in page and "In the map's view:" in page
    assert tiled_client.get("/list?bbox=1,2,3").status_code == 400
    # The view's works keep the list's order: a view of the whole city lists what the
    # selection lists, less the works without a place.
    ids = lambda html: re.findall(r'data-work-id="([^"]+)"', html)  # noqa: E731
    whole = ids(tiled_client.get("/list?lang=en&year=2022-2024&offset=20").get_data(as_text=True))
    viewed = ids(tiled_client.get("/list?lang=en&year=2022-2024&offset=20&bbox=-180,-90,180,90").get_data(
        as_text=True))
    placed = set(sample_dataset.works.index[~sample_dataset.works.geometry.isna()])
    assert viewed[:10] == [i for i in whole if i in placed][:10] and len(viewed) > 10
