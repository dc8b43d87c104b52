"""Bad query parameters and ids on every route: 400 or 404 with the documented body, never 500.

Every sample URL of ``routes.py`` is requested with each bad value added; a
route that does not read a parameter may ignore it (200), but no answer is a
500, an error always has the documented shape, and no body shows a traceback
or SQL. Where a route reads the parameter, the answer must be 400.
Property tests of the parser itself are in ``tests/web/test_params.py``; the
schemathesis run over ``/ogc/api`` is in ``tests/web/test_ogc.py``.
"""

import re
from urllib.parse import parse_qsl, quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.routes import app_rules, sample_urls

LONG = "x" * 10_000
# parameter -> values that must be refused wherever the parameter is read
BAD = {
    "limit": ["0", "-1", "ten", "1.5", "1e3", "0x10", LONG],
    "offset": ["-1", "x", "2000000", "9" * 40],
    "bbox": ["1,2,3", "1,2,3,4,5", "nan,49,83,50", "82,49,inf,50", "a,b,c,d", "82,-95,83,50",
             "82,49,83,91", "82.7,50.1,82.5,49.9", ",,,", LONG],
    "datetime": ["2023-13-45", "2024-01-01/2023-01-01", "x/y", "2023-01-01/2023-02-01/2023-03-01",
                 "/", "2023-02-30", LONG],
    "year": ["2024-2022", "abc", "..", "2022-", "-2022", "0", "99999", "2022/2023", "2022 2023",
             "2022--2023", "2022 – ", LONG],
    "lat": ["91", "-90.5", "x", "nan", "1e400", "49,9,5", "49,9.5"],
    "lon": ["181", "-inf", "x"],
    "radius": ["-1", "0", "1e12", "x", "nan"],
    "lang": ["de", "../../etc/passwd", "ru\x00", "ru' OR 1=1--", LONG],
    "category": ["bogus", "' OR 1=1--", "roads\x00", LONG],
    "status": ["bogus", "done;DROP TABLE works"],
    "status_type": ["bogus", "done", "open;DROP TABLE needs"],
    "district": ["../..", "a b", "x\x00y", LONG],
    "f": ["xml", "../"],
    "q": ["x" * 201, "a\x00b", LONG],
    "kind": ["house", "street,house", LONG],
    "street": ["x" * 201, "a\x00b"],
}
# rule -> parameters it reads and must refuse with 400 (checked strictly)
READS = {
    "/api/works": {"limit", "offset", "bbox", "year", "category", "status", "district", "lang"},
    "/api/districts": {"bbox", "year", "category", "status", "district", "lang"},
    "/api/needs": {"limit", "offset", "bbox", "year", "category", "status", "status_type",
                   "district", "lang"},
    "/ogc/collections/<collection_id>/items": {"limit", "offset", "bbox", "datetime", "year",
                                               "category", "status", "f"},
    "/download/<layer>.<fmt>": {"bbox", "year", "category", "status", "district", "lang"},
    "/download/funding.csv": {"bbox", "year", "category", "status", "district", "lang"},
    "/planner": {"year", "category", "status", "lang"},
    "/planner.csv": {"year", "category", "status", "lang"},
    "/api/stats": {"year", "category", "status", "lang"},
    "/": {"lang"},
    "/near": {"lat", "lon", "radius", "lang"},
    "/api/near": {"lat", "lon", "radius"},
    "/api/search": {"q", "kind", "limit", "lang"},
    "/search": {"q", "kind", "limit", "lang", "street"},
    "/near/feed.atom": {"lat", "lon", "radius"},
    "/embed/map": {"year", "category", "status", "district", "lang"},
    "/embed/map.png": {"year", "category", "status", "district", "lang"},
}
def reads(rule, url, param):
    """Whether the route reads ``param`` on this URL (the near-me form without a point
    has no use for a radius)."""
    if rule == "/near" and param == "radius" and "lat=" not in url:
        return False
    if param == "status_type":  # needs only: a works' collection or file has no such filter
        return rule == "/api/needs" or ("needs" in url and rule in (
            "/ogc/collections/<collection_id>/items", "/download/<layer>.<fmt>"))
    return param in READS.get(rule, ())


# An unknown district is "not found" on pages and embeds (400 on the API: a bad filter).
REFUSED = {"district": (400, 404)}
# Path values that must never reach a file, a query or a 500.
BAD_IDS = ["..", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2f..%2f..%2fetc%2fpasswd", "%00", "a%00b",
           quote("' OR 1=1--", safe=""), quote("1; DROP TABLE works", safe=""), "x" * 10_000,
           quote("<script>alert(1)</script>", safe=""), "%C0%AE%C0%AE", "%ff"]
LEAKS = re.compile(r"Traceback|File \"|werkzeug\.|[Ss]qlalchemy|psycopg|SELECT |\bFROM\b.*\bWHERE\b"
                   r"|Internal Server Error|jinja2\.")


def error_problems(url, response):
    """What is wrong with an answer to a bad request (empty when it is as documented)."""
    status = response.status_code
    body = response.get_data().decode("utf-8", errors="replace")
    problems = []
    if status >= 500 and not (status == 501 and url.startswith("/oembed?")):  # oEmbed's own code
        problems.append(f"{status}")
    if status >= 400 and LEAKS.search(body):
        problems.append(f"leaks {LEAKS.search(body).group(0)!r}")
    if status in (400, 404, 501):
        if response.mimetype == "application/json" or response.mimetype.endswith("+json"):
            document = response.get_json()
            if not (isinstance(document, dict) and set(document) == {"code", "description"}
                    and document["code"] == status and isinstance(document["description"], str)):
                problems.append(f"JSON error body {body[:120]!r}")
        elif response.mimetype == "text/html":
            if "<h1>" not in body or f"({status})" not in body:
                problems.append("not the error page")
        else:
            problems.append(f"error as {response.mimetype}")
    return [f"{url[:160]}: {p}" for p in problems]


def with_param(url, param, value):
    """``url`` with ``param`` set to ``value`` (replacing a sample's own value)."""
    path, _, query = url.partition("?")
    pairs = [(k, v) for k, v in parse_qsl(query) if k != param] + [(param, value)]
    return f"{path}?{urlencode(pairs, quote_via=quote)}"


@pytest.fixture(scope="module")
def urls(hostile_app, hostile_dataset):
    return sample_urls(hostile_app, hostile_dataset)


@pytest.mark.parametrize("param", sorted(BAD))
def test_bad_values_are_refused_where_read_and_never_break_a_route(hostile_client, urls, param):
    problems, lenient = [], []
    for rule, url in urls:
        for value in BAD[param]:
            bad_url = with_param(url, param, value)
            response = hostile_client.get(bad_url)
            problems += error_problems(bad_url, response)
            if reads(rule, url, param) and response.status_code not in REFUSED.get(param, (400,)):
                lenient.append(f"{bad_url[:120]}: {response.status_code}")
    assert problems == []
    assert lenient == []


def _with_bad_ids(rule, bad):
    path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: bad, rule)
    return path


def test_bad_ids_in_every_path_are_404_never_a_file_or_500(hostile_app, hostile_client):
    problems = []
    rules = [rule for rule in app_rules(hostile_app) if "<" in rule]
    for rule in rules:
        for bad in BAD_IDS:
            url = _with_bad_ids(rule, bad)
            response = hostile_client.get(url)
            problems += error_problems(url, response)
            if response.status_code not in (400, 404):
                problems.append(f"{url[:120]}: {response.status_code}")
    assert problems == []


def test_a_huge_limit_is_capped_and_a_huge_offset_is_refused(hostile_client):
    works = hostile_client.get("/api/works?limit=" + "9" * 50).get_json()
    assert works["numberReturned"] == 5
    ogc = hostile_client.get("/ogc/collections/works/items?limit=99999999999").get_json()
    assert ogc["numberReturned"] == 5
    assert hostile_client.get("/api/works?offset=" + "9" * 50).status_code == 400
    assert hostile_client.get("/api/works?offset=1000000").get_json()["features"] == []


def test_an_absent_or_empty_value_is_the_default(hostile_client):
    for url in ("/api/works?limit=&offset=&bbox=&year=&lang=", "/planner?year=&lang="):
        assert hostile_client.get(url).status_code == 200


QUERY_NAMES = sorted(BAD) + ["title", "metric", "width", "height", "url", "format", "scheme", "k",
                             "maxwidth", "maxheight", "callback"]


@st.composite
def query_strings(draw):
    pairs = draw(st.lists(st.tuples(st.sampled_from(QUERY_NAMES) | st.text(max_size=8),
                                    st.text(max_size=40) | st.sampled_from(sum(BAD.values(), []))),
                          max_size=5))
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_query_strings_on_every_route_never_give_500(hostile_client, urls, data):
    rule, url = data.draw(st.sampled_from(urls))
    query = data.draw(query_strings())
    bad_url = url.split("?")[0] + "?" + query
    assert error_problems(bad_url, hostile_client.get(bad_url)) == []


def test_a_capped_page_links_to_the_next_one(hostile_client, monkeypatch):
    import web.opendata.api
    import web.opendata.ogc.params

    monkeypatch.setattr(web.opendata.api, "MAX_LIMIT", 2)
    monkeypatch.setattr(web.opendata.ogc.params, "MAX_LIMIT", 2)
    for url in ("/api/works?limit=" + "9" * 30, "/ogc/collections/works/items?limit=1000000"):
        seen = []
        while url:
            document = hostile_client.get(url).get_json()
            assert document["numberReturned"] <= 2
            seen += [f["id"] for f in document["features"]]
            url = next((link["href"] for link in document["links"] if link["rel"] == "next"), None)
        assert len(seen) == len(set(seen)) == 5


@pytest.mark.parametrize("url", ["/api/near?lat=82.605&lon=49.945", "/near?lat=82.605&lon=49.945",
                                 "/near/feed.atom?lat=82.605&lon=49.945&lang=en"])
def test_swapped_lat_and_lon_are_named_as_such(hostile_client, url):
    response = hostile_client.get(url)
    assert response.status_code == 400
    assert "swapped" in response.get_data(as_text=True) or "перепутаны" in response.get_data(as_text=True)
