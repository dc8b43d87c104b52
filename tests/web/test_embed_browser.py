"""The embed inside a page of another origin, in a real headless Chromium."""

import re
from html import unescape
from urllib.request import urlopen

import pytest
from werkzeug.wrappers import Request, Response

from tests.conftest import serving

pytestmark = pytest.mark.browser

FIND_MAP = "Object.keys(window).map(k => window[k]).find(v => v instanceof L.Map)"
HOST_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>News</title></head>
<body style="margin:0;font:16px sans-serif">
<p style="height:300px">An article about the programme.</p>
{snippet}
<script>
window.posted = [];
window.addEventListener("message", function (e) {{ if (e.data && e.data.okraina) window.posted.push(e.data.height); }});
</script>
<p style="height:1500px">More text below the map.</p>
</body></html>"""


def _news_site(snippet):
    """A tiny WSGI app (the newsroom's site) serving one page with the snippet."""
    @Request.application
    def app(request):
        if request.path != "/":
            return Response("", status=404)
        return Response(HOST_PAGE.format(snippet=snippet), mimetype="text/html")
    return app


def _snippet(live_server):
    """The builder's resizable snippet for 2023, 600 x 300, exactly as a journalist copies it."""
    query = "year=2023&map_lang=en&size=custom&width=600&height=300"
    with urlopen(f"{live_server}/embed?{query}") as response:
        html = response.read().decode()
    return unescape(re.search(r'<textarea id="snippet-resizable"[^>]*>([^<]+)</textarea>', html).group(1))


def test_embed_on_another_origin_renders_resizes_and_lets_the_page_scroll(live_server, open_page):
    with serving(_news_site(_snippet(live_server))) as news:
        assert news.rsplit(":", 1)[1] != live_server.rsplit(":", 1)[1]  # another origin
        recorded = open_page(f"{news}/", width=800, height=700, locale="en-US")
        page = recorded.page
        frame = page.frame_locator("iframe")
        frame.locator(".leaflet-container path.leaflet-interactive").first.wait_for(timeout=10_000)
        page.wait_for_function("window.posted.length > 0", timeout=10_000)
        posted = page.evaluate("window.posted[window.posted.length - 1]")
        page.wait_for_function(f"document.querySelector('iframe').getBoundingClientRect().height === {posted}")
        assert posted != 300 and 350 < posted < 600  # 600 px wide: a 375 px map plus the text lines

        inner = page.frames[1]
        zoom = inner.evaluate(f"({FIND_MAP}).getZoom()")
        box = page.locator("iframe").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(800)
        assert inner.evaluate(f"({FIND_MAP}).getZoom()") == zoom  # the map did not zoom...
        assert page.evaluate("window.scrollY") > 0  # ...the article scrolled
        recorded.screenshot("news-site")
        assert recorded.problems() == {"console": [], "errors": [], "third_party": []}


def test_resize_messages_from_other_origins_are_ignored(live_server, open_page):
    with serving(_news_site(_snippet(live_server))) as news:
        recorded = open_page(f"{news}/", width=800, height=700)
        page = recorded.page
        page.wait_for_function("window.posted.length > 0", timeout=10_000)
        before = page.evaluate("document.querySelector('iframe').getBoundingClientRect().height")
        page.evaluate("window.postMessage({okraina: 'resize', height: 999}, '*')")  # the page's own origin
        page.wait_for_timeout(300)
        assert page.evaluate("document.querySelector('iframe').getBoundingClientRect().height") == before


@pytest.mark.parametrize("width, height", [(300, 250), (800, 600)])
def test_embed_fills_small_and_large_frames(live_server, open_page, width, height):
    recorded = open_page(f"{live_server}/embed/map?year=2023&lang=ru", width=width, height=height)
    page = recorded.page
    page.wait_for_selector(".leaflet-container path.leaflet-interactive", timeout=10_000)
    assert page.evaluate("document.documentElement.scrollHeight") <= height  # no scroll trap inside
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    map_box = page.locator(".embed-map").bounding_box()
    assert map_box["height"] >= 120 and map_box["width"] == width
    assert page.locator(".embed-text").bounding_box()["height"] <= 1  # text for screen readers only
    assert page.locator(".embed-foot a").is_visible()
    recorded.screenshot(f"{width}x{height}")
    assert recorded.problems() == {"console": [], "errors": [], "third_party": []}


def test_embed_without_javascript_shows_picture_and_table(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 640, "height": 480})
    try:
        page = context.new_page()
        page.goto(f"{live_server}/embed/map?year=2023&lang=en")
        assert page.locator("img.embed-fallback").is_visible()
        page.wait_for_function("() => document.querySelector('img.embed-fallback').naturalWidth === 800")
        assert page.locator(".embed-text table").is_visible()
        assert not page.locator(".embed-map").is_visible()
    finally:
        context.close()


def test_builder_updates_preview_and_snippet_live(live_server, open_page):
    recorded = open_page(f"{live_server}/embed?lang=en", width=1100, height=1400, locale="en-US")
    page = recorded.page
    page.select_option("select[name=year]", "2023")
    page.select_option("select[name=district]", "ulbinsky")
    page.wait_for_function("() => document.getElementById('snippet-iframe').value.includes('district=ulbinsky')")
    snippet = page.locator("#snippet-iframe").input_value()
    assert 'loading="lazy"' in snippet and 'title="Ulbinsky' in snippet and "year=2023" in snippet
    assert "district=ulbinsky" in page.url  # the address bar keeps the choice
    frame = page.frame_locator(".preview iframe")
    frame.locator(".leaflet-container path.leaflet-interactive").first.wait_for(timeout=10_000)
    assert page.locator("button.copy").first.is_visible()
    recorded.screenshot("builder")
    assert recorded.problems() == {"console": [], "errors": [], "third_party": []}


def test_embed_popup_opens_the_work_in_a_new_tab(live_server, open_page):
    recorded = open_page(f"{live_server}/embed/map?year=2023&lang=en", width=800, height=600)
    page = recorded.page
    page.wait_for_selector(".leaflet-container[data-works-drawn]", timeout=10_000)
    assert int(page.get_attribute(".leaflet-container", "data-works-drawn")) > 0
    page.evaluate("okraina.open(0)")
    link = page.wait_for_selector(".okr-popup a.okr-popup-link", timeout=10_000)
    assert link.get_attribute("target") == "_blank" and link.get_attribute("rel") == "noopener"
    assert "/works/" in link.get_attribute("href") and link.get_attribute("href").endswith("?lang=en")
    recorded.screenshot("popup-800x600")
    assert recorded.problems() == {"console": [], "errors": [], "third_party": []}
