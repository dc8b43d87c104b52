"""Memory of a worker serving the map routes at 250,000 works against 10,000 (issue 18).

For each size (``--baseline``, then ``--works``) and each store (a GeoPackage made
by ``okraina import``, and PostGIS with ``--db`` or ``OKRAINA_TEST_DATABASE_URL``),
synthetic point works over 200 districts (``bench/synthetic.py``, one funding record
each) are served by ``okraina serve --workers 2`` as ``bench/load_http.py`` runs it;
wrk sends each map route ``--seconds`` seconds (browsers' ``Accept-Encoding``). Each
gunicorn worker's RSS is read from ``/proc/PID/smaps_rollup`` once started, at the end
of the load and, with PSS and USS, once it is idle again (a worker hands back what
its requests freed ``web.ops.memory.TRIM_SECONDS`` after them); its peak is
``VmHWM``. The baseline is the same worker, command and routes at the small size, in
the same run. Target: under 400 MiB at 250,000 works, idle and at the peak.
Loopback only. Run:

    python bench/bench_memory.py [--works 250000] [--baseline 10000] [--seconds 10] [--db URL]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from load_http import (HEADERS, bench_database, free_port, import_synthetic,  # noqa: E402
                       wait_until_up, worker_peak_mib, worker_rss_mib)
from report import write_section  # noqa: E402

# What a reader's map asks a worker for: the pages, the tiles of a view (the city at zoom 11
# and a street at 13) and a popup's details (the map of a big city fetches these, not
# /api/map/works), the list following the view, the lists, near me, OGC items and a work's
# page (``synthetic.point_works`` ids are w0000000, w0000001...).
ROUTES = ("/", "/embed/map", "/api/map/tiles/works/11/1494/695.json", "/api/map/tiles/works/13/5976/2780.json",
          "/api/map/works/w0000042", "/list?bbox=82.60,49.94,82.64,49.96", "/api/works",
          "/api/near?lat=49.95&lon=82.62", "/ogc/collections/works/items", "/works/w0000042")
TARGET_MIB = 400
TRIM_SECONDS = 5  # web.ops.memory.TRIM_SECONDS (not imported: the bench runs the server, not the app)


def main():
    args = parse_args()
    sizes = (args.baseline, args.works)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for count in sizes:
            target = Path(folder) / f"city-{count}.gpkg"
            seconds = import_synthetic(new_folder(folder, count), target, count)
            rows.append(("GeoPackage", count, seconds, measure(["--data", str(target)], args)))
    server = args.db or os.environ.get("OKRAINA_TEST_DATABASE_URL")
    if server:
        with tempfile.TemporaryDirectory() as folder, bench_database(server) as url:
            for count in sizes:
                seconds = import_synthetic(new_folder(folder, count), url, count)
                rows.append(("PostGIS", count, seconds, measure(["--db", url], args)))
    report(rows, args)


def new_folder(parent, count):
    folder = Path(parent) / f"data-{count}"
    folder.mkdir()
    return folder


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=250_000)
    parser.add_argument("--baseline", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10, help="of wrk on each route")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--db", default=None)
    return parser.parse_args()


def measure(source, args):
    """``{"start_s", "sizes": [(rss, pss, uss) per worker], "errors"}`` after the load."""
    port = free_port()
    env = dict(os.environ, OKRAINA_TILES="none")
    command = [sys.executable, "-c", "from web.ops.cli import main; main()", "serve",
               "--workers", "2", "--port", str(port), *source]
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server, timeout_s=600)
        up_s = time.perf_counter() - started
        started_up = worker_rss_mib(server.pid)
        errors = sum(load(base + route, args) for route in ROUTES)
        busy = worker_rss_mib(server.pid)
        time.sleep(TRIM_SECONDS + 1)  # the worker hands back what the requests freed
        return {"start_s": up_s, "started": started_up, "busy": busy, "sizes": worker_rss_mib(server.pid),
                "peaks": worker_peak_mib(server.pid), "errors": errors}
    finally:
        server.terminate()
        server.wait(timeout=60)


def load(url, args):
    """wrk on ``url``; returns the count of socket errors and non-2xx/3xx answers."""
    headers = [option for header in HEADERS for option in ("-H", header)]
    output = subprocess.run(
        ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "30s",
         *headers, url], capture_output=True, text=True, check=True).stdout
    errors = 0
    for line in output.splitlines():
        if line.strip().startswith(("Socket errors", "Non-2xx")):
            errors += sum(int(n) for n in line.replace(",", " ").split() if n.isdigit())
    return errors


def report(rows, args):
    baseline = {store: max(r for r, _, _ in f["sizes"]) for store, count, _, f in rows
                if count == args.baseline}
    lines = ["| store | works | RSS started | RSS at the load's end | RSS served, idle | PSS | USS (private) "
             "| peak (VmHWM) | idle RSS / baseline's | under 400 MiB: idle, peak | start | import | errors |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for store, count, import_s, f in rows:
        rss, peak = max(r for r, _, _ in f["sizes"]), max(f["peaks"])
        lines.append(
            f"| {store} | {count:,} | {_each(f['started'], 0)} | {_each(f['busy'], 0)} | "
            f"{_each(f['sizes'], 0)} MiB | {_each(f['sizes'], 1)} | {_each(f['sizes'], 2)} | "
            f"{', '.join(f'{p:.0f}' for p in f['peaks'])} | {rss / baseline[store]:.2f}x | "
            f"{_yes(rss)}, {_yes(peak)} | {f['start_s']:.0f} s | {import_s:.0f} s | {f['errors']} |")
    lines += ["", f"Each worker of `okraina serve --workers 2` (gthread, 4 threads): started (its "
              f"Dataset loaded and warmed), at the end of wrk -t2 -c{args.connections} "
              f"-d{args.seconds}s -H '{HEADERS[0]}' on each of "
              + ", ".join(f"`{r}`" for r in ROUTES) + f", and {TRIM_SECONDS + 1} s later, when "
              "the worker has handed back what the requests freed (`web.ops.memory.IdleTrim`); "
              "the peak is the most it held, loading or serving. Synthetic point works over 200 "
              "districts (`bench/synthetic.py`), one funding record each, imported with "
              f"`okraina import`; the baseline is the same run at {args.baseline:,} works. RSS "
              "counts the pages shared with the other worker and the master (the libraries' "
              "code), PSS splits them, USS is what one more worker adds. 'start' is until "
              "`/healthz` answers (both workers load and warm their Dataset)."]
    print("\n".join(lines))
    command = "python bench/bench_memory.py" + (f" --works {args.works}" if args.works != 250_000 else "") \
        + (f" --seconds {args.seconds}" if args.seconds != 10 else "")
    write_section("Worker memory at 250,000 works (issue 18)", command, lines)


def _yes(mib):
    return "yes" if mib < TARGET_MIB else "**no**"


def _each(sizes, column):
    return ", ".join(f"{size[column]:.0f}" for size in sizes)


if __name__ == "__main__":
    main()
