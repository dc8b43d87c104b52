"""/near (a GET form that works without JS) and /api/near (GeoJSON with distance_m)."""

import re

import pytest

P1 = "lat=49.945&lon=82.605"  # on work p1, inside district a


def test_api_near_returns_features_nearest_first_with_distance_and_district(client):
    response = client.get(f"/api/near?{P1}&radius=1000&lang=en")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    body = response.json
    assert body["type"] == "FeatureCollection"
    assert body["district"] == {"id": "a", "name": "Alpha"}
    assert body["query"] == {"lon": 82.605, "lat": 49.945, "radius_m": 1000.0}
    ids = [f["id"] for f in body["features"]]
    assert ids == ["p1", "road", "edge", "p2"]  # ties at 0 m broken by id
    distances = [f["properties"]["distance_m"] for f in body["features"]]
    assert distances[:2] == [0.0, 0.0] and 358 < distances[2] < 360 and 717 < distances[3] < 719
    first = body["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [82.605, 49.945]}
    assert first["properties"]["title_en"] == "Work p1" and first["properties"]["district_id"] == "a"
    assert first["properties"]["funding_kzt"] == 1000 and body["numberMatched"] == 4


def test_api_near_applies_shared_filters_and_default_radius(client):
    body = client.get(f"/api/near?{P1}&status=planned").json
    assert [f["id"] for f in body["features"]] == ["edge"]
    assert body["query"]["radius_m"] == 1000
    assert client.get(f"/api/near?{P1}&radius=10").json["numberReturned"] == 2


def test_api_near_outside_every_district(client):
    body = client.get("/api/near?lat=49.8&lon=82.3&radius=500").json
    assert body["district"] is None and body["features"] == []


@pytest.mark.parametrize("query", [
    "lat=999&lon=82.6", "lat=49.9&lon=200", "lat=abc&lon=82.6", "lat=49.9", "",
    f"{P1}&radius=-5", f"{P1}&radius=0", f"{P1}&radius=10001", f"{P1}&radius=x",
    f"{P1}&year=abc", f"{P1}&category=nope", f"{P1}&district=zz",
])
def test_api_near_bad_input_is_json_400_or_404(client, query):
    response = client.get(f"/api/near?{query}")
    assert response.status_code in (400, 404) and response.mimetype == "application/json"
    assert set(response.json) == {"code", "description"}


def test_near_page_without_a_point_shows_the_form(client):
    html = client.get("/near?lang=en").get_data(as_text=True)
    assert '<form id="near-form"' in html and 'name="lat"' in html and 'name="radius"' in html
    assert 'id="locate" hidden' in html  # shown by near.js only where geolocation exists
    assert "okraina.pickPoint(" in html and 'id="near-list"' not in html


def test_near_page_lists_the_works_in_order_with_metres_and_your_district(client):
    html = client.get(f"/near?{P1}&radius=1000&lang=en").get_data(as_text=True)
    block = html.split('id="near-list"', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r'data-work-id="([^"]+)"', block) == ["p1", "road", "edge", "p2"]
    assert re.findall(r'class="distance">([^<]+) m<', block) == ["0", "0", "359", "718"]
    assert 'Your district:' in html and 'href="/districts/a?lang=en">Alpha</a>' in html
    assert '4 works within 1,000 m' in html
    assert '<link rel="alternate" type="application/atom+xml" href="/near/feed.atom?' in html


def test_near_page_keeps_filters_in_the_form(client):
    html = client.get(f"/near?{P1}&status=done&lang=kk").get_data(as_text=True)
    assert '<input type="hidden" name="status" value="done">' in html
    assert '<input type="hidden" name="lang" value="kk">' in html


@pytest.mark.parametrize("query", ["lat=999&lon=82.6", f"{P1}&radius=-5", "lat=x&lon=1", f"{P1}&radius=20000"])
def test_near_page_bad_input_is_a_readable_400(client, query):
    response = client.get(f"/near?{query}&lang=en")
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "Bad request" in response.get_data(as_text=True)
