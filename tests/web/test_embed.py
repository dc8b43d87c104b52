"""The embed page, the builder, discovery links and headers per route."""

import re
from html import unescape

import pytest
from flask import request

from tests.conftest import make_app
from web.embed.params import parse_embed
from web.embed.png import png_text
from web.snapshot import get_dataset


def _csp(response):
    return dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))


def test_embed_page_has_title_summary_attribution_and_full_map_link(client):
    html = client.get("/embed/map?year=2023&lang=en").get_data(as_text=True)
    assert '<h1 class="embed-title">Ust-Kamenogorsk — works, 2023</h1>' in html
    assert "4 works (3 done)" in html  # tiny city, 2023: p1, p2, edge (planned), road
    assert "Data: city akimat" in html
    link = re.search(r'<a href="([^"]+)" target="_blank" rel="noopener">Open the full map</a>', html)
    assert link and unescape(link.group(1)) == "/?year=2023&metric=funding_per_resident&lang=en"
    full = client.get(unescape(link.group(1)))
    assert full.status_code == 200  # the city map knows every metric the embed uses
    assert '<option value="funding_per_resident" selected>' in full.get_data(as_text=True)


def test_embed_page_text_for_screen_readers_and_no_js(client):
    html = client.get("/embed/map?year=2023&district=b&lang=en").get_data(as_text=True)
    table = html[html.index('<section class="embed-text"'):html.index("</section>")]
    assert table.count("<tr>") == 1 + 2  # header + p2 and road (b holds half of the road)
    assert "Work p2" in table and "Work road" in table and "Work p1" not in table
    noscript = html[html.index("<noscript>"):html.index("</noscript>")]
    assert "/embed/map.png?" in noscript and "district=b" in noscript and 'alt="Map: Beta' in noscript


def test_title_parameter_is_text_everywhere(client):
    evil = "%3Cscript%3Ealert(1)%3C/script%3E%22%3E"
    html = client.get(f"/embed/map?title={evil}").get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;" in html
    builder = client.get(f"/embed?title={evil}").get_data(as_text=True)
    assert "<script>alert(1)" not in builder


def test_embed_page_discovery_and_social_image(client):
    html = client.get("/embed/map?district=a&lang=kk").get_data(as_text=True)
    oembed = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)">', html)
    assert oembed and unescape(oembed.group(1)).startswith("http://localhost/oembed?url=")
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert "district=a" in image and "width=1200" in image
    assert f'<meta name="twitter:image" content="{image}">' in html


@pytest.mark.parametrize("path", ["/", "/?year=2023&district=b", "/planner?year=2023",
                                  "/districts/b", "/works/p2", "/near",
                                  "/near?lat=49.945&lon=82.615", "/embed/map"])
def test_map_pages_carry_discovery_links(client, path):
    html = client.get(path).get_data(as_text=True)
    href = unescape(re.search(r'type="application/json\+oembed" href="([^"]+)"', html).group(1))
    assert client.get(href.replace("http://localhost", "", 1)).get_json()["type"] == "rich"
    image = unescape(re.search(r'property="og:image" content="([^"]+)"', html).group(1))
    assert client.get(image.replace("http://localhost", "", 1)).mimetype == "image/png"


@pytest.mark.parametrize("path", ["/embed", "/nothing"])
def test_other_pages_have_no_discovery_link(client, path):
    assert "json+oembed" not in client.get(path).get_data(as_text=True)


def test_share_links_take_parameters_implied_by_the_path(app):
    from flask import render_template_string

    with app.test_request_context("/districts/c?year=2022"):
        html = render_template_string("{{ share_links({'district': 'c'}) }}")
    assert "district=c" in html and "year=2022" in html


@pytest.mark.parametrize("path", ["/embed/map", "/embed/map.png", "/embed/resize.js"])
def test_embed_routes_may_be_framed_by_embed_ancestors(tiny_dataset, path):
    client = make_app(tiny_dataset, EMBED_ANCESTORS="https://news.example.kz https://*.example.org").test_client()
    response = client.get(path)
    assert response.status_code == 200
    assert _csp(response)["frame-ancestors"] == "https://news.example.kz https://*.example.org"
    assert "X-Frame-Options" not in response.headers


def test_embed_routes_default_to_any_ancestor(client):
    assert _csp(client.get("/embed/map"))["frame-ancestors"] == "*"


@pytest.mark.parametrize("path", ["/", "/embed", "/oembed?url=http://localhost/", "/healthz"])
def test_other_routes_only_by_themselves(client, path):
    response = client.get(path)
    assert _csp(response)["frame-ancestors"] == "'self'" and response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_embed_csp_is_strict(client):
    response = client.get("/embed/map")
    csp = _csp(response)
    nonce = re.search(r"'nonce-([^']+)'", csp["script-src"]).group(1)
    assert csp["script-src"] == f"'self' 'nonce-{nonce}'" and csp["img-src"] == "'self' data:"
    html = response.get_data(as_text=True)
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert inline and all(f'nonce="{nonce}"' in tag for tag in inline)
    assert not re.search(r'(?:src|href)="https?://(?!localhost/)', html)


def test_resize_script_is_served_as_javascript(client):
    response = client.get("/embed/resize.js")
    assert response.mimetype == "text/javascript" and b"event.origin" in response.data


@pytest.mark.parametrize("query", ["year=20x3", "metric=x", "lang=xx", "title=" + "a" * 201])
def test_bad_embed_parameters_are_400(client, query):
    assert client.get(f"/embed/map?{query}").status_code == 400


def test_unknown_district_is_404(client):
    assert client.get("/embed/map?district=nowhere").status_code == 404


def test_builder_regenerates_snippets_without_js(client):
    html = client.get("/embed?year=2023&district=b&map_lang=kk&size=custom&width=500&height=420&title=T&lang=en").get_data(as_text=True)
    snippet = unescape(unescape(re.search(r'<textarea id="snippet-iframe"[^>]*>([^<]+)</textarea>', html).group(1)))
    assert snippet == ('<iframe src="http://localhost/embed/map?year=2023&district=b&metric=funding_per_resident'
                       '&lang=kk&title=T" width="500" height="420" title="T" loading="lazy" style="border:0"></iframe>')
    resizable = unescape(re.search(r'<textarea id="snippet-resizable"[^>]*>([^<]+)</textarea>', html).group(1))
    assert resizable.endswith('style="border:0" data-okraina-embed></iframe>\n'
                              '<script async src="http://localhost/embed/resize.js"></script>')
    assert '<iframe src="http://localhost/embed/map?year=2023&amp;district=b' in html  # the preview
    assert "Embed a map in an article" in html  # UI in the page's language, the map in kk


@pytest.mark.parametrize("lang, word", [("ru", "Карта для статьи"), ("kk", "Мақалаға арналған карта")])
def test_builder_is_translated(client, lang, word):
    assert word in client.get(f"/embed?lang={lang}").get_data(as_text=True)


def test_embed_map_is_the_city_map_framed_on_the_selected_district(client, tiny_dataset):
    html = client.get("/embed/map?year=2023&district=b&lang=en").get_data(as_text=True)
    assert html.count("okraina.worksLayer(") == 1 and "L.geoJSON(" not in html.replace("L.geoJson(", "")
    assert '"linkTarget":"_blank"' in html and '"query":"?lang=en"' in html
    assert "gestureHandling" in html and "L.control.layers" not in html
    minlon, minlat, maxlon, maxlat = tiny_dataset.districts.loc[["b"]].total_bounds
    assert f"fitBounds([[{minlat},{minlon}],[{maxlat},{maxlon}]]" in re.sub(r"\s+", "", html)
    assert html.count('"selected": true') == 1 and '"id": "b"' in html


def test_embed_map_of_the_city_outlines_no_district(client):
    html = client.get("/embed/map?year=2023").get_data(as_text=True)
    assert '"selected": true' not in html and '"selected": false' in html


@pytest.mark.parametrize("lang, embed, page", [
    ("en", "Data: city akimat, as of March 15, 2024", "settlements, as of March 15, 2024."),
    ("ru", "Данные: акимат города, на 15 марта 2024\u202fг.", "посёлков, на 15 марта 2024\u202fг."),
    ("kk", "Деректер: қала әкімдігі, 2024\u202fж. 15 наурыз жағдай бойынша",
     "кенттерді дамыту бағдарламасы, 2024\u202fж. 15 наурыз жағдай бойынша.")])
def test_the_attribution_gives_the_data_date_not_the_load_date(client, lang, embed, page):
    # the tiny city's latest status date is 15 March 2024 (need n11); it was loaded today
    html = client.get(f"/embed/map?year=2023&lang={lang}").get_data(as_text=True)
    assert f'<span class="data-attribution">{embed}</span>' in html
    footer = client.get(f"/districts/a?lang={lang}").get_data(as_text=True).split('class="data-attribution">')[1]
    assert footer.split("</p>")[0].endswith(page)


def test_the_png_prints_the_data_date(app):
    with app.test_request_context("/embed/map.png?lang=en"):
        text = png_text(get_dataset(), parse_embed(request.args))
    assert text.attribution == "Data: city akimat, as of March 15, 2024"
