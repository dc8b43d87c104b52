"""``/`` kept whole per snapshot, URL and language: only the nonce is new in each response."""

import dataclasses
import re

import pytest

from tests.conftest import make_app
from web.config import load_config
from web.page_cache import PageBodies, page_bodies
from web.snapshot import get_dataset, get_holder

NONCE = re.compile(r'nonce="([^"]+)"')
VIEWS = ("/", "/?lang=en", "/?year=2023&lang=kk", "/?year=2022&category=roads&offset=0",
         "/?district=ulbinsky&metric=works&needs=1&lang=en", "/?year=2023&lang=en&utm_source=x")


def _csp_nonce(response):
    return re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)


def _without_nonce(response):
    return NONCE.sub('nonce=""', response.get_data(as_text=True))


def _cached(app):
    with app.test_request_context("/"):
        return page_bodies(get_dataset())


@pytest.fixture
def sample_app(sample_dataset):
    return make_app(sample_dataset)


def test_two_views_differ_only_in_their_nonce(sample_app):
    client = sample_app.test_client()
    first, second = client.get("/?year=2023&lang=en"), client.get("/?year=2023&lang=en")
    assert len(_cached(sample_app)) == 1  # the second was served from the cache
    for response in (first, second):
        assert response.status_code == 200
        assert set(NONCE.findall(response.get_data(as_text=True))) == {_csp_nonce(response)}
    assert _csp_nonce(first) != _csp_nonce(second)
    assert _without_nonce(first) == _without_nonce(second)
    headers = lambda r: {k: v for k, v in r.headers.items() if k != "Content-Security-Policy"}  # noqa: E731
    assert headers(first) == headers(second)


def test_a_cached_page_is_the_page_rendered_anew(sample_dataset):
    cached, fresh = make_app(sample_dataset).test_client(), \
        make_app(sample_dataset, PAGE_CACHE_SIZE=0).test_client()
    for url in VIEWS:
        cached.get(url)
        hit, rendered = cached.get(url), fresh.get(url)
        assert hit.status_code == rendered.status_code == 200, url
        assert _without_nonce(hit) == _without_nonce(rendered), url
        assert hit.headers.get("Vary") == rendered.headers.get("Vary"), url


def test_languages_selections_and_urls_get_their_own_pages(sample_app):
    client = sample_app.test_client()
    english = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    kazakh = client.get("/", headers={"Accept-Language": "kk"}).get_data(as_text=True)
    assert '<html lang="en">' in english and '<html lang="kk">' in kazakh
    year = client.get("/?year=2022&lang=en").get_data(as_text=True)
    assert 'data-work-id="w2022-' in year and 'data-work-id="w2023-' not in year
    # The page echoes the query as typed (the year box, the language links).
    assert 'value="2022"' in year
    assert 'value="2022-2023"' in client.get("/?year=2022-2023&lang=en").get_data(as_text=True)
    other_root = client.get("/?lang=en", base_url="http://news.example/okraina").get_data(as_text=True)
    assert 'href="/okraina/near?lang=en"' in other_root
    assert 'href="/near?lang=en"' in client.get("/?lang=en").get_data(as_text=True)
    assert len(_cached(sample_app)) == 6


def test_a_reload_renders_the_new_data(tiny_dataset):
    app = make_app(tiny_dataset)
    client = app.test_client()
    before = client.get("/?lang=en").get_data(as_text=True)
    work_id = tiny_dataset.works.index[0]
    works = tiny_dataset.works.copy()
    works.loc[work_id, "title_en"] = "Renamed after the reload"
    assert "Renamed after the reload" not in before
    with app.app_context():
        get_holder().swap(dataclasses.replace(tiny_dataset, works=works, version="v2"))
    assert "Renamed after the reload" in client.get("/?lang=en").get_data(as_text=True)
    assert len(_cached(app)) == 1  # the old snapshot's pages went with it


def test_errors_are_not_kept(sample_app):
    client = sample_app.test_client()
    for _ in range(2):
        assert client.get("/?district=nowhere").status_code == 404
        assert client.get("/?year=soon").status_code == 400
    assert len(_cached(sample_app)) == 0


def test_the_cache_is_bounded_by_count(sample_dataset):
    app = make_app(sample_dataset, PAGE_CACHE_SIZE=2)
    client = app.test_client()
    for offset in range(5):
        assert client.get(f"/?offset={offset}").status_code == 200
    assert len(_cached(app)) == 2


def test_page_bodies_drop_the_least_recently_used():
    bodies = PageBodies(max_items=2, max_chars=10)
    bodies.put("a", "aaa", "n")
    bodies.put("b", "bbb", "n")
    assert bodies.get("a") == ("aaa", "n")  # now "b" is the oldest
    bodies.put("c", "ccc", "n")
    assert bodies.get("b") is None and bodies.get("a") and bodies.get("c")
    bodies.put("d", "dddddddd", "n")  # 3 + 8 chars > 10: "a" goes too
    assert len(bodies) == 1 and bodies.get("d")
    bodies.put("e", "e" * 11, "n")  # larger than the whole cache: never kept
    assert bodies.get("e") is None and bodies.get("d")


def test_page_cache_size_is_a_setting():
    assert load_config(environ={"OKRAINA_PAGE_CACHE_SIZE": "0"})["PAGE_CACHE_SIZE"] == 0
    with pytest.raises(ValueError, match="PAGE_CACHE_SIZE"):
        load_config(environ={"OKRAINA_PAGE_CACHE_SIZE": "-1"})


def test_a_page_from_the_cache_runs_its_scripts_under_its_own_nonce(sample_dataset, open_page):
    from tests.conftest import serving

    app = make_app(sample_dataset)
    with serving(app) as url:
        app.test_client().get("/?year=2023&lang=kk", base_url=url)  # rendered and kept
        recorded = open_page(f"{url}/?year=2023&lang=kk", width=360)
        page = recorded.page
        page.wait_for_selector(".leaflet-container .leaflet-marker-icon", timeout=10_000)
        assert len(_cached(app)) == 1  # the browser's page was the kept one
        assert page.evaluate("document.documentElement.lang") == "kk"
        recorded.screenshot("cached")
        assert recorded.problems() == {"console": [], "errors": [], "third_party": []}


def test_concurrent_first_readers_of_a_page_wait_for_one_rendering(sample_dataset, monkeypatch):
    """Each reader still gets its own nonce; the page is rendered once."""
    import threading

    import web.pages.city as city

    app = make_app(sample_dataset)
    renders, real = [], city.render_template

    def counted(*args, **kwargs):
        renders.append(1)
        return real(*args, **kwargs)
    monkeypatch.setattr(city, "render_template", counted)
    start, responses = threading.Barrier(4), []

    def read():
        start.wait()
        responses.append(app.test_client().get("/?year=2023&lang=kk"))
    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(renders) == 1 and [r.status_code for r in responses] == [200] * 4
    for response in responses:
        assert NONCE.search(response.get_data(as_text=True)).group(1) == _csp_nonce(response)
    assert len({_csp_nonce(r) for r in responses}) == 4
