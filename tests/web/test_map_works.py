"""``/api/map/works``: the works payload of a selection (the map of a small city inlines it,
a big city's map is tiled: tests/web/test_map_tiles.py)."""

import gzip
import json
import re
from html import unescape

import brotli
import pytest

from geo.select import Selection, select_works
from tests.conftest import make_app
from web.config import load_config
from web.maps.works_data import works_payload

SRC = re.compile(r'"src":"([^"]*/api/map/works[^"]*)"')  # the works layer's, not the needs layer's


@pytest.fixture
def fetching_client(sample_dataset):
    """The app on the sample with every map's works fetched (none inline)."""
    return make_app(sample_dataset, MAP_INLINE_WORKS=0).test_client()


def works_src(html):
    """The /api/map/works URL a map page names (JSON-escaped inside its script)."""
    match = SRC.search(html)
    return json.loads(f'"{match.group(1)}"') if match else None


def test_the_payload_is_the_selection(fetching_client, sample_dataset):
    payload = fetching_client.get("/api/map/works?lang=en&year=2023").get_json()
    expected = select_works(sample_dataset, Selection(years=(2023, 2023)))
    assert sorted(payload["ids"]) == sorted(expected.index) and len(payload["ids"]) == 31
    assert payload["labels"]["more"] == "Open the work's page" and payload["query"] == "?lang=en"
    titles = dict(zip(payload["ids"], payload["titles"]))
    assert titles["w2023-05"] == sample_dataset.works.loc["w2023-05", "title_en"]


def test_the_payload_equals_the_one_a_page_would_inline(fetching_client, sample_dataset):
    payload = fetching_client.get("/api/map/works?year=2022&status=done&lang=kk").get_json()
    works = select_works(sample_dataset, Selection(years=(2022, 2022), statuses=("done",)))
    inline = works_payload(works, sample_dataset.districts, lang="kk", labels=payload["labels"],
                           work_url="/works/", query="?lang=kk")
    assert payload == json.loads(json.dumps(inline))


def test_small_selections_stay_inline_by_default(client):
    page = client.get("/?lang=en").get_data(as_text=True)
    assert works_src(page) is None and '"titles"' in page


def test_a_big_selection_is_tiled_in_the_embed_with_its_language(fetching_client):
    page = unescape(fetching_client.get("/embed/map?year=2024&district=ulbinsky").get_data(as_text=True))
    assert works_src(page) is None and '"titles"' not in page
    assert r"/api/map/tiles/works/{z}/{x}/{y}.json?district=ulbinsky\u0026lang=ru\u0026year=2024" in page


@pytest.mark.parametrize("encoding, decode", [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_each_encoding_has_its_own_etag_and_the_same_content(fetching_client, encoding, decode):
    url = "/api/map/works?lang=ru"
    plain = fetching_client.get(url, headers={"Accept-Encoding": "identity"})
    packed = fetching_client.get(url, headers={"Accept-Encoding": f"{encoding}, identity;q=0.5"})
    assert plain.headers.get("Content-Encoding") is None
    assert packed.headers["Content-Encoding"] == encoding
    assert decode(packed.get_data()) == plain.get_data()
    assert len(packed.get_data()) < len(plain.get_data()) / 2
    assert packed.headers["ETag"] == plain.headers["ETag"][:-1] + f':{encoding}"'
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert packed.headers["Cache-Control"] == "public, no-cache"
    again = fetching_client.get(url, headers={"Accept-Encoding": encoding,
                                              "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""


def test_without_lang_the_answer_varies_with_accept_language(fetching_client):
    russian = fetching_client.get("/api/map/works", headers={"Accept-Language": "ru"})
    kazakh = fetching_client.get("/api/map/works", headers={"Accept-Language": "kk"})
    assert "Accept-Language" in russian.headers["Vary"]
    assert russian.get_json()["labels"] != kazakh.get_json()["labels"]
    assert russian.headers["ETag"] != kazakh.headers["ETag"]


def test_the_payload_is_built_once_per_snapshot(sample_dataset):
    client = make_app(sample_dataset, MAP_INLINE_WORKS=0).test_client()
    calls = []
    import web.pages.map_works as module

    original = module.works_payload
    module.works_payload = lambda *a, **k: calls.append(1) or original(*a, **k)
    try:
        for encoding in ("br", "gzip", "identity", "br"):
            assert client.get("/api/map/works?year=2021-2030",
                              headers={"Accept-Encoding": encoding}).status_code == 200
    finally:
        module.works_payload = original
    assert len(calls) == 1


def test_only_the_compressed_payloads_are_kept(sample_dataset):
    """The JSON itself is not kept beside its brotli and gzip (~12 MiB at 250,000 works):
    a client that takes neither gets the gzip inflated, byte for byte the same JSON."""
    client = make_app(sample_dataset, MAP_INLINE_WORKS=0).test_client()
    plain = client.get("/api/map/works?year=2021-2030", headers={"Accept-Encoding": "identity"})
    packed = client.get("/api/map/works?year=2021-2030", headers={"Accept-Encoding": "br"})
    assert brotli.decompress(packed.data) == plain.data and json.loads(plain.data)
    kept = [value for key, value in sample_dataset._memo["items"].items()
            if key[0] == "map_works" and key[1] == Selection(years=(2021, 2030)) and key[2] == "ru"]
    assert len(kept) == 1 and [len(v) for v in kept[0]] == [len(packed.data), len(
        gzip.compress(plain.data, compresslevel=6, mtime=0))]


@pytest.mark.parametrize("query, status, word", [
    ("year=abc", 400, "year"), ("status=lost", 400, "status"), ("district=atlantis", 404, "atlantis"),
    ("bbox=82,49,83,50", 400, "bbox")])
def test_bad_queries_get_a_json_explanation(fetching_client, query, status, word):
    response = fetching_client.get(f"/api/map/works?{query}")
    assert response.status_code == status and response.is_json
    assert response.get_json()["code"] == status and word in response.get_json()["description"]


@pytest.mark.parametrize("value", ["-1", "many", "2.5"])
def test_map_inline_works_must_be_a_whole_number(value):
    with pytest.raises(ValueError, match="MAP_INLINE_WORKS"):
        load_config({"MAP_INLINE_WORKS": value}, environ={})
    assert load_config(environ={"OKRAINA_MAP_INLINE_WORKS": "0"})["MAP_INLINE_WORKS"] == 0
