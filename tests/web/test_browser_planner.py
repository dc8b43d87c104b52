"""/planner on the shipped sample in a real headless Chromium: map, charts, sorting;
no console errors, no third-party requests."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width, lang", [(360, "ru"), (1280, "kk")])
def test_planner_renders_map_charts_and_table(live_server, open_page, width, lang):
    recorded = open_page(f"{live_server}/planner?year=2022-2024&lang={lang}", width=width)
    page = recorded.page
    page.wait_for_selector(".okraina-map path.leaflet-interactive", timeout=10_000)
    assert page.locator(".okraina-map path.leaflet-interactive").count() == 21
    assert page.locator(".cluster-icon, .okraina-map path[stroke-dasharray]").count() >= 1
    assert page.locator(".leaflet-control-layers").count() == 1
    charts = [chart for chart in page.locator("svg.chart").all() if chart.is_visible()]
    assert len(charts) == 2  # each drawn for a phone and for a laptop; CSS shows one
    for chart in charts:
        box = chart.bounding_box()
        assert box["width"] > 250 and box["height"] > 120
    assert page.locator("#planner-table tbody tr").count() == 21
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways page
    recorded.screenshot(f"{width}-{lang}")
    assert recorded.problems() == {"console": [], "errors": [], "third_party": []}


def test_table_sorts_with_the_keyboard(live_server, open_page):
    # population is not in the default columns: ask for it as a planner would (?columns=)
    recorded = open_page(f"{live_server}/planner?lang=en&columns=rank,population", width=1280)
    page = recorded.page
    button = page.locator("#planner-table thead th", has_text="Population").locator("button")
    button.focus()
    page.keyboard.press("Enter")
    populations = page.eval_on_selector_all(
        "#planner-table tbody tr td[data-col=population]", "cells => cells.map(c => +c.dataset.value)")
    assert populations == sorted(populations)
    page.keyboard.press("Enter")
    header = page.locator("#planner-table thead th", has_text="Population")
    assert header.get_attribute("aria-sort") == "descending"
    populations = page.eval_on_selector_all(
        "#planner-table tbody tr td[data-col=population]", "cells => cells.map(c => +c.dataset.value)")
    assert populations == sorted(populations, reverse=True)
    recorded.screenshot("sorted")
    assert recorded.problems() == {"console": [], "errors": [], "third_party": []}


def test_bad_period_page_is_readable(live_server, open_page):
    recorded = open_page(f"{live_server}/planner?year=2025-2022&lang=en", width=360)
    assert "year:" in recorded.page.locator("main").inner_text()
    assert recorded.problems()["errors"] == [] and recorded.problems()["third_party"] == []
