"""Issue 17 items 5, 7, 10, 11, 13 and 17 and issue 15's planner columns in Chromium, as their
users meet them: a resident's 360 px phone in Kazakh and Russian, a planner's 1366x900 laptop,
a newsroom's embed. Each test fails on the code before the change it guards."""

import io
import re
import shutil

import pandas as pd
import pytest

import geo
from tests.conftest import make_app, serving
from tests.web.test_browser_issue17 import CLEAN, inside, rect, viewport

pytestmark = pytest.mark.browser


def plain(text):
    """Text with the locale's no-break spaces as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture(scope="module")
def upcoming_server(tmp_path_factory, sample_dataset):
    """The sample with one more Ulbinsky meeting, in 2099, with a place and a time."""
    from web.config import defaults

    folder = tmp_path_factory.mktemp("upcoming") / "city"
    shutil.copytree(defaults()["DATA_DIR"], folder)
    with open(folder / "meetings.csv", "a", encoding="utf-8") as meetings:
        meetings.write('ulbinsky,2099,1,2099-03-14,,,,"ул. Бажова, 11, школа",18:30-20:00\n')
    with serving(make_app(geo.load_dataset(folder))) as url:
        yield url


# 5. "When is the next meeting?" near the top; a calendar subscription; place and time.

def test_the_district_page_says_the_next_meeting_is_not_scheduled_and_when_the_last_was(
        live_server, open_page):
    recorded = open_page(f"{live_server}/districts/ulbinsky?lang=kk", width=360, height=740,
                         locale="kk-KZ")
    page = recorded.page
    box = page.locator(".meeting-box")
    assert inside(rect(box), viewport(page))  # in the first screen, above the map
    text = plain(box.inner_text())
    assert "Келесі кездесу әлі белгіленбеген." in text
    assert "Соңғысы 2024 ж. 11 қараша, 18:30–20:00 өтті" in text and "18:30–20:00" in text
    subscribe = box.locator('a[href^="webcal://"]')
    assert subscribe.is_visible()
    assert subscribe.get_attribute("href").endswith("/districts/ulbinsky/meetings.ics?lang=kk")
    download = box.locator('a[href$="/districts/ulbinsky/meetings.ics?lang=kk"][download]')
    assert download.get_attribute("href").startswith("http")
    ics = page.request.get(download.get_attribute("href")).text()
    assert "LOCATION:ул. Бажова\\, 11\\, школа\\, актовый зал" in ics.replace("\r\n ", "")
    assert "DTSTART:20241111T133000Z" in ics  # 18:30 in Asia/Almaty (UTC+5)
    recorded.screenshot("district-kk-360")
    assert recorded.problems() == CLEAN


def test_the_district_page_announces_the_next_meeting_with_its_time_and_place(
        upcoming_server, open_page):
    recorded = open_page(f"{upcoming_server}/districts/ulbinsky?lang=ru", width=360, height=740)
    box = recorded.page.locator(".meeting-box")
    assert inside(rect(box), viewport(recorded.page))
    text = plain(box.inner_text())
    assert "Следующая встреча с жителями" in text and "14 марта 2099 г., 18:30–20:00" in text
    assert "Место: ул. Бажова, 11, школа" in text
    assert box.locator("time").get_attribute("datetime") == "2099-03-14T18:30"
    assert recorded.problems() == CLEAN


# 7. The district's money reconciles on its page.

def test_crossing_works_show_the_district_share_and_the_totals_are_explained(live_server, open_page):
    recorded = open_page(f"{live_server}/districts/ulbinsky?lang=ru", width=360, height=740)
    page = recorded.page
    row = page.locator('#district-works tr[data-work-id="w2024-04"]')
    row.scroll_into_view_if_needed()
    cell = row.locator("td.num")
    assert "61 800 000 ₸" in plain(cell.inner_text())
    part = cell.locator(".district-part")
    assert part.is_visible() and re.search(r"в этом районе: 39 059 812 ₸ \(63 %\)", plain(part.inner_text()))
    note = page.locator(".money-note")
    note.scroll_into_view_if_needed()
    said = plain(note.inner_text())
    assert "192 230 000 ₸" in said and "164 658 487 ₸" in said and "2 работы" in said
    funding_total = page.locator("table.data tfoot td.num").last.inner_text()
    assert plain(funding_total) == "164 658 487 ₸"
    box = rect(note)
    assert box["left"] >= 0 and box["right"] <= 360  # the line wraps on a phone
    assert recorded.problems() == CLEAN


# 10 and issue 15. Who is underserved and why, at a glance on a laptop.

def _table_fits(page):
    return page.locator(".table-scroll").evaluate("e => e.scrollWidth <= e.clientWidth + 1")


def test_the_planner_table_fits_a_laptop_with_the_district_and_the_flag_in_view(live_server, open_page):
    recorded = open_page(f"{live_server}/planner?lang=ru", width=1366, height=900)
    page = recorded.page
    page.locator("#table-title").scroll_into_view_if_needed()
    assert _table_fits(page)  # no sideways scrolling for the default columns
    headers = [h.strip() for h in page.locator("#planner-table thead th:visible").all_inner_texts()]
    assert headers[:2] == ["Район", "Отстающий"]
    assert any("Решено нужд" in h for h in headers) and any("больше года" in h for h in headers)
    first = page.locator("#planner-table tbody tr").first
    for cell in (first.locator("th"), first.locator("td.reasons")):
        assert inside(rect(cell), rect(page.locator(".table-scroll")))
    assert "да" in first.locator("td.reasons").inner_text()
    assert re.search(r"\d+ % из \d+", plain(first.locator('td[data-col="needs_met"]').inner_text()))
    assert "Баланс по нуждам" in page.locator(".key-figures").inner_text()
    recorded.screenshot("planner-1366")
    assert recorded.problems() == CLEAN


def test_planner_columns_switch_in_place_and_the_district_sticks(live_server, open_page):
    recorded = open_page(f"{live_server}/planner?lang=en", width=1366, height=900)
    page = recorded.page
    chooser = page.locator(".column-chooser")
    chooser.locator("summary").click()
    population = page.locator('#planner-table thead th[data-col="population"]')
    assert not population.is_visible()
    chooser.get_by_label("Population").check()
    assert population.is_visible()
    assert "columns=" in page.url and "population" in page.url
    for label in ("Kind", "Distance from the centre", "Works by status", "Funding", "Share of works done",
                  "Cluster"):
        chooser.get_by_label(label, exact=True).check()
    assert not _table_fits(page)  # now it scrolls sideways...
    frame = page.locator(".table-scroll")
    frame.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    page.wait_for_timeout(100)
    name = page.locator("#planner-table tbody tr").first.locator("th")
    assert abs(rect(name)["left"] - rect(frame)["left"]) <= 2  # ...and the district stays
    assert inside(rect(name), rect(frame))
    # the period form keeps the chosen columns
    assert "population" in page.locator("#planner-columns").input_value()
    assert recorded.problems() == CLEAN


def test_planner_columns_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live_server}/planner?lang=en&columns=population")
        assert page.locator('#planner-table thead th[data-col="population"]').is_visible()
        assert not page.locator('#planner-table thead th[data-col="rank"]').is_visible()
        page.locator(".column-chooser summary").click()
        page.get_by_label("Cluster").check()
        page.locator(".column-chooser button[type=submit]").click()
        page.wait_for_load_state()
        assert "columns=cluster" in page.url
        assert page.locator('#planner-table thead th[data-col="cluster"]').is_visible()
        assert page.locator('#planner-table thead th[data-col="population"]').is_visible()
    finally:
        context.close()


# 11. The reason states the rule.

@pytest.mark.parametrize("lang, said", [
    ("ru", r"финансирование на жителя 0 ₸, ниже [\d ]+ ₸ = половины медианы по городу"),
    ("kk", r"жан басына қаржыландыру 0 ₸, [\d ]+ ₸ шегінен төмен = қала медианасының жартысы"),
    ("en", r"funding per resident 0 ₸, below [\d,]+ ₸ = half the city median")])
def test_the_low_funding_reason_says_the_threshold_is_half_the_median(live_server, open_page, lang, said):
    recorded = open_page(f"{live_server}/planner?year=2023&lang={lang}", width=1366, height=900)
    reasons = plain(recorded.page.locator(".underserved-list").inner_text())
    assert re.search(said, reasons), reasons
    table = plain(recorded.page.locator("#planner-table td.reasons").first.inner_text())
    assert re.search(said, table), table
    assert recorded.problems() == CLEAN


# 13. The CSV a planner downloads from the page.

@pytest.mark.parametrize("lang, header, yes", [("kk", "Аудан", "иә"), ("ru", "Район", "да")])
def test_the_downloaded_csv_is_in_the_page_language_without_float_noise(live_server, open_page, lang,
                                                                         header, yes):
    recorded = open_page(f"{live_server}/planner?year=2022-2024&lang={lang}", width=1366, height=900)
    page = recorded.page
    with page.expect_download() as info:
        page.locator(".downloads a[download]").click()
    data = open(info.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", dtype=str)
    assert header in table.columns and "underserved" not in table.columns
    values = data.decode("utf-8-sig")
    assert not re.search(r"\d,\d{4,}", values)  # 22,977734236314586 is gone
    assert "True" not in values and "False" not in values and f";{yes};" in values
    distance = [c for c in table.columns if "км" in c][0]
    assert all(re.fullmatch(r"\d+,\d", v) for v in table[distance])
    assert recorded.problems() == CLEAN


# 17. The data's own date, "as of", on pages and embeds.

@pytest.mark.parametrize("path, lang, said", [
    ("/?year=2023", "ru", "на 20 декабря 2024 г."),
    ("/districts/ulbinsky", "kk", "2024 ж. 20 желтоқсан жағдай бойынша"),
    ("/embed/map?year=2023", "ru", "Данные: акимат города, на 20 декабря 2024 г."),
    ("/embed/map?year=2023", "en", "Data: city akimat, as of December 20, 2024")])
def test_the_attribution_gives_the_data_date_not_the_load_date(live_server, open_page, path, lang, said):
    sep = "&" if "?" in path else "?"
    recorded = open_page(f"{live_server}{path}{sep}lang={lang}", width=360, height=740)
    line = recorded.page.locator(".data-attribution")
    line.scroll_into_view_if_needed()
    assert line.is_visible()
    assert said in plain(line.inner_text())
    assert "2026" not in line.inner_text()
    assert recorded.problems() == CLEAN
