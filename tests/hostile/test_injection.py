"""Script injection from data, without a browser: every route's response on the hostile city.

Pages must carry no payload as markup; JSON, CSV, GeoJSON, GeoPackage, Atom and
iCalendar must carry it as the very same text. The browser side (no script runs,
no dialog, no CSP violation) is ``test_injection_browser.py``.
"""

import io

import pyogrio
import pytest

from tests.hostile import checks
from tests.hostile.payloads import FORMULA, HOSTILE_NEED_ID, HOSTILE_WORK_ID, PAYLOAD
from tests.hostile.routes import missing_samples, sample_urls


def test_every_route_has_samples(hostile_app):
    assert missing_samples(hostile_app) == [], "add samples to tests/hostile/routes.py"


def _problems(url, response):
    kind = response.mimetype
    where = f"{url} ({kind})"
    if kind == "text/html":
        return checks.raw_markup_problems(response.get_data(as_text=True), where)
    if kind.endswith("json"):
        return checks.json_problems(response.get_data(as_text=True), where)
    if kind == "text/csv":
        return checks.csv_problems(response.get_data(as_text=True), where)
    if kind == "application/atom+xml":
        return checks.atom_problems(response.get_data(), where)
    if kind == "text/calendar":
        return checks.ics_problems(response.get_data(as_text=True), where)
    if kind == "application/geopackage+sqlite3":
        return _geopackage_problems(response.get_data(), where)
    return []  # images, scripts, styles: checked where they are made


def _geopackage_problems(data, where):
    frame = pyogrio.read_dataframe(io.BytesIO(data))
    strings = [v for column in frame.columns for v in frame[column] if isinstance(v, str)]
    problems = checks.mangled_problems(strings, where)
    return problems or ([] if any(PAYLOAD in s for s in strings) else [f"{where}: no payload"])


def test_every_response_keeps_the_payload_as_text(hostile_app, hostile_dataset, hostile_client):
    problems, statuses = [], {}
    for rule, url in sample_urls(hostile_app, hostile_dataset):
        response = hostile_client.get(url)
        statuses[url] = response.status_code
        if response.status_code != 200:
            continue
        problems += _problems(url, response)
    assert {u: s for u, s in statuses.items() if s != 200} == {}
    assert problems == []


def test_downloads_neutralise_formulas_and_keep_the_text(hostile_client):
    rows = checks.csv_rows(hostile_client.get("/download/funding.csv").get_data(as_text=True))
    cells = {cell for row in rows for cell in row}
    assert "'" + FORMULA in cells  # shown as text in Excel, not run
    assert not any(cell.startswith("=") for cell in cells)
    works = checks.csv_rows(hostile_client.get("/download/works.csv").get_data(as_text=True))
    assert HOSTILE_WORK_ID in {row[0] for row in works}


@pytest.mark.parametrize("url", ["/api/works", "/ogc/collections/works/items"])
def test_work_titles_round_trip_through_json(hostile_client, hostile_dataset, url):
    features = hostile_client.get(url).get_json()["features"]
    titles = {f["id"]: f["properties"].get("title_ru", f["properties"].get("title")) for f in features}
    assert titles == hostile_dataset.works["title_ru"].to_dict()


def test_data_in_a_folium_script_is_not_read_as_jinja():
    """Folium compiles each rendered script again as a Jinja template (see web.maps.elements)."""
    import json

    from branca.element import MacroElement
    from folium.template import Template

    from web.maps.base import new_map, render_map
    from web.maps.works_data import script_json

    class Data(MacroElement):
        _template = Template("{% macro script(this, kwargs) %}var d = {{ this.json }};{% endmacro %}")

        def __init__(self, value):
            super().__init__()
            self.json = script_json(value)

    value = {"t": PAYLOAD, "n": [{"x": "{{ 7*7 }}{%"}]}
    m = new_map(center=(82.6, 49.9))
    Data(value).add_to(m)
    script = str(render_map(m).script)
    assert "49" not in script.split("var d = ", 1)[1][:20]
    written = script.split("var d = ", 1)[1]
    assert json.JSONDecoder().raw_decode(written)[0] == value
    assert "</script><script>" not in written


@pytest.mark.parametrize("url", ["/api/needs?limit=1000", "/ogc/collections/needs/items",
                                 "/download/needs.geojson"])
def test_need_texts_round_trip_through_json(hostile_client, hostile_dataset, url):
    features = hostile_client.get(url).get_json()["features"]
    needs = hostile_dataset.needs
    assert {f["id"]: f["properties"]["title_ru"] for f in features} == needs["title_ru"].to_dict()
    assert {f["id"]: f["properties"]["answer_kk"] for f in features} == needs["answer_kk"].to_dict()
    assert {f["id"]: f["properties"]["title"] for f in features}[HOSTILE_NEED_ID] == \
        needs.at[HOSTILE_NEED_ID, "title_ru"]


def test_need_texts_stay_text_in_csv_feeds_and_ogc_pages(hostile_client, hostile_dataset):
    rows = checks.csv_rows(hostile_client.get("/download/needs.csv").get_data(as_text=True))
    cells = {cell for row in rows for cell in row}
    assert "'" + FORMULA in cells and HOSTILE_NEED_ID in {row[0] for row in rows}
    assert hostile_dataset.needs.at[HOSTILE_NEED_ID, "answer_ru"] in cells
    from urllib.parse import quote

    from tests.hostile.payloads import HOSTILE_DISTRICT_ID
    feed = hostile_client.get(f"/districts/{quote(HOSTILE_DISTRICT_ID, safe='')}/feed.atom")
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title")
              for e in checks.ET.fromstring(feed.get_data())]
    assert any(t and t.endswith(hostile_dataset.needs.at[HOSTILE_NEED_ID, "title_ru"])
               for t in titles)
    page = hostile_client.get(f"/ogc/collections/needs/items/{quote(HOSTILE_NEED_ID, safe='')}"
                              "?f=html").get_data(as_text=True)
    assert checks.raw_markup_problems(page, "ogc need page") == []
    assert "need-n1-ru:" not in page and "need-n12-ru:&lt;b&gt;bold&lt;/b&gt;" in page
