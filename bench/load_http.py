"""HTTP load with wrk against ``okraina serve --workers 2`` (issue 7).

1. The shipped sample from files.
2. 100,000 synthetic point works (200 districts, one funding record each)
   imported into PostGIS with ``okraina import``, served with ``--db``.

For each route: requests/s, p99 latency and errors over ``--duration`` seconds at
``--connections`` connections (routes the app does not serve yet are listed as
such); then the memory (RSS, PSS, USS) of each gunicorn worker serving the 100,000
works: after the load, after three edits of the data reloaded while serving, and
after the planner and the embed PNG (which load libraries of their own). Loopback
only. Run:

    python bench/load_http.py [--duration 60] [--connections 64] [--works 100000] [--db URL]

``--db`` (or ``OKRAINA_TEST_DATABASE_URL``) names a PostgreSQL server where the
database ``okraina_bench`` is created with PostGIS and dropped afterwards.
"""

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402
from report import write_section  # noqa: E402

# "/" and "/api/map/works" are what a reader's browser asks for first (a big city's map
# page names the works payload and works.js fetches it; a small one carries it inline).
ROUTES = ("/", "/api/map/works", "/api/works", "/api/near?lat=49.95&lon=82.62", "/healthz")
# Sent with every request, as browsers do: the app answers compressed.
HEADERS = ("Accept-Encoding: gzip, deflate, br",)
PAUSE_S = 5  # between routes, so that one route's backlog does not spill into the next
RELOADS = 3  # data edits reloaded while serving, before the memory is measured again
# Routes that load libraries of their own (PySAL with SciPy, Matplotlib): measured last.
EXTRA_ROUTES = ("/planner", "/api/stats", "/embed/map.png")
BENCH_DB = "okraina_bench"


def main():
    args = parse_args()
    results = [("sample, files", run_scenario(["--data", str(ROOT / "shapefiles")], args))]
    server = args.db or os.environ.get("OKRAINA_TEST_DATABASE_URL")
    if server:
        with tempfile.TemporaryDirectory() as folder, bench_database(server) as url:
            seconds = import_synthetic(Path(folder), url, args.works)
            label = f"{args.works:,} works, PostGIS"
            results.append((label, run_scenario(["--db", url], args, memory=url)))
            results[-1][1]["import_s"] = seconds
    report(results, args)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--db", default=None)
    return parser.parse_args()


def run_scenario(source, args, memory=None):
    """wrk on each route; with ``memory`` (the database URL) also the workers' memory:
    after the load, after ``RELOADS`` edits of the data reloaded while serving, and
    after the planner and the embed PNG have been served too."""
    port = free_port()
    env = dict(os.environ, OKRAINA_TILES="none", OKRAINA_RELOAD_SECONDS="10")
    command = [sys.executable, "-c", "from web.ops.cli import main; main()", "serve",
               "--workers", "2", "--port", str(port), *source]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        figures = {"routes": {}}
        for route in ROUTES:
            figures["routes"][route] = measure(base + route, args)
            time.sleep(PAUSE_S)
        if memory:
            figures["rss_mib"] = worker_rss_mib(server.pid)
            for _ in range(RELOADS):
                reload_once(base, memory)
                exercise(base)
            figures["rss_reloaded_mib"] = worker_rss_mib(server.pid)
            exercise(base, EXTRA_ROUTES)
            figures["rss_all_routes_mib"] = worker_rss_mib(server.pid)
        return figures
    finally:
        server.terminate()
        server.wait(timeout=60)


def reload_once(base, url, timeout_s=300):
    """Edit one work in the database and wait until every worker serves the new version."""
    import psycopg

    before = healthz(base)["dataset"]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE works SET status = status WHERE id = (SELECT min(id) FROM works)")
    deadline, agreeing = time.monotonic() + timeout_s, 0
    while agreeing < 20:  # 20 answers in a row, from both workers (new connection each)
        if time.monotonic() > deadline:
            raise RuntimeError("the workers did not reload the edited data")
        agreeing = agreeing + 1 if healthz(base)["dataset"] != before else 0
        time.sleep(0.5)


def healthz(base):
    with urllib.request.urlopen(base + "/healthz", timeout=30) as response:
        return json.load(response)


def exercise(base, routes=ROUTES, seconds=3):
    """A short load on ``routes``, so that every worker serves each of them again."""
    headers = [option for header in HEADERS for option in ("-H", header)]
    for route in routes:
        subprocess.run(["wrk", "-t2", "-c8", f"-d{seconds}s", *headers, base + route],
                       capture_output=True, check=True)


def measure(url, args):
    try:
        urllib.request.urlopen(url, timeout=120).read()
    except urllib.error.HTTPError as error:
        return {"status": error.code}
    headers = [option for header in HEADERS for option in ("-H", header)]
    output = subprocess.run(
        ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "30s",
         "--latency", *headers, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output):
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"status": 200,
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p99_ms": to_ms(re.search(r"\s99%\s+([\d.]+\w+)", output).group(1)),
            "requests": int(re.search(r"(\d+) requests in", output).group(1)),
            "errors": (sum(int(v) for v in errors.groups()) if errors else 0)
            + (int(non_2xx.group(1)) if non_2xx else 0)}


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def worker_rss_mib(master_pid):
    """``[(rss, pss, uss), ...]`` in MiB for each gunicorn worker of ``master_pid``.

    RSS counts every resident page the worker maps, also those shared with the other
    processes (the libraries' code); PSS splits shared pages between their sharers;
    USS is the worker's private memory (what one more worker adds).
    """
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        kib = {name: int(value) for name, value in re.findall(r"^(\w+):\s+(\d+) kB", rollup, re.M)}
        sizes.append((kib["Rss"] / 1024, kib["Pss"] / 1024,
                      (kib["Private_Clean"] + kib["Private_Dirty"]) / 1024))
    return sizes


def worker_peak_mib(master_pid):
    """The most memory each gunicorn worker of ``master_pid`` has held (``VmHWM``, MiB):
    loading its Dataset or serving, whichever was more."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(re.search(r"^VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
                .group(1)) / 1024 for pid in children]


def wait_until_workers_idle(master_pid, workers, quiet_s=1.0, timeout_s=600):
    """Wait until ``workers`` gunicorn workers of ``master_pid`` run and none has used CPU
    for ``quiet_s``: each has loaded and warmed its Dataset. ``/healthz`` answers once the
    first worker is ready; at 250,000 works the other still loads for tens of seconds,
    on the cores shared with what is being measured."""
    deadline = time.monotonic() + timeout_s
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
        used = sum(_cpu_ticks(pid) for pid in children) if len(children) >= workers else None
        if used is not None and used == last:
            if time.monotonic() - since >= quiet_s:
                return
        else:
            last, since = used, time.monotonic()
        time.sleep(0.1)
    raise RuntimeError(f"the {workers} workers did not settle in {timeout_s} s")


def _cpu_ticks(pid):
    """User and system CPU ticks of ``pid`` (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def import_synthetic(folder, url, count):
    """Write a synthetic city folder and time ``okraina import`` of it into ``url``."""
    districts = synthetic.districts(200)
    works = synthetic.point_works(count)
    districts.to_file(folder / "districts.gpkg")
    works.to_file(folder / "works.gpkg")
    synthetic.funding_for(works).to_csv(folder / "funding.csv", index=False)
    (folder / "meetings.csv").write_text("district_id,year,cycle,date\n", encoding="utf-8")
    (folder / "city.json").write_text(json.dumps({"metric_crs": "EPSG:32644",
                                                  "center": [82.6275, 49.9484]}))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from web.ops.cli import main; main()", "import",
                    str(folder), "--into", url], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


class bench_database:
    """A fresh database ``name`` on ``server`` (PostGIS comes with ``okraina import``),
    dropped on exit."""

    def __init__(self, server, name=BENCH_DB):
        import psycopg

        self.psycopg, self.server, self.name = psycopg, server, name

    def __enter__(self):
        with self.psycopg.connect(self.server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {self.name}")
        return self.server.rsplit("/", 1)[0] + "/" + self.name

    def __exit__(self, *exc):
        with self.psycopg.connect(self.server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base, server, timeout_s=300):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=5).read()
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the server did not start")


def report(results, args):
    lines = ["| data | route | requests/s | p99 | errors | requests |", "|---|---|---|---|---|---|"]
    notes = []
    for label, figures in results:
        for route, f in figures["routes"].items():
            if f["status"] != 200:
                lines.append(f"| {label} | `{route}` | not served yet ({f['status']}) | | | |")
                continue
            lines.append(f"| {label} | `{route}` | {f['rps']:,.1f} | {f['p99_ms']:,.0f} ms | "
                         f"{f['errors']} | {f['requests']:,} |")
        if "rss_mib" in figures:
            notes.append(f"- {label}: memory of each gunicorn worker (target: RSS < 400 MiB) "
                         f"after the load above: {_sizes(figures['rss_mib'])}; after "
                         f"{RELOADS} edits of the data reloaded while serving (then the routes "
                         f"again): {_sizes(figures['rss_reloaded_mib'])}; after also serving "
                         f"{', '.join(f'`{r}`' for r in EXTRA_ROUTES)} (PySAL with SciPy, "
                         f"Matplotlib): {_sizes(figures['rss_all_routes_mib'])}. "
                         f"`okraina import` took {figures['import_s']:.1f} s.")
    lines += ["", f"wrk -t2 -c{args.connections} -d{args.duration}s --timeout 30s "
              f"-H '{HEADERS[0]}' against `okraina serve --workers 2` (gthread, 4 threads each) "
              "on 127.0.0.1; the load generator shares the 2 cores with the server. `/` is the "
              "HTML of the city map; above 2,000 works (`OKRAINA_MAP_INLINE_WORKS`) its works "
              "come from `/api/map/works` (one request per reader and selection, then 304s).",
              "", *notes]
    print("\n".join(lines))
    command = "python bench/load_http.py" + (f" --duration {args.duration}"
                                             if args.duration != 60 else "")
    write_section("HTTP serving (issue 7)", command, lines)


def _sizes(sizes):
    rss = ", ".join(f"{r:.0f}" for r, _, _ in sizes)
    pss = ", ".join(f"{p:.0f}" for _, p, _ in sizes)
    uss = ", ".join(f"{u:.0f}" for _, _, u in sizes)
    return f"RSS {rss} MiB, PSS {pss}, USS {uss}"


if __name__ == "__main__":
    main()
