"""oEmbed 1.0 (oembed.com): a rich iframe for the maps this app serves, errors by the spec."""

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

REQUIRED = {"type", "version", "html", "width", "height"}


def _oembed(client, url, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.get(f"/oembed?url={quote(url, safe='')}" + (f"&{query}" if query else ""))


@pytest.mark.parametrize("page", ["/", "/embed/map", "/districts/a", "/works/p1", "/planner", "/near"])
def test_rich_answer_for_each_map_url(client, page):
    response = _oembed(client, f"http://localhost{page}?year=2023&lang=en", format="json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    assert REQUIRED <= set(data) and data["type"] == "rich" and data["version"] == "1.0"
    assert {"title", "provider_name", "provider_url", "cache_age", "thumbnail_url",
            "thumbnail_width", "thumbnail_height"} <= set(data)
    src = re.fullmatch(r'<iframe src="([^"]+)" width="(\d+)" height="(\d+)" title="[^"]+" '
                       r'loading="lazy" style="border:0"></iframe>', data["html"])
    assert src, data["html"]
    query = parse_qs(urlsplit(src.group(1).replace("&amp;", "&")).query)
    assert urlsplit(src.group(1)).path == "/embed/map"
    assert query["year"] == ["2023"] and query["lang"] == ["en"]
    if page.startswith(("/districts/", "/works/")):
        assert query["district"] == ["a"] and data["title"].startswith("Alpha")
    assert (int(src.group(2)), int(src.group(3))) == (data["width"], data["height"])


def test_size_limits_are_respected_by_html_and_thumbnail(client):
    data = _oembed(client, "http://localhost/", maxwidth=320, maxheight=260).get_json()
    assert data["width"] <= 320 and data["height"] <= 260
    assert 'width="320"' in data["html"] and 'height="260"' in data["html"]
    assert data["thumbnail_width"] <= 320 and data["thumbnail_height"] <= 260
    png = client.get(data["thumbnail_url"].replace("http://localhost", ""))
    assert png.status_code == 200 and png.mimetype == "image/png"


def test_tiny_maxwidth_drops_the_thumbnail_rather_than_exceed_it(client):
    data = _oembed(client, "http://localhost/", maxwidth=150).get_json()
    assert data["width"] == 150 and "thumbnail_url" not in data


@pytest.mark.parametrize("url", [
    "http://news.example.kz/", "https://evil.example/embed/map", "http://localhost/works/nothing",
    "http://localhost/api/works", "http://localhost/districts/nowhere", "http://localhost/?year=20x3",
    "ftp://localhost/", "http://localhost:8080/",
])
def test_404_for_urls_this_app_does_not_serve_as_a_map(client, url):
    response = _oembed(client, url)
    assert response.status_code == 404
    assert set(response.get_json()) == {"code", "description"}


def test_501_for_xml(client):
    assert _oembed(client, "http://localhost/", format="xml").status_code == 501


@pytest.mark.parametrize("params", [{"maxwidth": "abc"}, {"maxheight": "-5"}, {"maxwidth": "0"},
                                    {"maxwidth": "99999999"}])
def test_400_for_bad_sizes(client, params):
    response = _oembed(client, "http://localhost/", **params)
    assert response.status_code == 400 and response.get_json()["code"] == 400


def test_400_without_url(client):
    assert client.get("/oembed").status_code == 400


def test_title_is_plain_text_in_json_and_escaped_in_html(client):
    data = _oembed(client, "http://localhost/embed/map?title=" + quote('<script>x</script>"')).get_json()
    assert data["title"] == '<script>x</script>"'
    assert "<script>" not in data["html"] and "&lt;script&gt;" in data["html"]
