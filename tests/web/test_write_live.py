"""The write path against a real server (gunicorn, 2 workers): concurrency, SIGKILL, rate limits.

Each test starts ``okraina serve --workers 2`` on geo's tiny city with the write store
in SQLite (the default, in the instance folder) or in PostGIS (``--db``, the same
database as the read store).
"""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
import requests
from sqlalchemy import create_engine, text

from tests._postgis import postgis_server, postgis_url  # noqa: F401  (fixtures)
from tests.conftest import write_tiny_city
from tests.web._write import TINY_POINT
from tests.web.test_serve import ROOT, free_port, wait_until_up

_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@contextmanager
def server(tmp_path, *, db=None, env=None, log_name="log"):
    """``okraina serve --workers 2`` in its own process group; yields ``(base_url, process)``."""
    port = free_port()
    variables = dict(os.environ, OKRAINA_TILES="none", OKRAINA_RELOAD_SECONDS="0",
                     OKRAINA_INSTANCE=str(tmp_path / "instance"), OKRAINA_SUBMIT_LIMIT="100000 per hour",
                     OKRAINA_SUBMIT_SESSION_LIMIT="100000 per hour")
    variables.update(env or {})
    source = ["--db", db] if db else ["--data", str(tmp_path / "city")]
    log = tmp_path / log_name
    process = subprocess.Popen(
        [sys.executable, "-c", "from web.ops.cli import main; main()", "serve", "--workers", "2",
         "--port", str(port), *source], cwd=ROOT, env=variables, stderr=open(log, "ab"),
        start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, log)
        yield base, process
    finally:
        kill(process)


def kill(process, sig=signal.SIGKILL):
    if process.poll() is None:
        os.killpg(process.pid, sig)  # the master and its workers at once: a crash, not a shutdown
        process.wait()


class Resident:
    """A browser: a session cookie, the form's CSRF token, its own address (X-Forwarded-For)."""

    def __init__(self, base, address=None):
        self.base, self.http = base, requests.Session()
        if address:
            self.http.headers["X-Forwarded-For"] = address
        page = self.http.get(base + "/needs/new", timeout=30)
        self.token = _TOKEN.search(page.text).group(1)

    def send(self, text):
        """The reference when acknowledged (201), else None; the status code too."""
        response = self.http.post(self.base + "/needs/new?lang=en", timeout=60, data={
            "csrf_token": self.token, "category": "roads", "text": text, "website": "",
            "contact": "resident@example.kz", **TINY_POINT})
        reference = response.headers.get("X-Okraina-Reference") if response.status_code == 201 else None
        return reference, response.status_code


def stored_references(url):
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT reference, text, lon, lat, district_id, token_hash "
                                       "FROM okraina_submissions")).all()
    engine.dispose()
    return rows


def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'instance' / 'okraina.sqlite3'}"


def import_into(postgis_url, city):
    from click.testing import CliRunner

    from web.ops.cli import main

    assert CliRunner().invoke(main, ["import", str(city), "--into", postgis_url]).exit_code == 0


@pytest.fixture
def city(tmp_path):
    return write_tiny_city(tmp_path / "city")


def send_concurrently(base, clients=20, each=10):
    residents = [Resident(base) for _ in range(clients)]

    def run(index):
        return [residents[index].send(f"Concurrent need {index}-{n}: the pavement is broken")
                for n in range(each)]

    with ThreadPoolExecutor(max_workers=clients) as pool:
        return [answer for answers in pool.map(run, range(clients)) for answer in answers]


def check_exactly_once(answers, rows):
    acknowledged = [reference for reference, status in answers if reference]
    stored = [row.reference for row in rows]
    assert len(acknowledged) == len(answers), {status for _, status in answers}
    assert len(set(acknowledged)) == len(acknowledged)
    assert sorted(stored) == sorted(acknowledged)  # each acknowledged one stored, exactly once


def test_200_concurrent_submissions_from_20_clients_are_each_stored_once_sqlite(tmp_path, city):
    with server(tmp_path) as (base, _):
        answers = send_concurrently(base)
    check_exactly_once(answers, stored_references(sqlite_url(tmp_path)))
    assert "resident@example.kz" not in (tmp_path / "log").read_text()  # the server's log


@pytest.mark.postgis
def test_200_concurrent_submissions_from_20_clients_are_each_stored_once_postgis(tmp_path, city, postgis_url):
    import_into(postgis_url, city)
    with server(tmp_path, db=postgis_url) as (base, _):
        answers = send_concurrently(base)
    check_exactly_once(answers, stored_references(postgis_url))


def stream_until_killed(tmp_path, db=None):
    """Submissions from 6 clients until the server is SIGKILLed; the acknowledged references."""
    acknowledged, lock, stop = [], threading.Lock(), threading.Event()
    with server(tmp_path, db=db) as (base, process):
        residents = [Resident(base) for _ in range(6)]

        def run(index):
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    reference, _ = residents[index].send(f"Stream {index}-{n}: water leaks in the yard")
                except requests.RequestException:
                    continue  # the server is gone: this one was never acknowledged
                if reference:
                    with lock:
                        acknowledged.append(reference)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(6)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while len(acknowledged) < 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        kill(process)  # mid-stream: requests are in flight
        stop.set()
        for thread in threads:
            thread.join(timeout=70)
    assert len(acknowledged) >= 40
    return list(acknowledged)


def check_nothing_lost_or_half_written(acknowledged, rows):
    stored = [row.reference for row in rows]
    assert len(stored) == len(set(stored))
    assert set(acknowledged) <= set(stored)  # nothing acknowledged is lost
    for row in rows:  # nothing half-written: every stored row is whole
        assert row.text.startswith("Stream ") and row.district_id == "b" and len(row.token_hash) == 64
        assert row.lon == pytest.approx(82.615) and row.lat == pytest.approx(49.945)


def test_sigkill_mid_stream_loses_nothing_acknowledged_sqlite(tmp_path, city):
    acknowledged = stream_until_killed(tmp_path)
    with server(tmp_path, log_name="log2") as (base, _):  # restarted on the same file
        assert Resident(base).send("After the restart, a new need")[1] == 201
    rows = [r for r in stored_references(sqlite_url(tmp_path)) if r.text.startswith("Stream ")]
    check_nothing_lost_or_half_written(acknowledged, rows)
    engine = create_engine(sqlite_url(tmp_path))
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


@pytest.mark.postgis
def test_sigkill_mid_stream_loses_nothing_acknowledged_postgis(tmp_path, city, postgis_url):
    import_into(postgis_url, city)
    acknowledged = stream_until_killed(tmp_path, db=postgis_url)
    with server(tmp_path, db=postgis_url, log_name="log2") as (base, _):
        assert Resident(base).send("After the restart, a new need")[1] == 201
    rows = [r for r in stored_references(postgis_url) if r.text.startswith("Stream ")]
    check_nothing_lost_or_half_written(acknowledged, rows)


def test_a_burst_gets_429_across_workers_while_others_are_served(tmp_path, city):
    with server(tmp_path, env={"OKRAINA_SUBMIT_LIMIT": "5 per hour", "OKRAINA_TRUST_PROXY": "1"}) as (base, _):
        burst = [Resident(base, "198.51.100.1") for _ in range(4)]  # 4 sessions, one address

        def hammer(index):
            return [burst[index].send(f"Burst {index}-{n}: a lamp is out").__getitem__(1) for n in range(5)]

        with ThreadPoolExecutor(max_workers=5) as pool:
            flood = pool.submit(lambda: [c for i in range(4) for c in hammer(i)])
            neighbour = Resident(base, "198.51.100.2")
            served = [neighbour.send(f"Neighbour {n}: the road floods").__getitem__(1) for n in range(3)]
            pages = [requests.get(base + "/", timeout=30).status_code for _ in range(3)]
            codes = flood.result()
        page = burst[0].http.post(base + "/needs/new?lang=en", data={"csrf_token": burst[0].token,
                                                                    "text": "one more", **TINY_POINT})
    assert codes.count(201) == 5 and codes.count(429) == 15  # one count shared by both workers
    assert served == [201, 201, 201] and pages == [200, 200, 200]
    assert page.status_code == 429 and "Too many attempts" in page.text
