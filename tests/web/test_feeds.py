"""Atom feeds (RFC 4287): per district and per point + radius."""

import xml.etree.ElementTree as ET

import pytest

from tests.conftest import make_app
from tests.web._pages_data import XSS_TITLE, hostile_dataset

NS = {"a": "http://www.w3.org/2005/Atom"}


def parse(response):
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.get_data())


def test_district_feed_has_one_entry_per_work(client):
    feed = parse(client.get("/districts/b/feed.atom?lang=en"))
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.find("a:title", NS).text == "Works and residents' needs in Beta"
    assert feed.find("a:id", NS).text == "http://localhost/districts/b"
    entries = [e for e in feed.findall("a:entry", NS) if "/works/" in e.find("a:id", NS).text]
    assert sorted(e.find("a:id", NS).text for e in entries) == [
        "http://localhost/works/p2", "http://localhost/works/road"]
    entry = next(e for e in entries if e.find("a:id", NS).text.endswith("/p2"))
    assert entry.find("a:title", NS).text == "Work p2"
    assert entry.find("a:updated", NS).text == "2023-09-30T00:00:00Z"  # its finish date
    assert entry.find("a:link", NS).get("href") == "http://localhost/works/p2?lang=en"
    assert "Lighting" in entry.find("a:summary", NS).text
    assert feed.find("a:link[@rel='self']", NS) is not None
    assert feed.find("a:updated", NS).text == "2024-03-15T00:00:00Z"  # n11 met that day


def need_entries(feed):
    return {e.find("a:id", NS).text: e for e in feed.findall("a:entry", NS)
            if "/needs/" in e.find("a:id", NS).text}


def test_district_feed_has_an_entry_per_need_status(client):
    entries = need_entries(parse(client.get("/districts/b/feed.atom?lang=en")))
    assert list(entries) == [  # newest status first
        "http://localhost/needs/n11#status-met", "http://localhost/needs/n7#status-met",
        "http://localhost/needs/n10#status-accepted", "http://localhost/needs/n8#status-met",
        "http://localhost/needs/n9#status-open"]
    n10 = entries["http://localhost/needs/n10#status-accepted"]
    assert n10.find("a:title", NS).text == "Accepted: Need n10"
    assert n10.find("a:updated", NS).text == "2023-05-01T00:00:00Z"  # its status_on
    assert n10.find("a:link", NS).get("href") == "http://localhost/needs/n10?lang=en"
    assert n10.find("a:summary", NS).text == "Roads · raised 2023-04-01"
    declined = need_entries(parse(client.get("/districts/a/feed.atom?lang=kk")))
    n5 = declined["http://localhost/needs/n5#status-declined"]
    assert n5.find("a:title", NS).text == "Қабылданбады: Қажеттілік n5"
    assert n5.find("a:summary", NS).text.endswith("Әкімдік жауабы")  # the answer
    assert n5.find("a:link", NS).get("href") == "http://localhost/needs/n5?lang=kk"


def test_a_status_change_is_a_new_entry_and_the_filters_apply(client, tiny_dataset):
    import dataclasses

    needs = tiny_dataset.needs.copy()
    needs.loc["n9", ["status", "status_type"]] = ["met", "met"]
    changed = make_app(dataclasses.replace(tiny_dataset, needs=needs)).test_client()
    before = need_entries(parse(client.get("/districts/b/feed.atom")))
    after = need_entries(parse(changed.get("/districts/b/feed.atom")))
    assert set(after) - set(before) == {"http://localhost/needs/n9#status-met"}
    assert set(before) - set(after) == {"http://localhost/needs/n9#status-open"}
    lighting = need_entries(parse(client.get("/districts/b/feed.atom?category=lighting")))
    assert list(lighting) == ["http://localhost/needs/n7#status-met"]
    assert need_entries(parse(client.get("/districts/b/feed.atom?year=2022"))) == {}
    # ``status`` filters the works (their vocabulary); the needs keep their entries
    assert len(need_entries(parse(client.get("/districts/b/feed.atom?status=done")))) == 5


def test_a_city_without_needs_keeps_its_works_feed(tmp_path):
    from geo import load_dataset
    from tests.geo import tiny

    app = make_app(load_dataset(tiny.write_city(tmp_path / "city", needs=[])))
    feed = parse(app.test_client().get("/districts/b/feed.atom?lang=en"))
    assert feed.find("a:title", NS).text == "Works in Beta" and need_entries(feed) == {}


def test_near_feed_orders_entries_by_distance(client):
    feed = parse(client.get("/near/feed.atom?lat=49.945&lon=82.605&radius=1000&lang=en"))
    ids = [e.find("a:id", NS).text.rsplit("/", 1)[1] for e in feed.findall("a:entry", NS)]
    assert ids == ["p1", "road", "edge", "p2"]
    assert feed.findall("a:entry", NS)[2].find("a:summary", NS).text.endswith("359 m")


@pytest.mark.parametrize("path, status", [
    ("/districts/zz/feed.atom", 404), ("/near/feed.atom", 400),
    ("/near/feed.atom?lat=999&lon=1", 400), ("/near/feed.atom?lat=49.9&lon=82.6&radius=-5", 400),
    ("/districts/a/feed.atom?year=abc", 400),
])
def test_feed_errors(client, path, status):
    assert client.get(path).status_code == status


def test_feed_titles_are_escaped_text(tmp_path):
    app = make_app(hostile_dataset(tmp_path / "city"))
    response = app.test_client().get("/districts/a/feed.atom?lang=ru")
    raw = response.get_data(as_text=True)
    assert XSS_TITLE not in raw and "&lt;img src=x onerror=alert(1)&gt;" in raw
    titles = [e.find("a:title", NS) for e in parse(response).findall("a:entry", NS)]
    assert XSS_TITLE in [t.text for t in titles] and {t.get("type") for t in titles} == {"text"}
