"""The front page in a real headless Chromium: a Leaflet map, no errors, no CDN."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang, nav_word", [("ru", "Рядом со мной"), ("kk", "Маған жақын"), ("en", "Near me")])
def test_front_page_renders_a_leaflet_map(live_server, open_page, lang, nav_word):
    recorded = open_page(f"{live_server}/?lang={lang}", width=360)
    page = recorded.page
    page.wait_for_selector(".leaflet-container .leaflet-control-zoom", timeout=10_000)
    assert page.evaluate("typeof L") == "object" and page.evaluate("typeof jQuery") == "undefined"
    assert page.locator(".site-nav").inner_text().count(nav_word) == 1
    assert page.evaluate("document.documentElement.lang") == lang
    map_box = page.locator(".okraina-map").bounding_box()
    assert map_box["width"] >= 340 and map_box["height"] >= 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    recorded.screenshot(lang)
    assert recorded.problems() == {"console": [], "errors": [], "third_party": []}


def test_skip_link_moves_focus_past_the_map(live_server, open_page):
    recorded = open_page(f"{live_server}/", width=1024)
    page = recorded.page
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#after-map"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "after-map"
    recorded.screenshot("desktop")
    assert recorded.problems() == {"console": [], "errors": [], "third_party": []}
