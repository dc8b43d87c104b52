"""Residents' needs on the pages, through Flask's test client on geo's tiny city
(tests/geo/tiny.py: the data's date is 2024-03-15; b's 2023 has 5 needs, 1 met by its
cycle-3 meeting on 15 May 2023; a's 2023 counts 4, too few to judge)."""

import json
import re
from html import unescape

import pytest
from werkzeug.datastructures import MultiDict

from tests.conftest import make_app
from web.embed.params import embed_query, parse_embed
from web.maps.needs_data import needs_payload
from web.maps.works_data import script_json


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.get_data(as_text=True)


def words(html):
    """The page's main text, tags dropped and entities read, spaces collapsed."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())
    return re.sub(r" ([.,:)])", r"\1", text).replace("( ", "(")


def section(html, start, end="</section>"):
    return html.split(start, 1)[1].split(end, 1)[0]


def unpack(column):
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    width, text = column["w"], column["s"]
    values = []
    for i in range(0, len(text), width):
        value = 0
        for char in text[i:i + width]:
            value = value * 64 + digits.index(char)
        values.append(value - 1)
    return values


# --- /needs/<id> ------------------------------------------------------------------

def test_a_met_need_shows_its_trail_from_meeting_to_work_to_result(client):
    html = page(client, "/needs/n1?lang=en")
    text = words(html)
    assert "Need n1" in text and "Met" in text
    assert "On the list of the meeting: 2023, Identify problems and work sites (March 15, 2023)" in text
    assert "No written answer." in text
    assert 'href="/works/p1?lang=en"' in html and "Money of these works: 1,000 ₸" in text
    assert "April 10, 2023" in text and "26 days after it was raised (Under a month)" in text
    assert "okraina.needsLayer(" in html and '"show":true' in html  # n1 has a point: a map
    assert 'href="/districts/a?lang=en#needs"' in html


def test_a_need_answered_by_two_works_counts_each_works_money(client):
    text = words(page(client, "/needs/n7?lang=en"))
    assert "Work p2" in text and "Work road" in text
    assert "Money of these works: 4,001 ₸" in text  # 3000 + 1001
    assert "Residents who backed it: 120" in text
    assert "200 days after it was raised (6–12 months)" in text


def test_a_declined_need_shows_the_answer_and_no_map_without_a_point(client):
    html = page(client, "/needs/n5")
    text = words(html)
    assert html.count('<p class="answer">Ответ акимата</p>') == 2  # under its heading, beside the result
    assert "Отклонена" in text and "Ни одна работа программы не отвечает на эту нужду." in text
    assert "У этой нужды нет места на карте." in text and "leaflet" not in html.lower()


def test_a_waiting_need_says_how_long_and_flags_a_year(client):
    text = words(page(client, "/needs/n9?lang=en"))
    assert "Still waiting: Open since March 15, 2023." in text
    assert "Raised 366 days ago." in text and "Waiting over a year." in text
    assert "over a year" not in words(page(client, "/needs/n10?lang=en")).lower()


def test_need_page_kazakh_has_no_plural_after_numerals(client):
    text = words(page(client, "/needs/n9?lang=kk"))
    assert "366 күн бұрын көтерілді." in text and "Бір жылдан астам күтуде." in text


def test_need_page_has_og_and_oembed_tags_of_its_district(client):
    html = page(client, "/needs/n7?lang=en")
    assert '<meta property="og:title" content="Need n7">' in html
    assert '<meta property="og:description" content="Met · Beta · 2023">' in html
    oembed = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html)
    assert oembed and "url=http://localhost/needs/n7" in unescape(oembed.group(1))
    image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert "district=b" in unescape(image) and "needs=1" in unescape(image)  # the card shows the needs


def test_oembed_of_a_need_is_its_districts_embed_with_needs(client):
    answer = client.get("/oembed?url=http://localhost/needs/n7").get_json()
    src = re.search(r'src="([^"]+)"', answer["html"]).group(1)
    assert "district=b" in src and "needs=1" in src
    assert client.get("/oembed?url=http://localhost/needs/nope").status_code == 404


def test_unknown_need_is_a_readable_404(client):
    html = page(client, "/needs/nope?lang=en", status=404)
    assert "<h1>" in html and "Traceback" not in html


# --- the work page, the district timeline -------------------------------------------

def test_work_page_lists_the_needs_it_answers(client):
    html = page(client, "/works/road?lang=en")
    block = section(html, 'id="work-needs"', "</ul>")
    assert re.findall(r'data-need-id="([^"]+)"', block) == ["n2", "n7"]
    assert 'href="/needs/n7?lang=en"' in block
    assert "okraina.needsLayer(" not in html  # n2 and n7 have no place: listed, not drawn
    with_place = page(client, "/works/p1?lang=en")
    assert "okraina.needsLayer(" in with_place and '"ids":["n1"]' in with_place
    assert "Residents' needs (square markers)" in with_place  # and their key in the legend


def test_district_timeline_has_the_three_cycles_and_the_waiting_oldest_first(client):
    html = page(client, "/districts/b?lang=en")
    block = section(html, 'id="needs"')
    years = re.findall(r'<details class="needs-year" id="needs-(\d+)"( open)?', block)
    assert years == [("2023", " open")]
    text = words(html).split("year by year", 1)[1].split("Meetings with residents", 1)[0]
    assert "2023: 5 needs raised · met: 20% (1 of 5) · 2 still waiting" in text
    scheduled = text.split("2. What was scheduled", 1)[1].split("3. What was met", 1)[0]
    assert "Need n7 Work p2" in scheduled and "April 1, 2023 – September 30, 2023" in scheduled
    assert "Share met by this meeting: 20% (1 of 5) Need n8" in text
    waiting = text.split("Still waiting, oldest first", 1)[1]
    assert waiting.index("Need n9") < waiting.index("Need n10")
    assert "366 days · over a year" in waiting and "349 days" in waiting


def test_district_timeline_says_too_few_to_judge_with_the_count(client):
    text = words(page(client, "/districts/a?lang=en"))
    assert "met: too few to judge (4 needs counted)" in text


def test_district_timeline_newest_year_open_the_rest_closed(sample_dataset):
    client = make_app(sample_dataset).test_client()
    district = sample_dataset.districts.index[0]
    block = section(page(client, f"/districts/{district}?lang=kk"), 'id="needs"')
    years = re.findall(r'<details class="needs-year" id="needs-(\d+)"( open)?', block)
    assert years == [("2024", " open"), ("2023", ""), ("2022", "")]
    links = re.findall(r'href="/needs/([^"?]+)\?lang=kk"', block)
    raised = sample_dataset.needs[sample_dataset.needs["district_id"] == district].index
    assert set(links) == set(raised)  # every need of the district is on its timeline


# --- the city map ---------------------------------------------------------------------

def needs_layer_options(html):
    match = re.search(r"okraina\.needsLayer\(map_\w+, null, (\{.*?\})\);", html)
    assert match, "no needs layer"
    return json.loads(match.group(1))


def test_city_map_has_a_needs_layer_off_by_default_fetched_when_switched_on(client):
    options = needs_layer_options(page(client, "/?lang=en&year=2023"))
    assert options["show"] is False and options["urlParam"] == "needs"
    assert options["src"] == "/api/map/needs?lang=en&year=2023"
    shown = needs_layer_options(page(client, "/?needs=1&need_status=open&district=b"))
    assert shown["show"] is True and shown["src"] == "/api/map/needs?district=b&need_status=open"


def test_city_page_form_keeps_the_needs_filters(client):
    html = page(client, "/?needs=1&need_status=met&lang=en")
    assert re.search(r'name="needs" value="1" checked', html)
    assert '<option value="met" selected>' in html
    plain = page(client, "/?lang=en")
    assert not re.search(r'name="needs" value="1" checked', plain)


def test_city_page_counts_the_needs_and_those_without_a_place(client):
    text = words(page(client, "/?lang=en"))
    assert "13 needs raised at meetings in this selection" in text
    assert "11 of them have no place and are not on the map." in text  # only n1 and n12 have one
    # 13 - a duplicate - a need not the akimat's = 11 counted; 6 met
    assert "Share met of all the needs raised in this selection: 55% (6 of 11)" in text


@pytest.mark.parametrize("query", ["needs=2", "needs=yes", "need_status=waiting", "need_status=open,nope"])
def test_bad_needs_parameters_are_400(client, query):
    for path in ("/", "/embed/map", "/embed"):
        assert client.get(f"{path}?{query}").status_code == 400, path
    if query.startswith("need_status"):
        answer = client.get(f"/api/map/needs?{query}")
        assert answer.status_code == 400 and answer.get_json()["description"].startswith("need_status:")


def test_map_needs_payload_is_the_selection_of_needs_with_a_place(client):
    payload = client.get("/api/map/needs?lang=en").get_json()
    assert payload["ids"] == ["n1", "n12"]  # the 11 others have no place: counted, not sent
    statuses = [payload["statuses"][i][0] for i in unpack(payload["st"])]
    assert statuses == ["met", "open"]
    assert payload["titles"] == ["Need n1", "Need n12"]
    assert payload["needUrl"] == "/needs/" and payload["query"] == "?lang=en"
    assert client.get("/api/map/needs?need_status=open").get_json()["ids"] == ["n12"]
    assert client.get("/api/map/needs?district=b").get_json()["ids"] == []
    assert client.get("/api/map/needs?bbox=1,2,3,4").status_code == 400


def test_needs_payload_places_a_need_to_the_metre(tiny_dataset):
    payload = needs_payload(tiny_dataset.needs.loc[["n1", "n12"]], tiny_dataset.districts)
    x, y = unpack(payload["x"]), unpack(payload["y"])
    lon = [payload["origin"][0] + v / payload["scale"] for v in x]
    lat = [payload["origin"][1] + v / payload["scale"] for v in y]
    assert lon == pytest.approx([82.604, 82.505], abs=1e-5) and lat == pytest.approx([49.944, 49.906], abs=1e-5)
    assert "<" not in script_json({"t": "<script>"})


# --- embeds ---------------------------------------------------------------------------

def test_embed_params_carry_the_needs_and_write_them_back():
    params = parse_embed(MultiDict([("needs", "1"), ("need_status", "open,met"), ("lang", "kk")]))
    assert params.needs.shown and params.needs.status_types == ("met", "open")
    assert ("needs", "1") in embed_query(params) and ("need_status", "met,open") in embed_query(params)
    assert not any(name.startswith("need") for name, _ in embed_query(parse_embed(MultiDict())))


def test_embed_map_draws_needs_only_when_asked(client):
    assert "okraina.needsLayer" not in page(client, "/embed/map")
    options = needs_layer_options(page(client, "/embed/map?needs=1&district=a&lang=en"))
    assert options["show"] is True and options["linkTarget"] == "_blank"
    assert options["src"] == "/api/map/needs?district=a&lang=en"


def test_builder_offers_the_needs_and_its_snippet_keeps_them(client):
    html = page(client, "/embed?needs=1&need_status=closed&lang=en")
    assert re.search(r'name="needs" value="1" checked', html)
    assert re.search(r'name="need_status" value="closed" checked', html)
    snippet = unescape(section(html, 'id="snippet-iframe"', "</textarea>"))
    assert "needs=1" in snippet and "need_status=closed" in snippet


def test_embed_png_draws_the_needs_when_asked(client):
    plain = client.get("/embed/map.png?width=400&height=300")
    with_needs = client.get("/embed/map.png?width=400&height=300&needs=1")
    assert plain.status_code == with_needs.status_code == 200
    assert plain.data != with_needs.data and plain.headers["ETag"] != with_needs.headers["ETag"]
