"""Shared fixtures: the app on a small in-code dataset, a live server, a browser."""

import sys
import threading
import types
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
BROWSER_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
CHROMIUM = Path("/usr/bin/chromium")


def _stub_geo_dataset_until_it_lands():
    # TEMPORARY: geo/__init__.py imports geo.dataset, which the lead is still writing.
    try:
        import geo  # noqa: F401
    except ModuleNotFoundError as error:
        if error.name != "geo.dataset":
            raise
        stub = types.ModuleType("geo.dataset")
        stub.Dataset = object
        stub.build_dataset = stub.load_dataset = None
        sys.modules["geo.dataset"] = stub


_stub_geo_dataset_until_it_lands()

from geo.city import CityConfig  # noqa: E402
from tests._requirements import require  # noqa: E402


@dataclass(frozen=True)
class FakeDataset:
    """The attributes of ``geo.Dataset`` that the web foundation reads."""

    districts: object
    works: object = None
    funding: object = None
    meetings: object = None
    problems: tuple = ()
    city: CityConfig = field(default_factory=lambda: CityConfig(
        name={"ru": "Усть-Каменогорск", "kk": "Өскемен", "en": "Ust-Kamenogorsk"},
        center=(82.61, 49.95)))
    version: str = "test-0001"
    loaded_at: datetime = datetime(2024, 1, 15, 12, 0, tzinfo=timezone.utc)


def fake_dataset():
    import geopandas
    from shapely.geometry import box

    districts = geopandas.GeoDataFrame(
        {"id": ["centre", "zashchita"], "name_ru": ["Центр", "Защита"],
         "kind": ["center", "microdistrict"], "population": [60000, 25000]},
        geometry=[box(82.58, 49.93, 82.65, 49.97), box(82.50, 49.97, 82.57, 50.01)],
        crs="EPSG:4326").set_index("id")
    return FakeDataset(districts=districts)


def fake_loader(source, *, center=None):
    return fake_dataset()


def make_app(**config):
    from web import create_app

    return create_app({"TESTING": True, "TILES": "none", "DATASET_LOADER": fake_loader, **config})


@pytest.fixture
def app():
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def live_server():
    """The app served on a free 127.0.0.1 port; yields its base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, make_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require(sync_playwright is not None, "Playwright is not installed", "OKRAINA_REQUIRE_BROWSER")
    require(CHROMIUM.exists(), f"no Chromium at {CHROMIUM}", "OKRAINA_REQUIRE_BROWSER")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, request):
    """``open_page(url, width=..)`` -> a ``RecordedPage`` that closes after the test."""
    from tests._browser import RecordedPage

    pages = []

    def opener(url, **kwargs):
        page = RecordedPage.open(browser, url, artifacts=ARTIFACTS, test_name=request.node.originalname, **kwargs)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
