"""Every sampled route answers with the recorded status, content type and body.

A regression net for refactoring ``web/``: what a user sees must not change.
Per-request values are normalised before comparing: CSP nonces, Folium's random
element ids (numbered in order of first appearance), and clock readings of today
(``loaded_at``, the OGC ``timeStamp``, the calendar's ``DTSTAMP``). To re-record after
an intentional change, run ``OKRAINA_RECORD_SNAPSHOTS=1 pytest tests/web/test_route_snapshots.py``
and review the diff of ``tests/web/snapshots/`` before committing it.
"""

import hashlib
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.conftest import make_app

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
RECORD = os.environ.get("OKRAINA_RECORD_SNAPSHOTS") == "1"
CENTRE = "lat=49.945&lon=82.605&radius=2000"
NEAR = "lat=0.0045&lon=0.0045&radius=2000"
JSON_ACCEPT = {"Accept": "application/json"}
HTML_ACCEPT = {"Accept": "text/html"}

# (label, url, headers): labels name the fixture files, so keep them stable.
REQUESTS = [
    ("index", "/", {}),
    ("index-kk", "/?lang=kk", {}),
    ("index-en", "/?lang=en", {}),
    ("index-filtered", "/?year=2023&category=roads&status=done", {}),
    ("index-district", "/?district=b&year=2022-2023", {}),
    ("index-accept-kk", "/", {"Accept-Language": "kk"}),
    ("district-a", "/districts/a", {}),
    ("district-b-kk", "/districts/b?lang=kk", {}),
    ("district-c-en", "/districts/c?lang=en&year=2023", {}),
    ("work-p1", "/works/p1", {}),
    ("need-n1", "/needs/n1", {}),
    ("need-n5-kk", "/needs/n5?lang=kk", {}),
    ("need-n9-en", "/needs/n9?lang=en", {}),
    ("index-needs", "/?needs=1&need_status=open,met&lang=en", {}),
    ("work-road-en", "/works/road?lang=en", {}),
    ("work-edge-kk", "/works/edge?lang=kk", {}),
    ("near", "/near", {}),
    ("near-point", f"/near?{NEAR}", {}),
    ("near-point-en", f"/near?{NEAR}&lang=en&category=roads", {}),
    ("near-city", f"/near?{CENTRE}", {}),
    ("near-feed", f"/near/feed.atom?{NEAR}", {}),
    ("near-decimal-comma", "/near?lat=49,945&lon=82,605&radius=2000", {}),
    ("index-year-dash", "/?year=2022%20%E2%80%93%202023&lang=kk", {}),
    ("search", "/search", {}),
    ("search-kk", "/search?q=p1&lang=kk", {}),
    ("search-nothing-en", "/search?q=zzz&lang=en", {}),
    ("district-feed", "/districts/a/feed.atom", {}),
    ("district-feed-kk", "/districts/b/feed.atom?lang=kk", {}),
    ("district-ics", "/districts/a/meetings.ics", {}),
    ("district-ics-en", "/districts/c/meetings.ics?lang=en", {}),
    ("planner", "/planner", {}),
    ("planner-kk", "/planner?lang=kk", {}),
    ("planner-en-years", "/planner?lang=en&year=2022-2023", {}),
    ("planner-metric", "/planner?metric=funding", {}),
    ("planner-csv", "/planner.csv", {}),
    ("planner-csv-en", "/planner.csv?lang=en&year=2023", {}),
    ("api-stats", "/api/stats", {}),
    ("api-stats-year", "/api/stats?year=2023&lang=en", {}),
    ("embed-map", "/embed/map", {}),
    ("embed-map-district", "/embed/map?district=b&lang=kk", {}),
    ("embed-map-title", "/embed/map?title=%3Cb%3Ex%3C%2Fb%3E&year=2023&lang=en", {}),
    ("embed-map-metric", "/embed/map?metric=funding_per_resident", {}),
    ("embed-builder", "/embed", {}),
    ("embed-builder-en", "/embed?lang=en&district=a", {}),
    ("embed-resize", "/embed/resize.js", {}),
    ("oembed", "/oembed?format=json&url=http%3A%2F%2Flocalhost%2Fembed%2Fmap", {}),
    ("oembed-district", "/oembed?url=http%3A%2F%2Flocalhost%2Fdistricts%2Fb&lang=kk", {}),
    ("oembed-bad", "/oembed?url=http%3A%2F%2Fexample.com%2F", {}),
    ("api-districts", "/api/districts", {}),
    ("api-districts-en", "/api/districts?lang=en&year=2023", {}),
    ("api-works", "/api/works", {}),
    ("api-works-page", "/api/works?limit=2&offset=1&lang=kk", {}),
    ("api-works-filtered", "/api/works?district=a&status=done&category=roads", {}),
    ("api-work", "/api/works/road", {}),
    ("api-near", f"/api/near?{NEAR}", {}),
    ("api-near-k", f"/api/near?{NEAR}&limit=1", {}),
    ("api-search", "/api/search?q=road&lang=en", {}),
    ("api-map-works", "/api/map/works", {}),
    ("api-map-needs", "/api/map/needs?lang=kk", {}),
    ("api-map-works-kk", "/api/map/works?lang=kk&year=2023", {}),
    ("api-map-works-district", "/api/map/works?district=c", {}),
    ("api-needs", "/api/needs", {}),
    ("api-needs-filtered", "/api/needs?lang=kk&district=b&status_type=open,met&limit=2", {}),
    ("api-need", "/api/needs/n7?lang=en", {}),
    ("download-needs-csv", "/download/needs.csv?lang=en&year=2023", {}),
    ("download-needs-geojson", "/download/needs.geojson?status=declined", {}),
    ("download", "/download", {}),
    ("download-en", "/download?lang=en", {}),
    ("download-works-csv", "/download/works.csv", {}),
    ("download-works-geojson", "/download/works.geojson?lang=en", {}),
    ("download-districts-csv", "/download/districts.csv?lang=kk", {}),
    ("download-districts-geojson", "/download/districts.geojson", {}),
    ("download-funding", "/download/funding.csv", {}),
    ("healthz", "/healthz", {}),
    ("ogc", "/ogc", {}),
    ("ogc-html", "/ogc?f=html", {}),
    ("ogc-conformance", "/ogc/conformance", {}),
    ("ogc-api", "/ogc/api", {}),
    ("ogc-collections", "/ogc/collections", {}),
    ("ogc-collections-html", "/ogc/collections", HTML_ACCEPT),
    ("ogc-collection", "/ogc/collections/works", {}),
    ("ogc-items", "/ogc/collections/works/items", {}),
    ("ogc-items-page", "/ogc/collections/works/items?limit=2&offset=1&bbox=-1,-1,1,1", {}),
    ("ogc-items-html", "/ogc/collections/districts/items?f=html&lang=kk", {}),
    ("ogc-item", "/ogc/collections/works/items/p1", {}),
    ("ogc-item-html", "/ogc/collections/districts/items/a?f=html", {}),
    ("ogc-needs-items", "/ogc/collections/needs/items?datetime=2023-01-01/..&limit=3", {}),
    ("ogc-needs-items-html", "/ogc/collections/needs/items?f=html&lang=en", {}),
    ("ogc-need-html", "/ogc/collections/needs/items/n5?f=html&lang=kk", {}),
    ("ogc-queryables", "/ogc/collections/needs/queryables", {}),
    ("ogc-queryables-html", "/ogc/collections/works/queryables?f=html&lang=en", {}),
    # errors: 400 and 404, HTML and JSON
    ("err-page-404", "/districts/nowhere", {}),
    ("err-work-404", "/works/nothing?lang=kk", {}),
    ("err-need-404", "/needs/nothing?lang=kk", {}),
    ("err-needs-400", "/?needs=2", {}),
    ("err-unknown-404", "/no/such/page", {}),
    ("err-page-400", "/?year=abc", {}),
    ("err-page-400-en", "/?status=weird&lang=en", {}),
    ("err-index-district-404", "/?district=nowhere", {}),
    ("err-near-400", "/near?lat=100&lon=0", {}),
    ("err-planner-400", "/planner?metric=nope", {}),
    ("err-planner-district", "/planner?district=nowhere", {}),
    ("err-embed-district", "/embed/map?district=nowhere", {}),
    ("err-embed-400", "/embed/map?height=-3", {}),
    ("err-png-400", "/embed/map.png?width=99999", {}),
    ("err-builder-district", "/embed?district=nowhere", {}),
    ("err-api-404", "/api/works/nothing", {}),
    ("err-api-unknown", "/api/nothing", {}),
    ("err-api-400", "/api/works?year=abc", {}),
    ("err-api-limit", "/api/works?limit=-1", {}),
    ("err-api-district", "/api/works?district=nowhere", {}),
    ("err-api-need-404", "/api/needs/nothing", {}),
    ("err-api-need-status", "/api/needs?status=done", {}),
    ("err-api-districts-district", "/api/districts?district=nowhere", {}),
    ("err-api-near-400", "/api/near?lat=x", {}),
    ("err-api-search-400", "/api/search?q=", {}),
    ("err-search-400", "/search?q=p1&kind=house", {}),
    ("err-api-near-k", f"/api/near?{NEAR}&limit=100000", {}),
    ("err-map-works-district", "/api/map/works?district=nowhere", {}),
    ("err-stats-district", "/api/stats?district=nowhere", {}),
    ("err-stats-400", "/api/stats?year=1800-9999", {}),
    ("err-planner-csv-district", "/planner.csv?district=nowhere", {}),
    ("err-oembed-400", "/oembed?format=xml&url=http%3A%2F%2Flocalhost%2Fembed%2Fmap", {}),
    ("err-oembed-size", "/oembed?url=http%3A%2F%2Flocalhost%2Fembed%2Fmap&maxwidth=abc", {}),
    ("err-ogc-404", "/ogc/collections/nothing", {}),
    ("err-ogc-404-html", "/ogc/collections/nothing?f=html", {}),
    ("err-ogc-400", "/ogc/collections/works/items?limit=abc", {}),
    ("err-ogc-format", "/ogc/collections/works/items?f=xml", {}),
    ("err-ogc-item-404", "/ogc/collections/works/items/nothing", {}),
    ("err-download-404", "/download/nothing.csv", {}),
    ("err-download-district", "/download/works.csv?district=nowhere", {}),
    ("err-feed-district", "/districts/nowhere/feed.atom", {}),
    ("err-ics-district", "/districts/nowhere/meetings.ics", {}),
    ("err-healthz-405", "/healthz", {"method": "POST"}),
    ("err-api-json-accept", "/api/works?year=x", JSON_ACCEPT),
]

NONCE = re.compile(r'(nonce(?:=|-)["\']?)[A-Za-z0-9_\-]{16,}')
FOLIUM_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def _clock_pattern():
    today = datetime.now(timezone.utc)
    iso, compact = today.strftime("%Y-%m-%d"), today.strftime("%Y%m%d")
    return re.compile(rf"{iso}T[0-9:.]+(?:Z|[+-]00:00)?|{compact}T\d{{6}}Z")


def normalise(text):
    """The body with per-request nonces and random Folium ids replaced by stable ones."""
    text = NONCE.sub(r"\1NONCE", text)
    text = _clock_pattern().sub("NOW", text)
    seen = {}
    return FOLIUM_ID.sub(lambda m: seen.setdefault(m.group(0), f"ID{len(seen) + 1:04d}"), text)


def record(response):
    ctype = response.headers.get("Content-Type", "")
    data = response.get_data()
    if ctype.startswith(("text/", "application/json", "application/geo+json", "application/problem+json",
                         "application/atom+xml", "application/vnd.oai", "application/javascript")):
        body = normalise(data.decode("utf-8"))
    else:
        body = "sha256:" + hashlib.sha256(data).hexdigest()
    return {"status": response.status_code, "content_type": ctype, "body": body}


@pytest.fixture(scope="module")
def snapshot_client(tiny_dataset):
    return make_app(tiny_dataset).test_client()


@pytest.mark.parametrize("label,url,headers", REQUESTS, ids=[r[0] for r in REQUESTS])
def test_route_matches_snapshot(snapshot_client, label, url, headers):
    headers = dict(headers)
    method = headers.pop("method", "GET")
    got = record(snapshot_client.open(url, method=method, headers=headers))
    path = SNAPSHOTS / f"{label}.json"
    if RECORD:
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    assert path.exists(), f"no snapshot for {label}: record with OKRAINA_RECORD_SNAPSHOTS=1"
    want = json.loads(path.read_text(encoding="utf-8"))
    assert (got["status"], got["content_type"]) == (want["status"], want["content_type"]), url
    assert got["body"] == want["body"], url
