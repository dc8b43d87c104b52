"""Production serving: gunicorn with workers, compression, caching headers, clean stop."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import make_app
from web.caching import data_etag

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    env = dict(os.environ, OKRAINA_TILES="none", OKRAINA_RELOAD_SECONDS="0")
    process = subprocess.Popen(
        [sys.executable, "-c", "from web.ops.cli import main; main()", "serve", "--workers", "2",
         "--port", str(port)], cwd=ROOT, env=env, stderr=open(tmp_path / "log", "wb"))
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, tmp_path / "log")
        yield base, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def wait_until_up(base, process, log, timeout_s=60):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            if get(base + "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not answer in {timeout_s} s: {log.read_text()}")


def worker_count(pid):
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return len(children.read_text().split()) if children.exists() else None


def test_gunicorn_serves_with_two_workers_and_stops_on_sigterm(gunicorn):
    base, process = gunicorn
    status, headers, body = get(base + "/healthz")
    assert status == 200 and b'"status":"ok"' in body
    assert worker_count(process.pid) in (2, None)
    status, headers, body = get(base + "/", **{"Accept-Encoding": "br"})
    assert status == 200 and headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in headers["Vary"]
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0


def data_app(tiny_dataset):
    from flask import Blueprint

    from web.caching import cache_data

    bp = cache_data(Blueprint("test_data", __name__))  # a route is data when its blueprint says so

    @bp.route("/api/test-works")
    def works():
        return {"works": sorted(tiny_dataset.works.index)} | {"padding": "x" * 2000}
    app = make_app(tiny_dataset)
    app.register_blueprint(bp)
    return app


def test_data_responses_carry_the_dataset_etag_and_answer_304(tiny_dataset):
    client = data_app(tiny_dataset).test_client()
    first = client.get("/api/test-works?lang=en", headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    assert first.headers["Cache-Control"] == "public, no-cache"
    etag = first.headers["ETag"]
    assert tiny_dataset.version in etag and etag.endswith(':gzip"')
    again = client.get("/api/test-works?lang=en", headers={"If-None-Match": etag,
                                                          "Accept-Encoding": "gzip"})
    assert again.status_code == 304 and again.data == b""
    plain = client.get("/api/test-works?lang=en")
    assert "Content-Encoding" not in plain.headers
    assert client.get("/api/test-works?lang=en",
                      headers={"If-None-Match": plain.headers["ETag"]}).status_code == 304


def test_a_new_dataset_changes_the_etag(tiny_dataset):
    import dataclasses

    from web.snapshot import get_holder

    app = data_app(tiny_dataset)
    client = app.test_client()
    etag = client.get("/api/test-works").headers["ETag"]
    with app.app_context():
        get_holder().swap(dataclasses.replace(tiny_dataset, version="v2"))
    response = client.get("/api/test-works", headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag
    with app.test_request_context("/api/test-works"):
        assert "v2" in data_etag()


def test_pages_get_no_etag_as_their_csp_nonce_changes(tiny_dataset):
    response = make_app(tiny_dataset).test_client().get("/")
    assert response.status_code == 200 and "ETag" not in response.headers


def test_versioned_assets_are_cached_for_a_year_and_compressed(client):
    response = client.get("/assets/leaflet/1.9.3/leaflet.js", headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_workers_cap_malloc_arenas_and_hand_back_free_memory():
    """The worker start-up helpers act on glibc (this project's Linux targets)."""
    import platform

    from geo.heap import glibc
    from web.ops.memory import release_free_memory, tune_malloc

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("not glibc: the helpers are no-ops here")
    assert glibc() is not None
    assert tune_malloc() is True
    release_free_memory()  # must not raise; malloc_trim returns whether it released pages


def test_a_worker_trims_the_heap_after_requests_and_not_while_idle(tiny_dataset):
    """``trim_after_requests``: what requests freed goes back to the system once they are
    served (a burst on four threads left ~50 MiB at 250,000 works); an idle worker is not
    woken to trim."""
    import platform

    from web.ops.memory import trim_after_requests

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("not glibc: there is nothing to trim with")
    app = make_app(tiny_dataset)
    trim = trim_after_requests(app, interval_s=0.05)
    try:
        time.sleep(0.3)
        assert trim.trims == 0  # no request yet
        assert app.test_client().get("/healthz").status_code == 200
        deadline = time.monotonic() + 5
        while trim.trims == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert trim.trims == 1
        time.sleep(0.3)
        assert trim.trims == 1  # idle again: once per burst
    finally:
        trim.stop()
