"""/api/near answers from the Features serialised once per Dataset; they must stay what
serialising the works' rows on each request gives (``rebuilt_features``), so the stored
Features cannot drift from the route's contract."""

import json

import pytest
from flask import request

from web.opendata.near_api import near_features, rebuilt_features
from web.pages.near import required_near_query
from web.snapshot import get_dataset

P1 = "lat=49.945&lon=82.605"  # on work p1, inside district a


def assert_near_matches_rebuilt(app, url):
    """The Features ``url`` answers equal the rebuilt ones; returns how many there are."""
    with app.test_request_context(url):
        result, _ = required_near_query(request.args)
        stored, rebuilt = near_features(get_dataset(), result), rebuilt_features(result)
    assert stored == rebuilt  # byte for byte
    response = app.test_client().get(url)
    assert response.status_code == 200
    sent, expected = response.json["features"], [json.loads(f) for f in rebuilt]
    assert [f["id"] for f in sent] == [f["id"] for f in expected] == list(result.ids)
    assert [f["geometry"] for f in sent] == [f["geometry"] for f in expected]
    assert [f["properties"] for f in sent] == [f["properties"] for f in expected]
    return len(sent)


def test_every_located_work_of_the_tiny_city_matches(app, tiny_dataset):
    count = assert_near_matches_rebuilt(app, f"/api/near?{P1}&radius=10000")
    assert count == len(tiny_dataset.near) > 0


@pytest.mark.parametrize("query", [
    f"{P1}&radius=1000&lang=kk", f"{P1}&radius=500&lang=en", f"{P1}&status=planned",
    f"{P1}&year=2023&category=roads", "lat=49.93&lon=82.62&radius=2500",
    "lat=49.8&lon=82.3&radius=500"])
def test_filtered_and_localised_answers_match(app, query):
    assert_near_matches_rebuilt(app, f"/api/near?{query}")
