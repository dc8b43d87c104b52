"""Shared fixtures: the app on geo's tiny in-code city, a live server, a browser."""

import json
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

import geo
from tests._requirements import require
from tests.geo import tiny

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
BROWSER_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
CHROMIUM = Path("/usr/bin/chromium")
CITY_NAME = {"ru": "Усть-Каменогорск", "kk": "Өскемен", "en": "Ust-Kamenogorsk"}


def write_tiny_city(folder):
    """geo's tiny in-code city, with the city's name in city.json."""
    tiny.write_city(folder)
    city = json.loads((folder / "city.json").read_text(encoding="utf-8"))
    (folder / "city.json").write_text(json.dumps({**city, "name": CITY_NAME}), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def tiny_folder(tmp_path_factory):
    return write_tiny_city(tmp_path_factory.mktemp("tiny") / "city")


@pytest.fixture(scope="session")
def tiny_dataset(tiny_folder):
    return geo.load_dataset(tiny_folder)


@pytest.fixture(scope="session")
def sample_dataset():
    """The shipped sample (``shapefiles/``), for integration tests."""
    from web.config import defaults

    return geo.load_dataset(defaults()["DATA_DIR"])


def make_app(dataset, **config):
    """The app in test mode on ``dataset``, tiles off."""
    from web import create_app

    def loader(source, *, center=None):
        return dataset

    return create_app({"TESTING": True, "TILES": "none", "DATASET_LOADER": loader, **config})


@pytest.fixture
def app(tiny_dataset):
    return make_app(tiny_dataset)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@contextmanager
def serving(app):
    """Serve ``app`` on a free 127.0.0.1 port in a thread; yields its base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(sample_dataset):
    """The test app on the shipped sample (tiles off), served for the session; yields its URL."""
    with serving(make_app(sample_dataset)) as url:
        yield url


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
