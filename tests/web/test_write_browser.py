"""The write path in a real headless Chromium: the form at 360 px in Kazakh, the staff queue by keyboard."""

import re

import pytest

from tests.conftest import serving, write_tiny_city
from tests.web._write import add_staff
from web import create_app

pytestmark = pytest.mark.browser
CLEAN = {"console": [], "errors": [], "third_party": []}
NO_OVERFLOW = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def write_server(tmp_path):
    app = create_app({"TESTING": True, "TILES": "none", "DATA_DIR": write_tiny_city(tmp_path / "city"),
                      "RELOAD_SECONDS": 0, "INSTANCE_DIR": tmp_path / "instance"})
    add_staff(app)
    with serving(app) as url:
        yield url


def raise_need(open_page, base, text):
    recorded = open_page(f"{base}/needs/new?lang=kk", width=360, locale="kk-KZ")
    page = recorded.page
    assert page.evaluate(NO_OVERFLOW)
    assert page.locator("h1").inner_text() == "Мәселе туралы хабарлау"
    page.locator(".place-map").scroll_into_view_if_needed()  # as a thumb would
    box = page.locator(".place-map .okraina-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.72, box["y"] + box["height"] * 0.5)  # a tap on the map
    assert re.fullmatch(r"49\.\d+", page.locator("#lat").input_value())
    assert re.fullmatch(r"82\.\d+", page.locator("#lon").input_value())
    page.locator("#lat").fill("49.945")  # typed numbers: a point inside district "b"
    page.locator("#lon").fill("82.615")
    recorded.screenshot("form-kk-360")
    return recorded


def test_the_form_works_at_360_px_in_kazakh_with_a_tap_and_the_keyboard(write_server, open_page):
    recorded = raise_need(open_page, write_server, "")
    page = recorded.page
    page.locator("#category").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "text"
    page.keyboard.type("Аулада шам жанбайды, кешке қараңғы")
    page.locator("#contact").fill("+7 700 111 22 33")
    page.locator("button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Рақмет" in page.locator("h1").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", page.locator("#reference").inner_text())
    assert page.evaluate(NO_OVERFLOW)
    recorded.screenshot("sent-kk-360")
    assert recorded.problems() == CLEAN


def test_the_staff_queue_works_by_keyboard_at_360_px(write_server, open_page):
    resident = raise_need(open_page, write_server, "")
    page = resident.page
    page.locator("#text").fill("A lamp is out in the yard <b>tonight</b>")
    with page.expect_navigation():
        page.locator("button[type=submit]").click()
    recorded = open_page(f"{write_server}/staff/?lang=en", width=360)
    page = recorded.page
    page.locator("#email").focus()
    page.keyboard.type("mod@example.kz")
    page.keyboard.press("Tab")
    page.keyboard.type("a long staff password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#queue > li").count() == 1
    assert "<b>tonight</b>" in page.locator(".resident-text").inner_text()  # text, not markup
    assert page.evaluate(NO_OVERFLOW)
    recorded.screenshot("queue-360")
    page.locator("#queue a").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".place-map .okraina-map").count() == 1
    assert page.evaluate(NO_OVERFLOW)
    recorded.screenshot("submission-360")
    page.locator("#reason").focus()
    page.keyboard.type("Private land")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Nothing is waiting." in page.content()
    assert recorded.problems() == CLEAN


def test_an_address_from_the_search_sets_the_place_by_keyboard(write_server, open_page):
    import json
    from urllib.parse import quote
    from urllib.request import urlopen

    with urlopen(f"{write_server}/api/search?kind=street&q=" + quote("Тестовая")) as r:
        street = json.load(r)["results"][0]
    recorded = open_page(f"{write_server}/needs/new?lang=kk", width=360, locale="kk-KZ")
    page = recorded.page
    field = page.locator("#place-search-q")
    assert field.is_visible()  # shown once search.js runs
    field.click()
    page.keyboard.type("тестов", delay=20)  # typed lower case, no "ул."
    page.wait_for_selector("#place-search-list [role=option]")
    assert page.evaluate(NO_OVERFLOW)
    recorded.screenshot("form-address-kk-360")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.url.endswith("/needs/new?lang=kk")  # a pick stays on the form
    lon, lat = street["point"]
    assert float(page.locator("#lat").input_value()) == pytest.approx(lat, abs=1e-6)
    assert float(page.locator("#lon").input_value()) == pytest.approx(lon, abs=1e-6)
    assert page.locator("#place-search-list").is_hidden()
    assert page.locator("#place-status").inner_text() != ""
    assert recorded.problems() == CLEAN
