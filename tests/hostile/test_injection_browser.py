"""Script injection from data, in Chromium: every HTML page of the hostile city.

The payloads set ``window.__pwned`` or open a dialog if they ever run; each page
is loaded, its map's popups and tooltips opened, and the page must show the
payload as text with no script run, no dialog and no CSP violation.
"""

import pytest

from tests.hostile.routes import html_urls

pytestmark = pytest.mark.browser

SHOWN = "<script>window.__pwned=1</script>"  # part of every data text, as it should read
# Pages that show no data text at all (only the city's name would, and they have none).
NO_DATA_TEXT = ("/embed/resize.js",)
OPEN_POPUPS = """
async () => {
    // Stay on the page: a click on a map may follow a link or send the near-me form.
    HTMLFormElement.prototype.submit = function () {};
    document.addEventListener("submit", (e) => e.preventDefault(), true);
    document.addEventListener("click", (e) => { if (e.target.closest("a")) e.preventDefault(); }, true);
    const texts = [];
    const targets = [...document.querySelectorAll(
        ".leaflet-marker-icon, .leaflet-interactive, .marker-cluster")].slice(0, 8);
    for (const el of targets) {
        for (const type of ["mouseover", "mousemove", "click"]) {
            el.dispatchEvent(new MouseEvent(type, {bubbles: true, clientX: 5, clientY: 5}));
        }
        await new Promise((resolve) => setTimeout(resolve, 30));
        for (const box of document.querySelectorAll(".leaflet-popup-content, .leaflet-tooltip")) {
            texts.push(box.innerText);
        }
    }
    return texts;
}
"""


def test_every_page_shows_the_payload_as_text_and_runs_none_of_it(hostile_app, hostile_dataset,
                                                                    hostile_server, open_page):
    failures = {}
    for rule, url in html_urls(hostile_app, hostile_dataset):
        recorded = open_page(hostile_server + url, width=1024, height=768)
        page = recorded.page
        popup_texts = page.evaluate(OPEN_POPUPS) if page.query_selector(".leaflet-container") else []
        page.wait_for_timeout(100)
        found = {key: value for key, value in recorded.problems().items() if value}
        if page.evaluate("typeof window.__pwned") != "undefined":
            found["pwned"] = True
        if SHOWN not in page.inner_text("body") and not url.startswith(NO_DATA_TEXT):
            found["not_shown_as_text"] = True
        mangled = [t[:120] for t in popup_texts if "<b>bold" in t and SHOWN not in t]
        if mangled:
            found["popups"] = mangled
        if found:
            failures[url] = found
        recorded.close()
    assert failures == {}


@pytest.mark.parametrize("path", ["/", "/planner?lang=en", "/embed/map"])
def test_popups_and_tooltips_of_the_maps_show_the_payload_as_text(hostile_server, open_page, path):
    recorded = open_page(hostile_server + path, width=1024, height=768)
    texts = recorded.page.evaluate(OPEN_POPUPS)
    assert any(SHOWN in text for text in texts), texts
    assert recorded.page.evaluate("typeof window.__pwned") == "undefined"
    assert recorded.problems() == {"console": [], "errors": [], "third_party": []}


OPEN_NEED_POPUPS = """
async () => {
    document.addEventListener("click", (e) => { if (e.target.closest("a")) e.preventDefault(); }, true);
    const map = Object.values(window).find((v) => v instanceof L.Map);
    const texts = [];
    for (const pin of [...document.querySelectorAll(".leaflet-marker-icon.okr-need")]) {
        pin.dispatchEvent(new MouseEvent("click", {bubbles: true}));
        await new Promise((resolve) => setTimeout(resolve, 30));
        for (const box of document.querySelectorAll(".okr-need-popup")) { texts.push(box.innerText); }
        map.closePopup();
    }
    return texts;
}
"""


@pytest.mark.parametrize("path", ["/?needs=1", "/embed/map?needs=1", "/needs/n1"])
def test_need_popups_show_the_payload_as_text(hostile_server, open_page, path):
    recorded = open_page(hostile_server + path, width=1024, height=768)
    page = recorded.page
    page.wait_for_selector(".okraina-map[data-needs-drawn]", state="attached", timeout=15_000)
    page.wait_for_selector(".leaflet-marker-icon.okr-need", timeout=10_000)
    texts = page.evaluate(OPEN_NEED_POPUPS)
    assert texts and all(SHOWN in text for text in texts), texts
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator('svg[onload], img[src="x"]').count() == 0


def test_search_suggestions_show_hostile_names_as_text(hostile_server, open_page):
    from tests.hostile.payloads import STREET_PAYLOAD

    recorded = open_page(hostile_server + "/?lang=en", width=1024, height=768)
    page = recorded.page
    page.locator("#site-search-q").click()
    page.keyboard.type("street", delay=20)
    page.wait_for_selector("#site-search-list [role=option]")
    labels = page.locator("#site-search-list .site-search-label").all_inner_texts()
    assert "ул. street-edge:" + STREET_PAYLOAD in labels
    page.keyboard.type(" ", delay=20)  # a second request, the list rebuilt
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    assert page.locator("#site-search-list img").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert recorded.problems() == {"console": [], "errors": [], "third_party": []}
