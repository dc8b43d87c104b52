"""The resident pages through Flask's test client: /, /districts/<id>, /works/<id>."""

import re

import pytest

import geo
from tests.conftest import make_app
from tests.geo import tiny
from tests.web._pages_data import DISTRICT_NAME, JINJA_TITLE, XSS_TITLE, hostile_dataset


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return hostile_dataset(tmp_path_factory.mktemp("hostile") / "city")


@pytest.fixture
def hostile_client(hostile):
    return make_app(hostile).test_client()


def text(response):
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def listed_ids(html, list_id="works-list"):
    block = html.split(f'id="{list_id}"', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'data-work-id="([^"]+)"', block)


# --- the city map -------------------------------------------------------------------

def test_city_page_lists_every_work_newest_year_first_with_totals(client):
    html = text(client.get("/?lang=en"))
    assert listed_ids(html) == ["edge", "p1", "p2", "road", "p22"]
    assert "okraina.worksLayer(" in html and "L.markerClusterGroup" not in html  # one payload, not markers
    totals = html.split('id="totals-title"', 1)[1].split("</section>", 1)[0]
    assert "<strong>5</strong>" in totals and "5,501\u00a0₸" in totals  # 1000+3000+1001+0+500
    assert re.search(r"Done</span>: 4<", totals) and re.search(r"Planned</span>: 1<", totals)


@pytest.mark.parametrize("query, expected", [
    ("year=2022", ["p22"]),
    ("year=2023&status=planned", ["edge"]),
    ("category=lighting", ["p2"]),
    ("district=b", ["p2", "road"]),
    ("year=2022-2023&category=roads&category=lighting", ["edge", "p1", "p2", "road", "p22"]),
])
def test_city_filters_select_the_listed_works(client, query, expected):
    assert sorted(listed_ids(text(client.get(f"/?{query}")))) == sorted(expected)


def test_city_filters_keep_their_values_in_the_form_and_lang_in_links(client):
    html = text(client.get("/?lang=kk&year=2023&status=done&metric=works"))
    assert 'name="year" value="2023"' in html
    assert '<option value="done" selected>' in html and '<option value="works" selected>' in html
    assert '<input type="hidden" name="lang" value="kk">' in html
    assert 'href="/works/p1?lang=kk"' in html
    assert '"query":"?lang=kk"' in html  # popups link with the language too


@pytest.mark.parametrize("metric", ["funding", "funding_per_resident", "per_resident", "works",
                                    "share_done"])
def test_each_metric_gives_a_legend(client, metric):
    html = text(client.get(f"/?metric={metric}&lang=en"))
    legend = html.split('id="legend-title"', 1)[1]
    assert legend.count('class="swatch"') >= 2


def test_city_list_is_paged_without_js(sample_dataset):
    client = make_app(sample_dataset).test_client()
    first = text(client.get("/?lang=en"))
    assert len(listed_ids(first)) == 84  # the sample fits one page
    later = text(client.get("/?lang=en&offset=80"))
    assert len(listed_ids(later)) == 4 and 'rel="prev"' in later


@pytest.mark.parametrize("query, status", [
    ("year=abc", 400), ("year=2024-2022", 400), ("metric=colour", 400), ("status=finished", 400),
    ("category=x", 400), ("offset=-1", 400), ("lang=xx", 400), ("district=nowhere", 404),
])
def test_city_bad_parameters_are_readable_errors(client, query, status):
    response = client.get(f"/?{query}", headers={"Accept-Language": "en"})
    assert response.status_code == status and response.mimetype == "text/html"
    assert "Back to the map" in response.get_data(as_text=True)


def test_data_text_is_escaped_and_inert_on_the_city_page(hostile_client):
    html = text(hostile_client.get("/"))
    assert XSS_TITLE not in html and "&lt;img src=x onerror=alert(1)&gt;" in html  # in the list
    assert "<b>Альфа</b>" not in html and "&lt;b&gt;Альфа&lt;/b&gt; {{ 6*7 }}</option>" in html
    payload = html.split("okraina.worksLayer(", 1)[1]
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in payload  # in the map data
    assert "{\\u007b 7*7 }} {\\u0025 if %} \\u003c/script\\u003e" in payload  # Jinja never saw it
    assert not re.search(r"\b42\b", html.split("<body", 1)[1])  # {{ 6*7 }} never evaluated


# --- a work ------------------------------------------------------------------------

def test_work_page_shows_funding_progress_dates_and_split_districts(client):
    html = text(client.get("/works/road?lang=en"))
    assert "<h1 class=\"work-title\">Work road</h1>" in html
    assert '<progress max="100" value="100"' in html
    assert '<time datetime="2023-04-01">' in html and '<time datetime="2023-09-30">' in html
    assert 'href="/districts/a?lang=en">Alpha</a> (50% of the work)' in html
    assert 'href="/districts/b?lang=en">Beta</a> (50% of the work)' in html
    records = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "City budget" in records and "1,001\u00a0₸" in records
    assert "/near?" in html and "lat=49.94500" in html


def test_work_page_single_district_has_no_share(client):
    html = text(client.get("/works/p1?lang=en"))
    assert 'href="/districts/a?lang=en">Alpha</a>' in html and "% of the work" not in html


def test_work_page_escapes_title_and_address(hostile_client):
    html = text(hostile_client.get("/works/p1"))
    assert XSS_TITLE not in html and "<script>alert(2)</script>" not in html
    assert "<title>&lt;img src=x onerror=alert(1)&gt;" in html


def test_unknown_work_is_404_page(client):
    response = client.get("/works/nope?lang=en")
    assert response.status_code == 404 and "Page not found" in response.get_data(as_text=True)


# --- a district --------------------------------------------------------------------

def test_district_page_funding_table_and_comparison(client):
    html = text(client.get("/districts/b?lang=en"))
    assert "<h1>Beta</h1>" in html and "2,000 residents" in html
    funding = html.split("Funding by year and source", 1)[1].split("</table>", 1)[0]
    # b gets p2's 3000 (region) and half of road's 1001 (city): 500 or 501 by the join's rounding
    assert "Regional budget" in funding and "3,000\u00a0₸" in funding
    assert "City budget" in funding
    compare = html.split("Compared with the city", 1)[1].split("</dl>", 1)[0]
    assert "City median per resident" in compare
    assert listed_ids(html.replace("<tbody id=", '<ol id=').replace("</tbody>", "</ol>"),
                      "district-works") == ["p2", "road"]


def test_district_page_has_three_cycles_per_year_and_feed_and_calendar_links(client):
    html = text(client.get("/districts/c?lang=en"))
    timeline = html.split('class="timeline"', 1)[1]
    assert timeline.count('class="cycle-name"') == 6  # 2 years x 3 cycles
    assert timeline.index("<h3>2023</h3>") < timeline.index("<h3>2022</h3>")
    assert "Identify problems and work sites" in timeline and "Review the results with residents" in timeline
    assert '<link rel="alternate" type="application/atom+xml" href="http://localhost/districts/c/feed.atom?lang=en"' in html
    assert 'href="/districts/c/meetings.ics?lang=en"' in html
    assert "Next meeting" not in html


def test_district_page_announces_the_next_meeting(hostile_client):
    html = text(hostile_client.get("/districts/a?lang=en"))
    assert "Next meeting with residents" in html and '<time datetime="2099-03-15">' in html
    russian = text(hostile_client.get("/districts/a?lang=ru"))
    assert "<h1>&lt;b&gt;Альфа&lt;/b&gt; {{ 6*7 }}</h1>" in russian  # escaped, not evaluated


@pytest.mark.parametrize("lang, summary", [("ru", "Итоги"), ("kk", "Қорытынды"), ("en", "Итоги")])
def test_meeting_summaries_follow_the_language_with_russian_fallback(client, lang, summary):
    html = text(client.get(f"/districts/c?lang={lang}"))
    assert f"<p>{summary}</p>" in html


def test_unknown_district_is_404_and_bad_year_400(client):
    assert client.get("/districts/zz").status_code == 404
    assert client.get("/districts/a?year=abc").status_code == 400


@pytest.mark.parametrize("path", ["/", "/districts/a", "/works/p1", "/near", "/near?lat=49.945&lon=82.605"])
@pytest.mark.parametrize("lang, word", [("ru", "Карта"), ("kk", "Карта"), ("en", "Map")])
def test_main_pages_render_in_each_language(client, path, lang, word):
    joiner = "&" if "?" in path else "?"
    html = text(client.get(f"{path}{joiner}lang={lang}"))
    assert f'<html lang="{lang}">' in html and word in html


@pytest.mark.parametrize("path", ["/", "/districts/a", "/works/p2", "/near?lat=49.945&lon=82.605",
                                  "/embed/map", "/planner"])
def test_jinja_syntax_in_data_is_never_evaluated(hostile_client, path):
    # Folium compiles each rendered script again as a Jinja template; data must not reach it raw.
    response = hostile_client.get(path)
    assert response.status_code == 200
    assert not re.search(r"\b42\b", response.get_data(as_text=True).split("<body", 1)[1])


# --- a district's meetings and money (issue 17, items 5 and 7) -------------------------

@pytest.fixture(scope="module")
def meeting_client(tmp_path_factory):
    rows = [dict(m) for m in tiny.MEETINGS]
    rows.append({"district_id": "b", "year": 2099, "cycle": 2, "date": "2099-04-20",
                 "attendees": "", "summary_ru": "", "summary_kk": "",
                 "place": "<i>Школа</i> № 5", "time": "18:00"})
    folder = tiny.write_city(tmp_path_factory.mktemp("meeting") / "city", meetings=rows)
    return make_app(geo.load_dataset(folder)).test_client()


def test_the_next_meeting_gives_its_time_and_place_escaped(meeting_client):
    html = text(meeting_client.get("/districts/b?lang=en"))
    box = html.split('class="meeting-box"', 1)[1].split("</section>", 1)[0]
    assert "Next meeting with residents" in box
    assert '<time datetime="2099-04-20T18:00">April 20, 2099, 6:00\u202fPM–8:00\u202fPM</time>' in box
    assert "Place: &lt;i&gt;Школа&lt;/i&gt; № 5" in box and "<i>" not in box


def test_without_a_future_meeting_the_page_says_so_and_when_the_last_was(client):
    html = text(client.get("/districts/c?lang=en"))
    box = html.split('class="meeting-box"', 1)[1].split("</section>", 1)[0]
    assert "The next meeting is not scheduled yet." in box
    assert 'The last one was on <time datetime="2023-05-15">May 15, 2023</time> (Review the results with residents).' in box
    assert html.index('class="meeting-box"') < html.index('class="page-columns"')  # above the map


def test_the_calendar_can_be_subscribed_to_and_downloaded(client):
    html = text(client.get("/districts/c?lang=kk"))
    assert 'href="webcal://localhost/districts/c/meetings.ics?lang=kk"' in html
    assert 'href="http://localhost/districts/c/meetings.ics?lang=kk" download' in html


def test_a_work_across_the_border_shows_the_district_share_and_the_totals_reconcile(client):
    html = text(client.get("/districts/b?lang=en"))
    works = html.split('id="district-works"', 1)[1].split("</tbody>", 1)[0]
    road = works.split('data-work-id="road"', 1)[1].split("</tr>", 1)[0]
    # road: 1001 tenge, half in a and half in b; b's whole-tenge part is 500 or 501
    assert "1,001\u00a0₸" in road and re.search(r"in this district: 50[01]\u00a0₸ \(50 %\)", road)
    assert "district-part" not in works.split('data-work-id="road"', 1)[0]  # p2 lies wholly in b
    note = html.split('class="money-note"', 1)[1].split("</p>", 1)[0]
    funding_total = html.split("Funding by year and source", 1)[1].split("</tfoot>", 1)[0]
    share = re.search(r"split by length or area \(([\d,]+)\u00a0₸\)", note).group(1)
    assert "1 work crosses" in note and "(4,001\u00a0₸ in all)" in note
    assert f"{share}\u00a0₸</td></tr>" in funding_total  # the note's figure is the table's total


def test_no_note_when_no_work_crosses_the_border(client):
    assert 'class="money-note"' not in text(client.get("/districts/c?lang=en"))
