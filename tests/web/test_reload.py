"""Live reload: whole Datasets swapped under concurrent requests, bad data never served."""

import threading
import time

import pytest

from geo.stats import city_totals
from geo.stores import load_from
from geo.stores.importing import validate_folder, write_store
from tests._postgis import postgis_server, postgis_url  # noqa: F401  (fixtures)
from tests.geo import tiny
from web import create_app
from web.snapshot import get_dataset
from web.ops.reload import get_reloader

FUNDING_V2 = [dict(r, amount_kzt=r["amount_kzt"] * 3 + 7) for r in tiny.FUNDING]


def add_totals_route(app):
    """A data view that reads the Dataset twice, slowly: a mixed answer would show."""
    @app.route("/api/test-totals")
    def totals():
        first = get_dataset()
        time.sleep(0.001)
        second = get_dataset()
        return {"version": first.version, "same": first is second,
                "funding_kzt": city_totals(second)["funding_kzt"]}
    return app


def serve_folder(folder, seconds):
    return add_totals_route(create_app({"TESTING": True, "TILES": "none", "DATA_DIR": folder,
                                        "RELOAD_SECONDS": seconds}))


def hammer(app, stop, answers, errors):
    client = app.test_client()
    while not stop.is_set():
        response = client.get("/api/test-totals")
        if response.status_code != 200:
            errors.append(response.status_code)
        else:
            answers.append(response.json)


def test_requests_during_reloads_see_one_whole_version(tmp_path):
    folder = tiny.write_city(tmp_path / "city")
    expected = {load_from(folder).version: 5001 + 500}
    app = serve_folder(folder, seconds=0.02)
    stop, answers, errors = threading.Event(), [], []
    threads = [threading.Thread(target=hammer, args=(app, stop, answers, errors)) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for funding in (FUNDING_V2, tiny.FUNDING):
            tiny.write_city(folder, funding=funding)
            new = load_from(folder)
            expected[new.version] = city_totals(new)["funding_kzt"]
            wait_for(lambda: app.test_client().get("/healthz").json["dataset"] == new.version)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        get_reloader(app).stop()
    assert errors == []
    assert len({a["version"] for a in answers}) >= 2, "no reload happened under load"
    for answer in answers:
        assert answer["same"] is True
        assert answer["funding_kzt"] == expected[answer["version"]]


def test_bad_new_data_keeps_the_last_good_dataset(tmp_path):
    folder = tiny.write_city(tmp_path / "city")
    app = serve_folder(folder, seconds=0)
    good = app.test_client().get("/healthz").json["dataset"]
    broken = [dict(r) for r in tiny.FUNDING]
    broken[0]["amount_kzt"] = "a lot"
    tiny.write_city(folder, funding=broken)
    assert get_reloader(app).check() is False
    health = app.test_client().get("/healthz").json
    assert health["dataset"] == good
    assert "the new data has errors" in health["reload"]["last_error"]
    assert "funding.csv, row 1 [f1]: amount_kzt" in health["reload"]["last_error"]
    tiny.write_city(folder, funding=FUNDING_V2)  # fixed: picked up, error cleared
    assert get_reloader(app).check() is True
    health = app.test_client().get("/healthz").json
    assert health["dataset"] != good and health["reload"]["last_error"] is None


def test_touching_files_without_changing_them_swaps_nothing(tmp_path):
    folder = tiny.write_city(tmp_path / "city")
    app = serve_folder(folder, seconds=0)
    tiny.write_city(folder)
    assert get_reloader(app).check() is False


@pytest.mark.postgis
def test_a_new_import_into_postgis_is_served_without_restart(tmp_path, postgis_url):
    write_store(validate_folder(tiny.write_city(tmp_path / "v1")), postgis_url)
    app = add_totals_route(create_app({"TESTING": True, "TILES": "none",
                                       "DATABASE_URL": postgis_url, "RELOAD_SECONDS": 0}))
    client = app.test_client()
    assert client.get("/api/test-totals").json["funding_kzt"] == 5501
    write_store(validate_folder(tiny.write_city(tmp_path / "v2", funding=FUNDING_V2)), postgis_url)
    assert get_reloader(app).check() is True
    assert client.get("/api/test-totals").json["funding_kzt"] == sum(
        r["amount_kzt"] for r in FUNDING_V2)


def wait_for(condition, timeout_s=20):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("the condition did not become true in time")


def test_putting_the_served_data_back_after_a_bad_file_clears_the_error(tmp_path):
    folder = tiny.write_city(tmp_path / "city")
    app = serve_folder(folder, seconds=0)
    broken = [dict(r) for r in tiny.FUNDING]
    broken[0]["amount_kzt"] = "a lot"
    tiny.write_city(folder, funding=broken)
    assert get_reloader(app).check() is False
    assert app.test_client().get("/healthz").json["reload"]["last_error"]
    tiny.write_city(folder)  # the very data being served
    assert get_reloader(app).check() is False  # nothing new to swap in...
    assert app.test_client().get("/healthz").json["reload"]["last_error"] is None  # ...and all is well
