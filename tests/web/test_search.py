"""/api/search (JSON) and /search (the page, its street section) on the tiny city."""

import re
from html import unescape
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from web.pages.search_data import Links, street_entry, street_near

STREET = "ул. Тестовая"  # every tiny work is at "ул. Тестовая, 1": a, b and c


def results(client, query):
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.json["results"]


def test_api_search_finds_a_district_with_its_point_box_and_page(client):
    body = client.get("/api/search?q=" + quote("АЛЬФ") + "&lang=en").json
    assert body["query"] == {"q": "АЛЬФ", "lang": "en", "limit": 10, "kind": None}
    first = body["results"][0]
    assert first == {"kind": "district", "id": "a", "label": "Alpha", "secondary": "Centre",
                     "point": first["point"], "bbox": [82.6, 49.94, 82.61, 49.95],
                     "url": "http://localhost/districts/a?lang=en"}
    lon, lat = first["point"]
    assert 82.6 < lon < 82.61 and 49.94 < lat < 49.95


def test_api_search_street_has_its_works_count_districts_and_search_url(client):
    street = results(client, "q=" + quote("тестовой") + "&kind=street")
    assert len(street) == 1
    row = street[0]
    assert (row["kind"], row["id"], row["label"], row["works"]) == ("street", STREET, STREET, 5)
    assert row["secondary"] == "Альфа, Бета, Гамма"  # the districts of its works, most works first
    assert row["bbox"] == [82.505, 49.905, 82.615, 49.945]
    url = urlsplit(row["url"])
    assert url.path == "/search" and parse_qs(url.query) == {"q": [STREET], "street": [STREET]}


def test_api_search_works_and_needs_link_to_their_pages_in_the_language(client):
    works = results(client, "q=" + quote("жұмыс p22") + "&lang=kk")
    assert [(r["kind"], r["id"]) for r in works] == [("work", "p22")]
    assert works[0]["label"] == "Жұмыс p22" and works[0]["secondary"] == "Гамма · 2022 · Аяқталды"
    assert works[0]["url"] == "http://localhost/works/p22?lang=kk"
    assert works[0]["point"] == [82.505, 49.905] and works[0]["bbox"] is None  # a point needs no box
    needs = results(client, "q=" + quote("нужда n1") + "&kind=need")
    assert needs[0]["id"] == "n1" and needs[0]["url"] == "http://localhost/needs/n1"
    assert needs[0]["secondary"] == "Альфа · Решена" and needs[0]["point"] == [82.604, 49.944]
    assert [r["id"] for r in needs] == ["n1", "n10", "n11", "n12", "n13"]  # "n1" is a word prefix
    assert needs[1]["point"] is None  # n10 has no site in the data


def test_api_search_kinds_and_limit(client):
    assert {r["kind"] for r in results(client, "q=" + quote("работа") + "&kind=work&kind=need")} == {"work"}
    assert len(results(client, "q=" + quote("работа") + "&limit=2")) == 2
    assert results(client, "q=" + quote("нет такого")) == []


@pytest.mark.parametrize("query, param", [
    ("", "q"), ("q=", "q"), ("q=%20%20", "q"), ("q=" + "x" * 201, "q"), ("q=a%00b", "q"),
    ("q=a&limit=0", "limit"), ("q=a&limit=51", "limit"), ("q=a&limit=ten", "limit"),
    ("q=a&kind=house", "kind"), ("q=a&lang=de", "lang"),
])
def test_api_search_bad_input_is_json_400_naming_the_parameter(client, query, param):
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 400 and response.mimetype == "application/json"
    assert response.json["code"] == 400 and response.json["description"].startswith(f"{param}: ")


def test_search_page_groups_results_by_kind_in_the_language(client):
    html = client.get("/search?q=" + quote("альфа") + "&lang=kk").get_data(as_text=True)
    assert 'lang="kk"' in html
    groups = re.findall(r'<h3 id="results-(\w+)">([^<]+)</h3>', html)
    assert groups[0] == ("district", "Аудандар (1)")
    assert [kind for kind, _ in groups] == ["district"]
    assert 'href="/districts/a?lang=kk"' in html
    assert "«альфа» бойынша" in unescape(html)


def test_search_page_without_results_says_so_and_suggests_what_to_type(client):
    html = unescape(client.get("/search?q=" + quote("Луна") + "&lang=en").get_data(as_text=True))
    assert "Nothing was found for “Луна”." in html
    assert "Type the name of a street, a settlement or a district" in html
    # examples from the data: a settlement, a street; each a search link
    assert '<a href="/search?q=Gamma&amp;lang=en">Gamma</a>' in html.replace("&", "&amp;")
    assert '<a href="/search?q=%D1%83%D0%BB.+%D0%A2%D0%B5%D1%81%D1%82%D0%BE%D0%B2%D0%B0%D1%8F&amp;lang=en">ул. Тестовая</a>' \
        in client.get("/search?q=luna&lang=en").get_data(as_text=True)


def test_search_page_without_a_query_is_the_form(client):
    response = client.get("/search")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="search-q"' in html and "search-summary" not in html
    assert 'id="site-search-q"' not in html  # no second box in the header of this page


def test_street_section_lists_its_works_with_money_and_a_near_link(client):
    html = client.get("/search?q=" + quote("Тестовая") + "&street=" + quote(STREET) + "&lang=en") \
        .get_data(as_text=True)
    assert '<h1 id="street-title">ул. Тестовая</h1>' in html  # the street first, the search below
    section = html.split('class="street-works"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'data-work-id="([^"]+)"', section) == ["edge", "p1", "p2", "road", "p22"]
    assert "<strong>5</strong> works on this street" in section and "5,501\xa0₸" in section
    near = unescape(re.search(r'class="button-link near-here" href="([^"]+)"', section).group(1))
    args = parse_qs(urlsplit(near).query)
    assert urlsplit(near).path == "/near" and args["lang"] == ["en"]
    assert float(args["radius"][0]) <= 10000
    # the near page the link opens lists every work of the street
    listed = client.get(near).get_data(as_text=True).split('id="near-list"', 1)[1].split("</ol>", 1)[0]
    assert set(re.findall(r'data-work-id="([^"]+)"', listed)) >= {"edge", "p1", "p2", "road", "p22"}


def test_street_near_circle_reaches_every_work_of_the_street(tiny_dataset):
    entry = street_entry(tiny_dataset, STREET)
    lon, lat, radius_m = street_near(tiny_dataset, entry)
    assert (lon, lat) == (entry.lon, entry.lat)
    hits = tiny_dataset.near.works_near(lon, lat, radius_m)
    assert set(entry.work_ids) <= set(hits["work_id"])
    assert radius_m % 50 == 0 and radius_m >= 300


def test_an_unknown_street_is_said_and_a_bad_one_is_400(client):
    html = unescape(client.get("/search?street=" + quote("ул. Лунная") + "&lang=en").get_data(as_text=True))
    assert "There is no street “ул. Лунная” in the data." in html
    response = client.get("/search?street=" + "x" * 201)
    assert response.status_code == 400 and "<h1>" in response.get_data(as_text=True)
    assert client.get("/search?q=" + "x" * 201).status_code == 400


def test_links_keep_the_explicit_language_and_quote_ids():
    assert Links("/root", "kk").path("/search", q="ул. А&Б", street=None) == \
        "/root/search?q=%D1%83%D0%BB.%20%D0%90%26%D0%91&lang=kk"
    assert Links().path("/works/x") == "/works/x"


@pytest.mark.parametrize("path", ["/", "/districts/a", "/near", "/near?lat=49.945&lon=82.605", "/works/p1",
                                  "/planner"])
def test_every_map_page_has_the_search_box_that_works_without_js(client, path):
    html = client.get(path).get_data(as_text=True)
    form = html.split('<form class="site-search"', 1)[1].split("</form>", 1)[0]
    assert 'action="/search"' in form and 'method="get"' in form and 'name="q"' in form
    assert '<label class="visually-hidden" for="site-search-q">' in form
    assert re.search(r'<script src="/assets/okraina/[0-9a-f]+/search\.js" nonce="[^"]+" defer>', html)


def test_the_embed_has_no_search_box(client):
    assert "site-search" not in client.get("/embed/map").get_data(as_text=True)


def test_a_long_street_lists_its_newest_works_and_counts_them_all(client, monkeypatch):
    monkeypatch.setattr("web.pages.search.STREET_LIST_MAX", 2)
    html = client.get("/search?street=" + quote(STREET) + "&lang=en").get_data(as_text=True)
    section = html.split('class="street-works"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'data-work-id="([^"]+)"', section) == ["edge", "p1"]  # 2023 first, then by id
    assert "<strong>5</strong> works on this street" in section and "5,501\xa0₸" in section
    assert "The newest 2 are listed" in unescape(section)
