"""Residents' needs in a real headless Chromium on the shipped sample: the district
timeline, a need's page, the needs layer of the city map and of an embed, at 360 px in
Kazakh and at 1366 px, from the keyboard, with no console error or CSP violation."""

import re

import pytest

pytestmark = pytest.mark.browser
CLEAN = {"console": [], "errors": [], "third_party": []}
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def first_need(sample_dataset, **where):
    needs = sample_dataset.needs
    for column, value in where.items():
        needs = needs[needs[column] == value] if column != "has_point" else \
            needs[needs.geometry.notna() == value]
    return needs.index[0], needs.iloc[0]


def needs_drawn(page):
    page.wait_for_selector(".okraina-map[data-needs-drawn]", state="attached", timeout=15_000)
    return int(page.locator(".okraina-map").get_attribute("data-needs-drawn"))


@pytest.mark.parametrize("width, lang", [(360, "kk"), (1366, "ru")])
def test_district_timeline_years_fold_and_a_need_opens_from_the_keyboard(live_server, open_page,
                                                                         sample_dataset, width, lang):
    district = sample_dataset.districts.index[0]
    recorded = open_page(f"{live_server}/districts/{district}?lang={lang}#needs", width=width)
    page = recorded.page
    years = page.locator("details.needs-year")
    assert years.count() == 3
    assert [years.nth(i).evaluate("d => d.open") for i in range(3)] == [True, False, False]
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    # A closed year opens from the keyboard.
    page.locator("#needs-2022 > summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("#needs-2022").evaluate("d => d.open")
    # Tab from the newest year's summary reaches a need; Enter opens its page.
    page.locator("#needs-2024 > summary").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert re.fullmatch(rf"/needs/[^?]+\?lang={lang}", focused), focused
    recorded.screenshot(f"district-timeline-{width}-{lang}")
    assert recorded.problems() == CLEAN
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(focused)
    assert page.locator("h1").inner_text().strip()
    assert recorded.problems() == CLEAN


@pytest.mark.parametrize("width, lang", [(360, "kk"), (1366, "en")])
def test_need_page_shows_its_trail_and_its_marker(live_server, open_page, sample_dataset, width, lang):
    need_id, row = first_need(sample_dataset, status="met", has_point=True)
    recorded = open_page(f"{live_server}/needs/{need_id}?lang={lang}", width=width)
    page = recorded.page
    assert needs_drawn(page) == 1
    assert page.locator(".okr-need").count() == 1
    assert page.locator("ol.trail > li").count() == 4
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    works = [w for w in row["work_ids"] if w in sample_dataset.works.index]
    assert page.locator(".need-works a").count() == len(works)
    page.locator(".okr-need").click()
    popup = page.wait_for_selector(".leaflet-popup-content .okr-need-popup", timeout=10_000)
    assert row[f"title_{lang}"] in popup.inner_text()
    recorded.screenshot(f"need-{width}-{lang}")
    assert recorded.problems() == CLEAN


def test_work_page_draws_the_needs_it_answers(live_server, open_page, sample_dataset):
    need_id, row = first_need(sample_dataset, status="met", has_point=True)
    work_id = row["work_ids"][0]
    recorded = open_page(f"{live_server}/works/{work_id}?lang=kk", width=360)
    page = recorded.page
    assert needs_drawn(page) >= 1
    assert page.locator(f'li[data-need-id="{need_id}"] a').get_attribute("href") == f"/needs/{need_id}?lang=kk"
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert recorded.problems() == CLEAN


def test_need_without_a_point_has_no_map_and_a_closed_one_its_answer(live_server, open_page, sample_dataset):
    need_id, row = first_need(sample_dataset, status="declined")
    recorded = open_page(f"{live_server}/needs/{need_id}?lang=kk", width=360)
    page = recorded.page
    assert row["answer_kk"] in page.locator("ol.trail").inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert recorded.problems() == CLEAN
    unplaced, _ = first_need(sample_dataset, has_point=False)
    recorded = open_page(f"{live_server}/needs/{unplaced}?lang=kk", width=360)
    assert recorded.page.locator(".leaflet-container").count() == 0
    assert recorded.problems() == CLEAN


def test_city_map_needs_layer_is_off_until_switched_on_from_the_keyboard(live_server, open_page, sample_dataset):
    recorded = open_page(f"{live_server}/?lang=en", width=1366)
    page = recorded.page
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if "/api/map/needs" in request.url else None)
    page.wait_for_selector(".okraina-map[data-works-drawn]", state="attached", timeout=15_000)
    assert page.locator(".okr-need").count() == 0 and fetched == []
    # The layer switch opens from the keyboard and its "Residents' needs" box switches the layer.
    page.locator(".leaflet-control-layers-toggle").focus()
    page.keyboard.press("Enter")
    box = page.locator(".leaflet-control-layers-overlays label", has_text="Residents' needs").locator("input")
    box.focus()
    page.keyboard.press("Space")
    placed = int(sample_dataset.needs.geometry.notna().sum())
    assert needs_drawn(page) == placed and len(fetched) == 1
    assert "needs=1" in page.url  # kept in the URL: a reload or a shared link shows them
    assert page.locator("input[name=needs]").is_checked()  # and in the form
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => !location.search.includes('needs=1')")
    assert page.locator(".okr-need").count() == 0
    assert recorded.problems() == CLEAN


def test_city_map_needs_filtered_by_status_type_at_360_kazakh(live_server, open_page, sample_dataset):
    recorded = open_page(f"{live_server}/?needs=1&need_status=open&year=2023&lang=kk", width=360)
    page = recorded.page
    needs = sample_dataset.needs
    expected = needs[(needs["status_type"] == "open") & (needs["year"] == 2023) & needs.geometry.notna()]
    assert needs_drawn(page) == len(expected) > 0
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert page.locator("select[name=need_status]").input_value() == "open"
    # Needs are squares with a sign, never round like the works.
    page.wait_for_selector(".okr-need-pin, .okr-need-cluster", timeout=10_000)
    radius = page.locator(".okr-need-pin, .okr-need-cluster div").first.evaluate(
        "el => getComputedStyle(el).borderRadius")
    assert radius in ("3px", "4px")
    recorded.screenshot("city-needs-360-kk")
    assert recorded.problems() == CLEAN


def test_a_need_popup_links_to_its_page(live_server, open_page, sample_dataset):
    need_id, row = first_need(sample_dataset, status="met", has_point=True)
    district = row["district_id"]
    recorded = open_page(f"{live_server}/?needs=1&district={district}&lang=en", width=1366)
    page = recorded.page
    needs_drawn(page)
    page.evaluate("() => { const m = Object.values(window).find(v => v instanceof L.Map); m.setZoom(17); }")
    page.evaluate(f"""() => {{
        const m = Object.values(window).find(v => v instanceof L.Map);
        m.setView([{row.geometry.y}, {row.geometry.x}], 18, {{animate: false}});
    }}""")
    marker = page.locator(f'.okr-need[title="{row["title_en"]}"]')
    marker.wait_for(timeout=10_000)
    marker.focus()
    page.keyboard.press("Enter")
    link = page.wait_for_selector(".okr-need-popup a.okr-popup-link", timeout=10_000)
    assert link.get_attribute("href") == f"/needs/{need_id}?lang=en"
    assert recorded.problems() == CLEAN


def test_embed_shows_needs_when_asked_and_the_builder_writes_them(live_server, open_page, sample_dataset):
    district = sample_dataset.districts.index[0]
    recorded = open_page(f"{live_server}/embed/map?needs=1&district={district}&lang=kk", width=640)
    page = recorded.page
    placed = sample_dataset.needs[(sample_dataset.needs["district_id"] == district)
                                  & sample_dataset.needs.geometry.notna()]
    assert needs_drawn(page) == len(placed)
    recorded.screenshot("embed-needs-640-kk")
    assert recorded.problems() == CLEAN
    builder = open_page(f"{live_server}/embed?lang=en", width=1366)
    page = builder.page
    page.locator("input[name=needs]").check()
    with page.expect_navigation():
        page.locator("#builder-form button[type=submit]").click()
    assert "needs=1" in page.locator(".preview iframe").get_attribute("src")
    assert "needs=1" in page.locator("#snippet-iframe").input_value()
    assert builder.problems() == CLEAN
