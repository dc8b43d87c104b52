"""Accessibility: axe-core finds no serious or critical violation on the main pages, in
each language, on the shipped sample.

axe-core comes from PyPI with the test extra (``axe-playwright-python`` ships its
``axe.min.js``); only Chromium is needed besides, and without it the tests skip, unless
``OKRAINA_REQUIRE_BROWSER=1`` (CI), where they fail.
"""

from importlib.resources import files

import pytest

from tests._requirements import require

pytestmark = pytest.mark.browser

AXE = files("axe_playwright_python") / "axe.min.js"
LANGUAGES = ("ru", "kk", "en")
PAGES = ("/", "/planner", "/districts/{district}", "/near?lat={lat}&lon={lon}", "/embed/map",
         "/needs/new?lat={lat}&lon={lon}", "/staff/")
SEVERE = ("serious", "critical")
RUN_AXE = """
async () => {
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
    }));
}
"""


@pytest.fixture(scope="module")
def axe_path():
    require(AXE.is_file(), f"axe-core is not installed ({AXE}; pip install -e '.[test]')",
            "OKRAINA_REQUIRE_BROWSER")
    return AXE


def page_urls(dataset):
    district = next(i for i in dataset.districts.index if dataset.districts.loc[i, "kind"] != "center")
    point = dataset.districts.geometry[district].representative_point()
    return [p.format(district=district, lat=round(point.y, 5), lon=round(point.x, 5)) for p in PAGES]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_or_critical_violations(live_server, sample_dataset, open_page, axe_path, lang):
    severe = {}
    for path in page_urls(sample_dataset):
        url = f"{live_server}{path}{'&' if '?' in path else '?'}lang={lang}"
        # bypass_csp: the app's CSP rightly refuses the injected axe script.
        recorded = open_page(url, width=1024, height=768, bypass_csp=True,
                             locale={"kk": "kk-KZ", "en": "en-GB"}.get(lang, "ru-RU"))
        recorded.page.add_script_tag(path=str(axe_path))
        found = [v for v in recorded.page.evaluate(RUN_AXE) if v["impact"] in SEVERE]
        if found:
            severe[path] = found
        recorded.close()
    assert severe == {}
