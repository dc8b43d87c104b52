"""Issue 17 in Chromium, as its users met it: a resident's 360 px phone (Kazakh and Russian),
a planner's 1366 px laptop, a newsroom's embed. One test (or a few) per item of the issue that
lives in the pages, their scripts and styles, the translations and the drawn maps and charts."""

import base64
import re
from html import unescape
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import pytest
from babel.messages.pofile import read_po
from werkzeug.wrappers import Request, Response

from tests.conftest import make_app, serving
from tests.web.test_browser_pages import wait_for_works

pytestmark = pytest.mark.browser
CLEAN = {"console": [], "errors": [], "third_party": []}
FIND_MAP = "Object.keys(window).map(k => window[k]).find(v => v instanceof L.Map)"
NEAR = "/near?lat=49.9525&lon=82.65446"
KK = "/?lang=kk"
# One pixel of slack for sub-pixel layout.
RECT_INSIDE = """([inner, outer]) => inner.left >= outer.left - 1 && inner.right <= outer.right + 1
                  && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1"""
VIEWPORT = "({left: 0, top: 0, right: innerWidth, bottom: innerHeight})"


def rect(locator):
    return locator.evaluate("e => { const r = e.getBoundingClientRect();"
                            " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; }")


def inside(inner, outer):
    return (inner["left"] >= outer["left"] - 1 and inner["right"] <= outer["right"] + 1
            and inner["top"] >= outer["top"] - 1 and inner["bottom"] <= outer["bottom"] + 1)


def overlap(a, b):
    return min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1 and \
        min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1


def viewport(page):
    return page.evaluate(f"() => {VIEWPORT}")


# 1. A tap on the map keeps the map and its popup in view; "show on map" brings them into view.

def test_a_tap_on_a_marker_keeps_the_map_and_its_popup_in_view(live_server, open_page):
    recorded = open_page(f"{live_server}/?year=2023&lang=kk", width=360, height=740, locale="kk-KZ")
    page = recorded.page
    wait_for_works(page)
    page.locator(".okraina-map").evaluate("e => e.scrollIntoView({block: 'start'})")
    map_box = rect(page.locator(".okraina-map"))
    markers = page.locator(".leaflet-marker-icon.okr-work")
    marker = next(markers.nth(k) for k in range(markers.count())
                  if inside(rect(markers.nth(k)), map_box) and rect(markers.nth(k))["top"] > map_box["top"] + 90)
    before = page.evaluate("scrollY")
    marker.click()
    page.wait_for_selector(".leaflet-popup-content .okr-popup-title")
    page.wait_for_timeout(400)  # the popup's pan, and any scroll it would cause
    assert page.evaluate("scrollY") == before  # the page did not jump to the list
    assert inside(rect(page.locator(".leaflet-popup-content-wrapper")), viewport(page))
    assert page.locator('#works-list li[aria-current="true"]').count() == 1  # still marked in the list
    assert recorded.problems() == CLEAN


def test_show_on_map_brings_the_map_with_its_popup_into_view(live_server, open_page):
    recorded = open_page(f"{live_server}/?year=2023&lang=ru", width=360, height=740)
    page = recorded.page
    wait_for_works(page)
    item = page.locator("#works-list > li").nth(20)
    item.scroll_into_view_if_needed()
    assert not overlap(rect(page.locator(".okraina-map")), viewport(page))  # the map is far above
    item.locator("button.okr-show").click()
    page.wait_for_selector(".leaflet-popup-content .okr-popup-title")
    page.wait_for_timeout(400)
    assert inside(rect(page.locator(".leaflet-popup-content-wrapper")), viewport(page))
    assert inside(rect(page.locator(".leaflet-popup-content-wrapper")), rect(page.locator(".okraina-map")))
    assert recorded.problems() == CLEAN


# 2 and 15. A legend on every map, collapsible on a phone, open where there is room, labelled.

def _a_work_id(sample_dataset):
    return sorted(sample_dataset.works.index)[0]


@pytest.mark.parametrize("path", ["/?year=2023", "/districts/ulbinsky", NEAR, "/near", "/works/{work}",
                                  "/embed/map?year=2023"])
def test_every_map_has_its_legend_on_it_collapsed_on_a_phone(live_server, open_page, sample_dataset, path):
    recorded = open_page(live_server + path.format(work=_a_work_id(sample_dataset)), width=360, height=740)
    page = recorded.page
    legend = page.locator(".leaflet-control-container details.map-legend")
    legend.wait_for(timeout=10_000)
    assert inside(rect(legend), rect(page.locator(".okraina-map")))
    assert legend.evaluate("e => e.open") is False  # a phone's map is not covered by it
    summary = legend.locator("summary")
    assert summary.is_visible() and summary.inner_text().strip()
    summary.click()
    assert legend.evaluate("e => e.open") is True
    body = legend.locator(".map-legend-body")
    assert inside(rect(body), rect(page.locator(".okraina-map")))  # scrolls inside the map, not past it
    assert "Завершено" in body.inner_text() or "Аяқталды" in body.inner_text()  # statuses explained
    assert recorded.problems() == CLEAN


@pytest.mark.parametrize("path", ["/?year=2023", "/districts/ulbinsky", NEAR])
def test_the_legend_is_open_beside_the_map_on_a_laptop(live_server, open_page, path):
    recorded = open_page(live_server + path, width=1366, height=900)
    legend = recorded.page.locator(".leaflet-control-container details.map-legend")
    legend.wait_for(timeout=10_000)
    assert legend.evaluate("e => e.open") is True
    assert recorded.problems() == CLEAN


def test_the_embed_legend_is_open_where_there_is_room_and_labelled_when_closed(live_server, open_page):
    wide = open_page(f"{live_server}/embed/map?year=2023&lang=ru", width=720, height=520)
    legend = wide.page.locator("details.map-legend")
    legend.wait_for()
    assert legend.evaluate("e => e.open") is True
    small = open_page(f"{live_server}/embed/map?district=ulbinsky&lang=ru", width=300, height=250)
    legend = small.page.locator("details.map-legend")
    legend.wait_for()
    assert legend.evaluate("e => e.open") is False
    summary = legend.locator("summary")
    assert "Финансирование" in summary.inner_text()  # says what the shading is, while closed
    assert inside(rect(summary), viewport(small.page))
    assert wide.problems() == CLEAN and small.problems() == CLEAN


# 6. /near is a map before (or without) the tiles: district outlines and "your district".

def test_near_draws_the_district_outlines_and_your_district(live_server, open_page, sample_dataset):
    recorded = open_page(f"{live_server}{NEAR}&lang=ru", width=1366, height=900)
    page = recorded.page
    wait_for_works(page)
    widths = page.locator(".leaflet-overlay-pane path").evaluate_all(
        "paths => paths.map(p => p.getAttribute('stroke-width'))")
    assert len(widths) >= len(sample_dataset.districts) + 1  # every district and the circle
    assert widths.count("4") == 1  # your district, drawn bolder
    assert "Ульбинский" in page.locator(".your-district").inner_text() or page.locator(".your-district a").count()
    blank = open_page(f"{live_server}/near?lang=ru", width=360)
    blank.page.locator(".leaflet-overlay-pane path").first.wait_for()
    assert blank.page.locator(".leaflet-overlay-pane path").count() >= len(sample_dataset.districts)
    assert recorded.problems() == CLEAN and blank.problems() == CLEAN


# 8. Kazakh wording and one number format; the scale bar in the page's language.

def test_kazakh_counts_take_no_plural_after_a_numeral(live_server, open_page):
    recorded = open_page(f"{live_server}{KK}", width=360, locale="kk-KZ")
    totals = recorded.page.locator(".totals-main").inner_text()
    assert re.search(r"84 жұмыс\b", totals) and "жұмыстар" not in totals
    assert recorded.problems() == CLEAN


def test_the_planner_says_years_without_works_as_planners_do(live_server, open_page):
    recorded = open_page(f"{live_server}/planner?lang=kk", width=1366, locale="kk-KZ")
    text = recorded.page.locator("main").inner_text()
    assert "жұмыссыз" not in text.lower()
    assert "Жұмыс жүргізілмеген жылдар" in text
    assert recorded.problems() == CLEAN


def test_every_counted_kazakh_phrase_has_its_noun_in_the_singular():
    """A numeral placeholder right before a noun with a plural ending (-лар, -лер, -дар, -дер,
    -тар, -тер) is wrong in Kazakh: "84 жұмыс", not "84 жұмыстар"."""
    path = Path(__file__).parents[2] / "web/translations/kk/LC_MESSAGES/messages.po"
    with path.open("rb") as po:
        catalog = read_po(po)
    wrong = []
    for message in catalog:
        texts = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for text in texts:
            if re.search(r"%\((num|count|n|people|total)\)s\s+\w+(лар|лер|дар|дер|тар|тер)\b", text or ""):
                wrong.append(text)
    assert wrong == []


def test_popups_write_money_like_the_page_and_the_scale_bar_speaks_kazakh(live_server, open_page):
    recorded = open_page(f"{live_server}/?year=2023&lang=kk", width=1366, locale="kk-KZ")
    page = recorded.page
    wait_for_works(page)
    page_amount = page.locator(".totals-main").inner_text()
    assert "698\u00a0150\u00a0000" in page_amount
    page.locator("#works-list > li button.okr-show").first.click()
    funding = page.locator(".okr-popup dd").filter(has_text="₸").first.inner_text()
    assert re.fullmatch(r"\d{1,3}(\u00a0\d{3})*\u00a0₸", funding), funding
    scale = page.locator(".leaflet-control-scale-line").inner_text()
    assert re.fullmatch(r"\d+\u00a0(км|м)", scale), scale
    assert recorded.problems() == CLEAN


# 9. 360 px details.

def test_the_navigation_shows_every_item_at_360_px_in_kazakh(live_server, open_page):
    recorded = open_page(f"{live_server}{KK}", width=360, locale="kk-KZ")
    page = recorded.page
    links = page.locator(".site-nav a")
    assert links.count() == 5
    for k in range(links.count()):
        box = rect(links.nth(k))
        assert box["left"] >= 0 and box["right"] <= 360, links.nth(k).inner_text()
    nav = page.locator(".site-nav")
    assert nav.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert recorded.problems() == CLEAN


TEXT_WIDTH = """(e, text) => {
  const style = getComputedStyle(e), canvas = document.createElement("canvas").getContext("2d");
  canvas.font = style.font;
  const room = e.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {text: canvas.measureText(text).width, room: room};
}"""


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_year_placeholder_and_the_metric_are_not_clipped(live_server, open_page, lang):
    recorded = open_page(f"{live_server}/?lang={lang}", width=360)
    page = recorded.page
    year = page.locator("input[name=year]")
    width = year.evaluate(TEXT_WIDTH, year.get_attribute("placeholder"))
    assert width["text"] <= width["room"], width
    metric = page.locator("select[name=metric]")
    for option in metric.locator("option").all_inner_texts():
        width = metric.evaluate(TEXT_WIDTH, option)
        assert width["text"] <= width["room"] - 20, (option, width)  # 20 px for the arrow
    assert recorded.problems() == CLEAN


def test_the_work_funding_table_shows_its_note_at_360_px(live_server, open_page):
    recorded = open_page(f"{live_server}/works/w2022-01?lang=kk", width=360, locale="kk-KZ")
    page = recorded.page
    note = page.locator("table.data td", has_text="Уточнение городского бюджета")
    assert inside(rect(note), {"left": 0, "top": -10**6, "right": 360, "bottom": 10**6})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert recorded.problems() == CLEAN


def test_status_signs_are_distinct_and_done_is_not_a_ring(live_server, open_page):
    recorded = open_page(f"{live_server}/?lang=en", width=1366)
    signs = recorded.page.locator("details.map-legend .status-dot").all_inner_texts()
    assert len(signs) == 5 and len(set(signs)) == 5
    done = recorded.page.locator("details.map-legend .status-done .status-dot").inner_text()
    assert done not in "○◯●◎◉⚪⚫"
    assert recorded.problems() == CLEAN


def test_cluster_bubbles_are_neutral_not_status_colours(live_server, open_page):
    recorded = open_page(f"{live_server}/?lang=ru", width=360)
    page = recorded.page
    wait_for_works(page)
    colours = page.locator(".marker-cluster div").evaluate_all(
        "divs => divs.map(d => getComputedStyle(d).backgroundColor)")
    assert colours
    for colour in colours:
        red, green, blue = (int(v) for v in re.findall(r"\d+", colour)[:3])
        assert max(red, green, blue) - min(red, green, blue) <= 24, colour  # a grey, not a hue
    assert recorded.problems() == CLEAN


def test_a_popup_in_the_corner_keeps_its_title_clear_of_the_zoom_buttons(live_server, open_page):
    recorded = open_page(f"{live_server}/?year=2023&lang=ru", width=1366, height=900)
    page = recorded.page
    wait_for_works(page)
    page.locator("#works-list > li button.okr-show").first.click()
    page.wait_for_selector(".leaflet-popup-content .okr-popup-title")
    page.wait_for_timeout(300)
    # Move the work to the map's top-left corner and open its popup again.
    page.evaluate(f"""() => {{
      const map = {FIND_MAP}, popup = map._popup, at = popup.getLatLng();
      map.closePopup();
      map.panBy(map.latLngToContainerPoint(at).subtract([30, 30]), {{animate: false}});
      map.openPopup(popup);
    }}""")
    page.wait_for_timeout(500)
    title = rect(page.locator(".leaflet-popup-content .okr-popup-title"))
    zoom = rect(page.locator(".leaflet-control-zoom"))
    assert not overlap(title, zoom), (title, zoom)
    assert recorded.problems() == CLEAN


def test_list_buttons_use_the_page_font(live_server, open_page):
    recorded = open_page(f"{live_server}/?year=2023", width=360)
    page = recorded.page
    wait_for_works(page)
    button = page.locator("button.okr-show").first
    assert button.evaluate("b => getComputedStyle(b).fontFamily") == \
        page.evaluate("getComputedStyle(document.body).fontFamily")
    assert recorded.problems() == CLEAN


# 12. Planner charts: legible at 360 and 1366, the page's number format, no overlap or clipping.

VISIBLE_TEXTS = """svg => [...svg.querySelectorAll("text")].map(t => {
  const r = t.getBoundingClientRect();
  return {text: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
}).filter(r => r.text.trim() && r.right > r.left)"""


@pytest.mark.parametrize("width", [360, 1366])
def test_planner_charts_are_legible_in_the_page_number_format(live_server, open_page, width):
    recorded = open_page(f"{live_server}/planner?lang=ru", width=width)
    page = recorded.page
    charts = [svg for svg in page.locator("svg.chart").all() if svg.is_visible()]
    assert len(charts) == 2
    for svg in charts:
        texts = svg.evaluate(VISIBLE_TEXTS)
        assert min(t["bottom"] - t["top"] for t in texts) >= 10, texts  # on-screen text height, px
        assert not [t["text"] for t in texts if re.fullmatch(r"-?\d+\.\d+", t["text"].strip())]
        assert inside({k: min(t[k] for t in texts) if k in ("left", "top") else max(t[k] for t in texts)
                       for k in ("left", "top", "right", "bottom")}, rect(svg))
    balance = charts[0].evaluate(VISIBLE_TEXTS)
    assert any(re.fullmatch(r"0,\d\d", t["text"].strip()) for t in balance)
    scatter = charts[1].evaluate(VISIBLE_TEXTS)
    clashes = [(a["text"], b["text"]) for i, a in enumerate(scatter) for b in scatter[i + 1:] if overlap(a, b)]
    assert clashes == []
    clipped = charts[1].evaluate("""svg => [...svg.querySelectorAll('g[id^="PathCollection"]')]
        .filter(g => g.closest('[clip-path]')).length""")
    assert clipped == 0  # a district with no funding sits on the axis, whole
    assert recorded.problems() == CLEAN


# 14. The builder does not scroll sideways after a Cyrillic title.

@pytest.mark.parametrize("width", [375, 1366])
def test_the_embed_builder_fits_its_width_with_a_cyrillic_title(live_server, open_page, width):
    title = quote("Что делается на окраинах Усть-Каменогорска в 2023 году")
    recorded = open_page(f"{live_server}/embed?year=2023&title={title}&lang=ru", width=width)
    page = recorded.page
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert rect(page.locator(".preview iframe"))["right"] <= width
    assert recorded.problems() == CLEAN


# 16. The embed's first view fits the selection clear of the controls.

FIT_REPORT = """() => {
  const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const map = document.querySelector(".okraina-map"), frame = box(map.getBoundingClientRect());
  const shapes = [...map.querySelectorAll(".leaflet-overlay-pane path, .leaflet-marker-icon")]
    .map(e => box(e.getBoundingClientRect())).filter(r => r.right > r.left);
  const controls = [...document.querySelectorAll(".leaflet-control, details.embed-legend, details.map-legend")]
    .map(e => box(e.getBoundingClientRect())).filter(r => r.right > r.left);
  const all = {left: Math.min(...shapes.map(r => r.left)), top: Math.min(...shapes.map(r => r.top)),
               right: Math.max(...shapes.map(r => r.right)), bottom: Math.max(...shapes.map(r => r.bottom))};
  const selected = map.querySelector('.leaflet-overlay-pane path[stroke-width="3"]');
  return {frame, shapes, controls, all, selected: selected && box(selected.getBoundingClientRect())};
}"""
ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>News</title></head>
<body style="margin:0;padding:0 12px;font:17px/1.5 serif"><h1>The outskirts in 2023</h1>{snippet}
<p style="height:1200px">More of the article.</p></body></html>"""


def _assert_fitted(report, only_selected=False):
    shapes = [report["selected"]] if only_selected else report["shapes"]
    for shape in shapes:
        assert inside(shape, report["frame"]), shape
        for control in report["controls"]:
            assert not overlap(shape, control), (shape, control)


def test_the_embed_in_a_375_px_article_fits_the_city_clear_of_the_controls(live_server, open_page):
    """The builder's column-width snippet: resize.js makes the frame shorter after the first
    view, and the view must follow (at 375 px the western settlements went under the zoom
    buttons and a southern marker below the frame)."""
    with urlopen(f"{live_server}/embed?year=2023&map_lang=ru&size=responsive") as response:
        builder = response.read().decode()
    snippet = unescape(re.search(r'<textarea id="snippet-resizable"[^>]*>([^<]+)</textarea>', builder).group(1))

    @Request.application
    def news(request):
        return Response(ARTICLE.format(snippet=snippet), mimetype="text/html")

    with serving(news) as site:
        recorded = open_page(f"{site}/", width=375, height=800)
        page = recorded.page
        frame = page.frame_locator("iframe")
        frame.locator(".okraina-map[data-works-drawn]").wait_for(state="attached", timeout=15_000)
        page.wait_for_function("document.querySelector('iframe').getBoundingClientRect().height < 480",
                               timeout=10_000)  # resize.js has fitted the frame to the map
        page.wait_for_timeout(500)
        _assert_fitted(page.frames[1].evaluate(FIT_REPORT))
        assert recorded.problems() == CLEAN


@pytest.mark.parametrize("query, width, height", [("year=2023", 720, 450), ("district=ulbinsky", 300, 250)])
def test_the_embed_view_fits_the_selection_clear_of_the_controls(live_server, open_page, query, width, height):
    recorded = open_page(f"{live_server}/embed/map?{query}&lang=ru", width=width, height=height)
    page = recorded.page
    page.wait_for_selector(".okraina-map[data-works-drawn]", state="attached", timeout=15_000)
    page.wait_for_timeout(300)
    report = page.evaluate(FIT_REPORT)
    _assert_fitted(report, only_selected=query.startswith("district"))  # the district, not its neighbours
    if width == 720:  # the city fills the room the open legend leaves beside it
        frame, drawn = report["frame"], report["all"]
        room_x = rect(page.locator("details.map-legend"))["left"] - rect(page.locator(".leaflet-control-zoom"))["right"]
        assert (drawn["bottom"] - drawn["top"]) / (frame["bottom"] - frame["top"]) >= 0.75 or \
            (drawn["right"] - drawn["left"]) / room_x >= 0.75
    assert recorded.problems() == CLEAN


# 18. No Leaflet flag; attribution links of the embed open a new tab.

# A 1x1 PNG for every tile, from a tile server of our own (another port of 127.0.0.1).
TILE_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


@pytest.fixture(scope="module")
def tiled_server(sample_dataset):
    @Request.application
    def tiles(request):
        return Response(TILE_PNG, mimetype="image/png")

    with serving(tiles) as tiles_url:
        app = make_app(sample_dataset, TILES=tiles_url + "/{z}/{x}/{y}.png",
                       TILES_ATTRIBUTION='© <a href="https://tiles.example.org/copyright">Tiles</a>')
        with serving(app) as url:
            yield url


def test_attribution_has_no_leaflet_prefix_and_embed_links_open_a_new_tab(tiled_server, open_page):
    page_view = open_page(f"{tiled_server}/?lang=ru", width=1366)
    attribution = page_view.page.locator(".leaflet-control-attribution")
    attribution.wait_for()
    assert "Leaflet" not in attribution.inner_text() and attribution.locator("svg").count() == 0
    assert "Tiles" in attribution.inner_text()
    embed = open_page(f"{tiled_server}/embed/map?year=2023&lang=ru", width=720, height=450)
    links = embed.page.locator(".leaflet-control-attribution a, .embed-foot a")
    links.first.wait_for()
    assert links.count() >= 2
    for k in range(links.count()):
        assert links.nth(k).get_attribute("target") == "_blank", links.nth(k).inner_text()
    assert "Leaflet" not in embed.page.locator(".leaflet-control-attribution").inner_text()
    assert page_view.problems() == CLEAN and embed.problems() == CLEAN
