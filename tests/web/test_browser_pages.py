"""The resident pages in a real headless Chromium: markers, popups, filters, near me,
every page in every language at 360 px, no console error, no request off the app."""

import pytest

from tests.conftest import make_app, serving
from tests.web._pages_data import JINJA_TITLE, XSS_TITLE, hostile_dataset

pytestmark = pytest.mark.browser
CLEAN = {"console": [], "errors": [], "third_party": []}

# Works drawn = markers in clusters + markers on their own (the map is framed on all of them).
COUNT_DRAWN = """() => {
  const clustered = [...document.querySelectorAll('.marker-cluster span')]
    .reduce((sum, span) => sum + Number(span.textContent), 0);
  return clustered + document.querySelectorAll('.leaflet-marker-icon.okr-work').length;
}"""


def wait_for_works(page):
    page.wait_for_selector(".okraina-map[data-works-drawn]", state="attached", timeout=15_000)
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')")
    return int(page.locator(".okraina-map").get_attribute("data-works-drawn"))


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    with serving(make_app(hostile_dataset(tmp_path_factory.mktemp("hostile-browser") / "city"))) as url:
        yield url


def test_city_map_draws_every_work_of_a_year(live_server, open_page, sample_dataset):
    expected = int((sample_dataset.works["year"] == 2023).sum())
    assert expected == 31
    recorded = open_page(f"{live_server}/?year=2023&lang=en", width=1280)
    page = recorded.page
    assert wait_for_works(page) == expected
    assert page.evaluate(COUNT_DRAWN) == expected
    assert page.locator("#works-list > li").count() == expected
    assert page.locator("path.leaflet-interactive").count() > 21  # districts and line works
    recorded.screenshot("desktop-2023")
    assert recorded.problems() == CLEAN


def test_changing_a_filter_changes_markers_and_url(live_server, open_page, sample_dataset):
    recorded = open_page(f"{live_server}/?lang=en", width=1280)
    page = recorded.page
    assert wait_for_works(page) == len(sample_dataset.works)
    page.select_option("select[name=status]", "done")
    with page.expect_navigation():
        page.click(".filters button[type=submit]")
    assert "status=done" in page.url and "lang=en" in page.url
    done = int((sample_dataset.works["status"] == "done").sum())
    assert wait_for_works(page) == done and page.evaluate(COUNT_DRAWN) == done
    assert page.locator("select[name=status]").input_value() == "done"
    assert recorded.problems() == CLEAN


def test_popup_shows_an_escaped_title_and_runs_nothing(hostile_server, open_page):
    recorded = open_page(f"{hostile_server}/?lang=ru", width=1280)
    page = recorded.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    wait_for_works(page)
    button = page.locator('li[data-work-id="p1"] button.okr-show')
    button.focus()
    page.keyboard.press("Enter")  # the list is usable from the keyboard
    popup = page.wait_for_selector(".leaflet-popup-content .okr-popup-title", timeout=10_000)
    assert popup.inner_text() == XSS_TITLE
    assert page.locator(".leaflet-popup-content a.okr-popup-link").get_attribute("href") == "/works/p1?lang=ru"
    assert page.locator('img[src="x"]').count() == 0 and dialogs == []
    assert page.locator('li[data-work-id="p1"]').get_attribute("aria-current") == "true"
    assert page.locator('li[data-work-id="p2"] a.work-link').inner_text() == JINJA_TITLE  # not evaluated
    recorded.screenshot("escaped-popup")
    assert recorded.problems() == CLEAN


def test_marker_click_highlights_its_list_item(tiny_dataset, open_page):
    with serving(make_app(tiny_dataset)) as url:
        recorded = open_page(f"{url}/?lang=en", width=1280)
        page = recorded.page
        wait_for_works(page)
        page.locator('.leaflet-marker-icon[title="Work p22"]').click()
        item = page.locator('#works-list li[data-work-id="p22"]')
        page.wait_for_function("() => document.querySelector('li[data-work-id=\"p22\"]').classList.contains('is-selected')")
        assert item.get_attribute("aria-current") == "true"
        assert "Work p22" in page.locator(".leaflet-popup-content").inner_text()
        assert recorded.problems() == CLEAN


def test_near_lists_the_nearest_works_in_order_and_a_map_click_picks_a_point(tiny_dataset, open_page):
    with serving(make_app(tiny_dataset)) as url:
        recorded = open_page(f"{url}/near?lat=49.945&lon=82.605&radius=1000&lang=en", width=360)
        page = recorded.page
        assert wait_for_works(page) == 4
        items = page.locator("#near-list > li")
        assert [items.nth(i).get_attribute("data-work-id") for i in range(items.count())] == ["p1", "road", "edge", "p2"]
        assert items.nth(2).locator(".distance").inner_text() == "359 m"
        assert "Alpha" in page.locator(".your-district").inner_text()
        assert page.locator("#locate").is_visible()  # geolocation exists in Chromium
        recorded.screenshot("near-360")
        box = page.locator(".okraina-map").bounding_box()
        with page.expect_navigation():
            page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.2)
        assert "/near?" in page.url and "lat=" in page.url and "lon=" in page.url and "radius=1000" in page.url
        assert recorded.problems() == CLEAN


PAGES = ["/", "/districts/tsentr", "/works/w2023-05", "/near?lat=49.9484&lon=82.6275"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_main_pages_render_in_each_language_at_360px(live_server, open_page, path, lang):
    joiner = "&" if "?" in path else "?"
    recorded = open_page(f"{live_server}{path}{joiner}lang={lang}", width=360)
    page = recorded.page
    drawn = wait_for_works(page)
    assert drawn >= 1 and page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    assert page.locator("a.skip-link[href='#after-map']").count() == 1
    assert page.locator(".okraina-map").bounding_box()["height"] >= 240
    recorded.screenshot(f"{path.strip('/').split('?')[0].replace('/', '-') or 'city'}-{lang}-360")
    assert recorded.problems() == CLEAN


@pytest.mark.parametrize("path", ["/", "/districts/tsentr"])
def test_desktop_screenshots(live_server, open_page, path):
    recorded = open_page(f"{live_server}{path}?lang=ru", width=1280, height=900)
    wait_for_works(recorded.page)
    recorded.screenshot(f"{path.strip('/').replace('/', '-') or 'city'}-desktop")
    assert recorded.problems() == CLEAN


@pytest.fixture(scope="module")
def fetching_server(sample_dataset):
    """The sample with every map's works fetched per view from /api/map/tiles (as a big city's are)."""
    with serving(make_app(sample_dataset, MAP_INLINE_WORKS=0)) as url:
        yield url


def test_a_big_city_map_fetches_its_works_and_keeps_the_list_in_step(fetching_server, open_page, sample_dataset):
    fetched = []
    recorded = open_page("about:blank", width=1280)
    page = recorded.page
    page.on("request", lambda request: fetched.append(request.url) if "/api/map/" in request.url else None)
    page.goto(f"{fetching_server}/?year=2023&lang=en")
    expected = int((sample_dataset.works["year"] == 2023).sum())
    assert wait_for_works(page) == expected and page.evaluate(COUNT_DRAWN) == expected
    # Only the tiles of the view, with the page's filters; no popup details before one opens.
    assert fetched and all(url.startswith(f"{fetching_server}/api/map/tiles/works/")
                           and url.endswith(".json?lang=en&year=2023") for url in fetched)
    assert len(fetched) == int(page.locator(".okraina-map").get_attribute("data-works-tiles"))
    assert page.locator(".okr-works-note").count() == 0  # "loading" is gone
    assert page.locator(".okraina-map").get_attribute("aria-busy") is None
    page.locator('#works-list li[data-work-id="w2023-05"] button.okr-show').click()
    popup = page.wait_for_selector(".leaflet-popup-content .okr-popup-title", timeout=10_000)
    assert popup.inner_text() == sample_dataset.works.loc["w2023-05", "title_en"]
    recorded.screenshot("fetched-2023")
    assert recorded.problems() == CLEAN


def test_when_the_works_cannot_be_fetched_the_map_says_so(fetching_server, open_page):
    recorded = open_page("about:blank", width=360)
    page = recorded.page
    page.route("**/api/map/tiles/**", lambda route: route.abort("internetdisconnected"))  # the phone lost signal
    page.goto(f"{fetching_server}/?lang=ru")
    note = page.wait_for_selector(".okr-works-failed", timeout=10_000)
    assert note.inner_text() == "Не удалось загрузить эту часть карты. Сдвиньте карту, чтобы попробовать снова."
    assert note.get_attribute("role") == "status"
    assert page.locator(".okraina-map").get_attribute("data-works-error")
    assert page.locator("path.leaflet-interactive").count() >= 21  # the districts are still drawn
    recorded.screenshot("fetch-failed-360")
    problems = recorded.problems()
    assert problems["errors"] == [] and problems["third_party"] == []  # nothing thrown


def test_a_big_city_embed_fetches_its_works(fetching_server, open_page, sample_dataset):
    recorded = open_page(f"{fetching_server}/embed/map?year=2024&lang=kk", width=400, height=300)
    page = recorded.page
    expected = int((sample_dataset.works["year"] == 2024).sum())
    page.wait_for_selector(".leaflet-container[data-works-drawn]", timeout=15_000)
    assert int(page.get_attribute(".leaflet-container", "data-works-drawn")) == expected
    first = sample_dataset.works.index[sample_dataset.works["year"] == 2024][0]
    page.evaluate("id => okraina.open(id)", first)
    link = page.wait_for_selector(".okr-popup a.okr-popup-link", timeout=10_000)
    assert link.get_attribute("target") == "_blank" and link.get_attribute("href").endswith("?lang=kk")
    assert recorded.problems() == CLEAN


def test_a_tiled_map_is_used_by_keyboard_and_its_list_follows_the_view(fetching_server, open_page, sample_dataset):
    recorded = open_page(f"{fetching_server}/?lang=kk", width=360, height=740)
    page = recorded.page
    total = wait_for_works(page)
    assert total == len(sample_dataset.works)  # the whole city is in view: every work counted once
    zoom = page.evaluate("() => Object.values(window).find(v => v instanceof L.Map).getZoom()")
    page.locator(".okr-cluster").first.focus()
    page.keyboard.press("Enter")  # a cluster zooms in to its works
    page.wait_for_function(f"() => Object.values(window).find(v => v instanceof L.Map).getZoom() > {zoom}")
    page.check("#works-in-view")
    page.wait_for_selector("#works-list-box[data-list-view=view]", timeout=10_000)
    listed = page.locator("#works-list li[data-work-id]").count()
    assert 0 < listed < len(sample_dataset.works)
    assert page.locator(".list-range").inner_text().startswith("Картада көрінетіні:")
    page.locator("#works-list li[data-work-id] button.okr-show").first.click()
    page.wait_for_selector(".leaflet-popup-content .okr-popup-link", timeout=10_000)
    recorded.screenshot("tiled-keyboard-kk-360")
    assert recorded.problems() == CLEAN


@pytest.mark.parametrize("inline", [True, False])
def test_on_a_phone_a_popup_opens_below_the_controls_at_the_top_right(sample_dataset, open_page, inline):
    with serving(make_app(sample_dataset, **({} if inline else {"MAP_INLINE_WORKS": 0}))) as url:
        recorded = open_page(f"{url}/?lang=kk", width=360, height=740)
        page = recorded.page
        wait_for_works(page)
        work_id = sample_dataset.works.index[3]
        page.locator(f'#works-list li[data-work-id="{work_id}"] button.okr-show').click()
        page.wait_for_selector(".leaflet-popup .okr-popup-link", timeout=10_000)
        page.wait_for_function("() => !document.querySelector('.leaflet-pan-anim, .leaflet-zoom-anim')")
        popup_top, controls_bottom = page.evaluate("""() => [
            document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect().top,
            Math.max(...[...document.querySelectorAll('.leaflet-top.leaflet-right .leaflet-control')]
                     .map(e => e.getBoundingClientRect().bottom))]""")
        assert popup_top >= controls_bottom  # the layer switch and the legend cover none of it
        assert recorded.problems() == CLEAN
