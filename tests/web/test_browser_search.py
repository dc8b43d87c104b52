"""Issue 17 items 3 and 4 in Chromium: the search box on every map page, the /search page and
a street's works, and what a ru/kk keyboard types into the forms (a decimal comma, a dash)."""

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

pytestmark = pytest.mark.browser
CLEAN = {"console": [], "errors": [], "third_party": []}
MAP_PAGES = ["/?lang=kk", "/districts/ahmirovo?lang=kk", "/near?lat=49.9525&lon=82.65446&lang=kk"]
BOX = "#site-search-q"
OPTIONS = "#site-search-list [role=option]"


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def type_into_box(page, text):
    page.locator(BOX).click()
    page.keyboard.type(text, delay=20)
    page.wait_for_selector(OPTIONS)


# Item 3: one search box on every map page, suggestions as the resident types.

@pytest.mark.parametrize("path", MAP_PAGES)
def test_the_search_box_suggests_and_opens_a_street_by_keyboard(live_server, open_page, path):
    recorded = open_page(live_server + path, width=360, height=740, locale="kk-KZ")
    page = recorded.page
    box = page.locator(BOX)
    assert box.is_visible() and box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    type_into_box(page, "горький")  # Kazakh readers write the name as in "Горький көшесі"
    listbox = page.locator("#site-search-list")
    assert listbox.get_attribute("role") == "listbox" and listbox.is_visible()
    assert box.get_attribute("aria-expanded") == "true"
    first = page.locator(OPTIONS).first
    assert first.locator(".site-search-label").inner_text() == "Горький көшесі"
    assert first.locator(".site-search-meta").inner_text() == "Көше · Орталық"
    assert page.locator("#site-search-status").inner_text().startswith("Ұсыныстар: ")
    # the list stays on screen at 360 px
    box_rect = listbox.bounding_box()
    assert box_rect["x"] >= 0 and box_rect["x"] + box_rect["width"] <= 360
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    url = urlsplit(page.url)
    assert url.path == "/search" and parse_qs(url.query)["street"] == ["ул. Горького"]
    assert parse_qs(url.query)["lang"] == ["kk"]
    assert page.locator("#street-title").inner_text() == "Горький көшесі"
    assert recorded.problems() == CLEAN


def test_escape_closes_the_suggestions_then_clears_and_enter_searches(live_server, open_page):
    recorded = open_page(live_server + "/?lang=en", width=1366, height=900, locale="en-GB")
    page = recorded.page
    type_into_box(page, "ахмир")
    page.keyboard.press("Escape")
    assert page.locator("#site-search-list").is_hidden()
    assert page.locator(BOX).get_attribute("aria-expanded") == "false"
    assert page.locator(BOX).input_value() == "ахмир"
    page.keyboard.press("Escape")
    assert page.locator(BOX).input_value() == ""
    page.keyboard.type("ахмир", delay=20)
    page.wait_for_selector(OPTIONS)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # no suggestion chosen: the search page
    assert urlsplit(page.url).path == "/search"
    assert page.locator("#results-settlement").inner_text() == "Settlements (2)"
    assert recorded.problems() == CLEAN


def test_a_click_on_a_suggestion_opens_its_page(live_server, open_page):
    recorded = open_page(live_server + "/districts/ahmirovo", width=360, height=740)
    page = recorded.page
    type_into_box(page, "ново-ахмирово")
    option = page.locator(OPTIONS).first
    assert option.locator(".site-search-label").inner_text() == "Ново-Ахмирово"
    with page.expect_navigation():
        option.click()
    assert urlsplit(page.url).path == "/districts/novo-ahmirovo"
    assert recorded.problems() == CLEAN


@pytest.mark.parametrize("path", MAP_PAGES)
def test_the_search_box_works_without_javascript(live_server, browser, path):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(live_server + path)
        page.fill(BOX, "Садовая Ахмирово")
        with page.expect_navigation():
            page.press(BOX, "Enter")
        url = urlsplit(page.url)
        assert url.path == "/search" and parse_qs(url.query) == {"q": ["Садовая Ахмирово"], "lang": ["kk"]}
        assert page.locator("#results-street + ul a").first.inner_text() == "Бақ көшесі (Ахмирово ауылы)"
    finally:
        context.close()


def test_the_embed_has_no_search_box(live_server, open_page):
    recorded = open_page(live_server + "/embed/map", width=375, height=500)
    assert recorded.page.locator(BOX).count() == 0


# Item 3: the /search page and a street's works.

def test_search_page_in_kazakh_on_a_phone_groups_results(live_server, open_page):
    recorded = open_page(live_server + "/search?lang=kk&q=" + quote("школьная"), width=360, height=740,
                         locale="kk-KZ")
    page = recorded.page
    headings = page.locator(".search-group h3").all_inner_texts()
    assert headings[0].startswith("Көшелер (") and any(h.startswith("Жұмыстар (") for h in headings)
    assert page.locator("h2.search-summary").inner_text().endswith("нәтиже")
    assert no_sideways_scroll(page)
    recorded.screenshot("kk-360")
    assert recorded.problems() == CLEAN


def test_a_street_result_shows_its_works_and_leads_to_the_works_near_it(live_server, open_page):
    recorded = open_page(live_server + "/search?q=" + quote("ул. Горького"), width=360, height=740)
    page = recorded.page
    with page.expect_navigation():
        page.locator("#results-street + ul a").first.click()
    section = page.locator(".street-works")
    assert page.locator("h1#street-title").inner_text() == "ул. Горького"
    assert section.is_visible() and section.bounding_box()["y"] < 740  # on the first screen
    ids = section.locator("[data-work-id]").evaluate_all("items => items.map(i => i.dataset.workId)")
    assert ids == ["w2023-05", "w2022-03"]  # newest first
    assert re.search(r"\d ₸$", section.locator("[data-work-id] .funding").first.inner_text().replace("\xa0", " "))
    assert "2023" in section.locator("[data-work-id]").first.inner_text()
    assert no_sideways_scroll(page)
    recorded.screenshot("street")
    page.locator("a.near-here").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/near"
    near_ids = page.locator("#near-list [data-work-id]").evaluate_all("i => i.map(e => e.dataset.workId)")
    assert set(ids) <= set(near_ids)
    assert recorded.problems() == CLEAN


def test_an_empty_result_says_so_and_offers_examples(live_server, open_page):
    recorded = open_page(live_server + "/search?q=" + quote("Луна"), width=360, height=740)
    page = recorded.page
    assert page.locator(".notice").inner_text() == "По запросу «Луна» ничего не найдено."
    examples = page.locator(".search-page p a")
    assert examples.count() >= 2
    with page.expect_navigation():
        examples.first.click()
    assert page.locator(".search-group").count() >= 1
    assert recorded.problems() == CLEAN


# Item 4: what a ru/kk keyboard types into the forms.

def test_near_form_accepts_a_decimal_comma(live_server, open_page):
    recorded = open_page(live_server + "/near?lang=kk", width=360, height=740, locale="kk-KZ")
    page = recorded.page
    page.fill("#near-form input[name=lat]", "49,9525")
    page.fill("#near-form input[name=lon]", "82,65446")
    with page.expect_navigation() as navigation:
        page.locator("#near-form button[type=submit]").click()
    assert navigation.value.status == 200
    assert page.locator("#near-title").is_visible()
    assert page.locator("#near-list [data-work-id]").count() > 0
    assert recorded.problems() == CLEAN


@pytest.mark.parametrize("typed", ["2023 - 2024", "2023–2024", "2023 — 2024", " 2023-2024 "])
def test_year_field_accepts_a_range_with_dashes_and_spaces(live_server, open_page, typed):
    recorded = open_page(live_server + "/?lang=kk", width=360, height=740, locale="kk-KZ")
    page = recorded.page
    page.fill(".filters input[name=year]", typed)
    with page.expect_navigation() as navigation:
        page.locator(".filters button[type=submit]").click()
    assert navigation.value.status == 200
    expected = open_page(live_server + "/?lang=kk&year=2023-2024", width=360).page
    assert page.locator(".totals-main").inner_text() == expected.locator(".totals-main").inner_text()
    assert recorded.problems() == CLEAN


def test_year_garbage_is_still_a_readable_400(live_server, open_page):
    recorded = open_page(live_server + "/?lang=en", width=360, height=740)
    page = recorded.page
    page.fill(".filters input[name=year]", "2023 or 2024")
    with page.expect_navigation() as navigation:
        page.locator(".filters button[type=submit]").click()
    assert navigation.value.status == 400
    assert "year" in page.locator("main").inner_text()
