"""A big city's tiled map in Chromium with hostile data: markers, popups fetched on opening,
clusters and the list that follows the view keep every text as text."""

import pytest

from tests.conftest import make_app, serving
from tests.hostile.test_injection_browser import SHOWN

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tiled_hostile_server(hostile_dataset):
    with serving(make_app(hostile_dataset, MAP_INLINE_WORKS=0)) as url:
        yield url


def test_tiled_popups_and_the_view_list_show_hostile_text_as_text(tiled_hostile_server, hostile_dataset, open_page):
    recorded = open_page(f"{tiled_hostile_server}/?lang=kk&needs=1", width=1024, height=768)
    page = recorded.page
    page.wait_for_selector(".okraina-map[data-works-drawn][data-needs-drawn]", state="attached", timeout=15_000)
    for work_id in hostile_dataset.works.index[:4]:
        page.evaluate("id => okraina.open(id)", work_id)
        title = page.wait_for_selector(".leaflet-popup-content .okr-popup-title", timeout=10_000)
        assert title.inner_text() == hostile_dataset.works.loc[work_id, "title_kk"] or SHOWN in title.inner_text()
    page.check("#works-in-view")
    page.wait_for_selector("#works-list-box[data-list-view=view]", timeout=10_000)
    # Every marker's name (its title) is the data's text, and no payload ran.
    names = page.eval_on_selector_all(".leaflet-marker-icon[title]", "els => els.map(e => e.title)")
    assert any(SHOWN in name for name in names)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert recorded.problems() == {"console": [], "errors": [], "third_party": []}
