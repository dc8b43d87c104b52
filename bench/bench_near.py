"""Benchmark of ``/api/near`` (issue 18) against ``/healthz`` and its old path, in one run.

At N synthetic works (1 km radius, a few points across the city), the latency of:

- ``/api/near``, which answers from the Features serialised once per Dataset with
  ``distance_m`` spliced in;
- ``/healthz`` (the cheapest route: the floor of the framework and the server);
- the per-request path the route used before: every work's Feature serialised from its
  row on each request (``web.opendata.near_api.rebuilt_features``), served by a
  bench-only route on the same app, ``/bench/near-rebuilt``, with the same parameters.

Each is measured through Flask's test client (no network, the strictest ratio, since
``/healthz`` then costs only the framework) and over HTTP from gunicorn in a child
process as ``okraina serve`` runs it (gthread; one worker here), on loopback over one
keep-alive connection, first uncompressed,
then with the ``Accept-Encoding`` a browser sends (Flask-Compress then compresses the
~300 KB answer on each request; ``/healthz`` is too small to be compressed). Not
Werkzeug's development server: it starts a thread per request and closes every
connection, and pyproj sets up its transformer again in each new thread (~2 ms), so
``/api/near`` would pay a cost that gunicorn's long-lived threads pay once.
Requests are interleaved round by round so a busy machine slows all alike; the medians
are compared. Target: ``/api/near`` within 5x of ``/healthz``.

Run: ``python bench/bench_near.py [--works 100000] [--rounds 60] [--no-write]``; it prints
the figures and rewrites its section of docs/BENCHMARKS.md.
"""

import argparse
import http.client
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from bench_ogc import free_port  # noqa: E402

RADIUS_M = 1000
POINTS = [(49.95, 82.62), (49.93, 82.58), (49.97, 82.66), (49.91, 82.70)]  # lat, lon
ROUTES = ("near", "healthz", "rebuilt", "stored")
WARM_UP_ROUNDS = 5
STEPS = ("index query", "parameters, index query, selection, district",
         "stored Features, distance_m spliced in", "the district's name, the collection joined",
         "per-request path: the works' rows serialised")
HTTP_ENCODINGS = [("uncompressed", "identity"),
                  ("`Accept-Encoding: gzip, deflate, br, zstd` (Flask-Compress picks one)",
                   "gzip, deflate, br, zstd")]


def urls():
    """``{route: [path, ...]}``, the near routes over every point."""
    near = [f"lat={lat}&lon={lon}&radius={RADIUS_M}" for lat, lon in POINTS]
    return {"near": [f"/api/near?{q}" for q in near], "healthz": ["/healthz"] * len(near),
            "rebuilt": [f"/bench/near-rebuilt?{q}" for q in near],
            "stored": [f"/bench/near-stored?{q}" for q in near]}


def bench_app(works):
    """The app on a synthetic Dataset of ``works`` works, with two bench-only routes: the
    per-request path, and the same answer kept whole from its first request (what sending
    ~300 KB costs the framework and the server, whatever builds it)."""
    from flask import Response, request

    from synthetic_dataset import synthetic_dataset
    from web import create_app
    from web.opendata import geojson
    from web.opendata.near_api import collection_body, near_features, rebuilt_features
    from web.pages.near import required_near_query
    from web.snapshot import get_dataset

    dataset = synthetic_dataset(works)
    app = create_app({"TILES": "none", "DATASET_LOADER": lambda source, center=None: dataset})

    def near_rebuilt():
        result, _ = required_near_query(request.args)
        body = collection_body(get_dataset(), result, rebuilt_features(result))
        return Response(body, mimetype=geojson.MEDIA_TYPE)

    bodies = {}

    def near_stored():
        if request.query_string not in bodies:
            result, _ = required_near_query(request.args)
            bodies[request.query_string] = collection_body(
                get_dataset(), result, near_features(get_dataset(), result))
        return Response(bodies[request.query_string], mimetype=geojson.MEDIA_TYPE)

    app.add_url_rule("/bench/near-rebuilt", view_func=near_rebuilt)
    app.add_url_rule("/bench/near-stored", view_func=near_stored)
    return app


def serve(port, works):
    """The --serve child: the bench app in gunicorn as ``okraina serve`` runs it (gthread)."""
    from web.ops.serve import OkrainaServer

    class BenchServer(OkrainaServer):
        def load_config(self):
            super().load_config()
            self.cfg.set("loglevel", "warning")

        def load(self):
            return bench_app(works)

    BenchServer({}, host="127.0.0.1", port=port, workers=1).run()


def start_server(works, timeout_s=600):
    """The child server on a free port, once it answers ``/healthz``; ``(process, port)``."""
    port = free_port()
    child = subprocess.Popen([sys.executable, __file__, "--serve", str(port),
                              "--works", str(works)])
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError(f"the bench server exited with {child.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                return child, port
        except OSError:
            time.sleep(0.5)
    child.terminate()
    raise RuntimeError(f"the bench server did not answer in {timeout_s} s")


def measure(get, rounds):
    """Median seconds per request of each route, interleaved; checks the near paths agree."""
    paths = urls()
    for near, rebuilt, stored in zip(paths["near"], paths["rebuilt"], paths["stored"]):
        assert get(near) == get(rebuilt) == get(stored), f"{near}: the paths answer differently"
    sizes = [len(get(path)) for path in paths["near"]]
    times = {route: [] for route in ROUTES}
    for _ in range(WARM_UP_ROUNDS):  # every server thread has served each route (pyproj, caches)
        for route in ROUTES:
            for path in paths[route]:
                get(path)
    for _ in range(rounds):
        for route in ROUTES:
            for path in paths[route]:
                started = time.perf_counter()
                get(path)
                times[route].append(time.perf_counter() - started)
    return {route: statistics.median(t) for route, t in times.items()}, sizes


def in_process(works, rounds):
    """The in-process row, and where an ``/api/near`` request's time goes (median ms per step)."""
    app = bench_app(works)
    client = app.test_client()

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, (path, response.data[:200])
        return response.data

    return (*measure(get, rounds), steps(app, rounds))


def steps(app, rounds):
    """Median seconds of each step of ``/api/near`` at the bench's points, called directly."""
    from flask import request

    from web.opendata.near_api import collection_body, near_features, rebuilt_features
    from web.pages.near import required_near_query
    from web.snapshot import get_dataset

    times = {name: [] for name in STEPS}
    for path in urls()["near"] * rounds:
        with app.test_request_context(path):
            dataset, args = get_dataset(), request.args
            result, _ = required_near_query(args)
            features = near_features(dataset, result)
            calls = [lambda: dataset.near.works_near(float(args["lon"]), float(args["lat"]),
                                                     RADIUS_M),
                     lambda: required_near_query(args),
                     lambda: near_features(dataset, result),
                     lambda: collection_body(dataset, result, features),
                     lambda: rebuilt_features(result)]
            for name, call in zip(STEPS, calls, strict=True):
                started = time.perf_counter()
                call()
                times[name].append(time.perf_counter() - started)
    return {name: statistics.median(t) for name, t in times.items()}


def over_http(works, rounds):
    """Both HTTP rows from one child server: uncompressed, then as a browser asks."""
    child, port = start_server(works)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def getter(encoding):
        def get(path):
            connection.request("GET", path, headers={"Accept-Encoding": encoding})
            response = connection.getresponse()
            body = response.read()
            assert response.status == 200, (path, body[:200])
            return body
        return get

    try:
        return [(f"HTTP, gunicorn gthread (1 worker, 4 threads), loopback, {label}",
                 *measure(getter(encoding), rounds)) for label, encoding in HTTP_ENCODINGS]
    finally:
        connection.close()
        child.terminate()
        child.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve, args.works)
    rows = []
    *local, step_s = in_process(args.works, args.rounds)
    for how, medians, sizes in [("Flask test client, in process, uncompressed", *local),
                                *over_http(args.works, args.rounds)]:
        near, healthz, rebuilt, stored = (medians[route] for route in ROUTES)
        rows.append((how, near, healthz, rebuilt, stored, sizes))
        print(f"{how}: /api/near {near * 1000:.2f} ms, /healthz {healthz * 1000:.2f} ms "
              f"({near / healthz:.1f}x), per-request path {rebuilt * 1000:.2f} ms "
              f"({rebuilt / near:.1f}x slower), stored body {stored * 1000:.2f} ms; "
              f"{min(sizes):,}-{max(sizes):,} bytes")
    for name, seconds in step_s.items():
        print(f"  {name}: {seconds * 1000:.2f} ms")
    if not args.no_write:
        from report import write_section

        command = "python bench/bench_near.py " + " ".join(sys.argv[1:])
        points = ", ".join(f"{lat},{lon}" for lat, lon in POINTS)
        write_section("/api/near (issue 18)", command.strip(), [
            f"{args.works:,} synthetic works; `/api/near?lat=..&lon=..&radius={RADIUS_M}` at "
            f"{len(POINTS)} points ({points}), {args.rounds} rounds of every route "
            "interleaved, median latency. The per-request path is the route as it was before "
            "it reused the stored Features (`rebuilt_features`); the stored body is the same "
            "answer kept whole after its first request, what sending it costs whatever builds "
            "it. Both are bench-only routes on the same app; all three answer the same bytes, "
            "checked before timing.", "",
            "| client | `/api/near` | `/healthz` | `/api/near` ÷ `/healthz` (target ≤ 5) "
            "| per-request path | per-request ÷ `/api/near` | stored body | response |",
            "|---|---|---|---|---|---|---|---|",
            *[f"| {how} | {near * 1000:.2f} ms | {healthz * 1000:.2f} ms | "
              f"{near / healthz:.1f} | {rebuilt * 1000:.2f} ms | {rebuilt / near:.1f}x | "
              f"{stored * 1000:.2f} ms | {min(sizes) / 1024:.0f}–{max(sizes) / 1024:.0f} KiB |"
              for how, near, healthz, rebuilt, stored, sizes in rows],
            "", "Where an `/api/near` request's time goes (each step called directly, in "
            "process, median at the same points):", "", "| step | time |", "|---|---|",
            *[f"| {name} | {seconds * 1000:.2f} ms |" for name, seconds in step_s.items()],
            "", "The rest of a request is Flask's (routing, hooks, headers) and, over HTTP, "
            "gunicorn's. On this shared machine the in-process ratio moved between 4.1 and "
            "5.3 over five runs and, under gunicorn, between 2.9 and 3.8 over two; the "
            "figures above are one run.",
        ])

if __name__ == "__main__":
    main()
