"""Benchmark of OGC API – Features items (issue 18) next to tipg, both on the same PostGIS.

``okraina import`` fills a fresh database (``okr_bench_tipg`` on ``--db``'s server) with
N synthetic point works (200 districts, one funding record each, as bench/load_http.py
does); then, on loopback:

- okraina: ``okraina serve --db URL --workers 1`` (gunicorn gthread, as in production),
  answering from its Dataset (the works' Features serialised once, a spatial index);
- tipg 1.x (developmentseed, FastAPI + asyncpg) under uvicorn, one process, on the
  same database's ``works`` table: each request is an SQL query (``ST_Intersects`` on
  the table's GiST index for a bbox, ``ORDER BY id LIMIT/OFFSET``, GeoJSON built in
  PostgreSQL); ``ANALYZE`` is run after the import so its planner has statistics;
- with ``--before DIR``: okraina from another checkout, served the same way, to show a
  change in the same run (``mkdir /tmp/ogc-before && git archive 20a10c3 | tar -x -C
  /tmp/ogc-before``: the code before issue 18's bbox path).

Each server is asked, over one keep-alive connection per server, in interleaved rounds
(a busy machine slows all alike): a plain page (``limit=1000``, offsets spread over the
collection, the same for both) and a bbox in the city holding ~1,000 works
(``limit=1000``, offset 0). Medians of ``--rounds`` requests are compared: okraina's
bbox against its page (target: about the same) and tipg's bbox against okraina's
(target: >= 10x). The bbox answers are checked to hold the same ids on both (all of
them, fetched with ``limit=10000``), and so are the plain pages.

tipg lives only in its own virtual environment, never in the project's::

    python3.11 -m venv /tmp/tipg-venv && /tmp/tipg-venv/bin/pip install "tipg==1.6.*" "uvicorn==0.*"
    python bench/bench_ogc_tipg.py [--works 100000] [--rounds 40] [--db URL]
        [--tipg-venv /tmp/tipg-venv] [--before DIR] [--no-write]

``--db`` (or ``OKRAINA_TEST_DATABASE_URL``) names the PostgreSQL server; the bench's
database is dropped afterwards.
"""

import argparse
import http.client
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import synthetic  # noqa: E402
from load_http import bench_database, free_port, import_synthetic, wait_until_up  # noqa: E402

LIMIT = 1000
BENCH_DB = "okr_bench_tipg"
DEV_SERVER = "postgresql://postgres@127.0.0.1:55432/postgres"
PAGES = 10  # plain-page offsets spread over the collection
WARM_UP_ROUNDS = 3


class Server:
    """One server under test: its process, its items path and a keep-alive connection."""

    def __init__(self, name, process, port, items_path, geojson_format):
        self.name, self.process, self.items_path = name, process, items_path
        self.port, self.format = port, geojson_format
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def url(self, **query):
        return self.items_path + "?" + "&".join(f"{k}={v}" for k, v in
                                                {"f": self.format, **query}.items())

    def get(self, path):
        """The answer's body; one retry on a connection the server closed."""
        for attempt in (1, 2):
            try:
                self.connection.request("GET", path, headers={"Accept-Encoding": "identity"})
                response = self.connection.getresponse()
                body = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                if attempt == 2:
                    raise
        if response.status != 200:
            raise RuntimeError(f"{self.name} {path}: {response.status} {body[:300]!r}")
        return body

    def stop(self):
        self.connection.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_okraina(name, url, root):
    port = free_port()
    env = dict(os.environ, OKRAINA_TILES="none", OKRAINA_RELOAD_SECONDS="0")
    process = subprocess.Popen(
        [sys.executable, "-c", "from web.ops.cli import main; main()", "serve", "--db", url,
         "--workers", "1", "--port", str(port)], cwd=root, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_up(f"http://127.0.0.1:{port}", process)
    return Server(name, process, port, "/ogc/collections/works/items", "json")


def start_tipg(url, venv):
    port = free_port()
    env = dict(os.environ, DATABASE_URL=url, TIPG_DB_SCHEMAS='["public"]',
               TIPG_DB_TABLES='["public.works"]', TIPG_MAX_FEATURES_PER_QUERY="10000")
    process = subprocess.Popen(
        [str(venv / "bin" / "uvicorn"), "tipg.main:app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_up(f"http://127.0.0.1:{port}", process)
    return Server("tipg", process, port, "/collections/public.works/items", "geojson")


def ids_of(server, **query):
    """The ids of the answer, its ``numberMatched`` and its size in bytes."""
    body = server.get(server.url(**query))
    document = json.loads(body)
    return ([str(feature["id"]) for feature in document["features"]],
            document.get("numberMatched"), len(body))


def requests_of(works_count, bbox):
    """``{kind: [query, ...]}``: the plain pages and the bbox, as query dicts."""
    step = (works_count - LIMIT) // PAGES
    box = ",".join(map(str, bbox))
    return {"page": [{"limit": LIMIT, "offset": i * step} for i in range(PAGES)],
            "bbox": [{"limit": LIMIT, "bbox": box}]}


def measure(servers, requests, rounds):
    """``{(server, kind): [seconds, ...]}``, request by request in interleaved rounds."""
    times = {(s.name, kind): [] for s in servers for kind in requests}
    for number in range(WARM_UP_ROUNDS + rounds):
        for kind, queries in requests.items():
            query = queries[number % len(queries)]
            for server in servers:
                path = server.url(**query)
                started = time.perf_counter()
                server.get(path)
                elapsed = time.perf_counter() - started
                if number >= WARM_UP_ROUNDS:
                    times[(server.name, kind)].append(elapsed)
    return times


def agreement(ours, tipg, works_count, bbox):
    """Whether both hold the same ids for the bbox (all of it) and for a plain page."""
    box = ",".join(map(str, bbox))
    our_ids, our_matched, our_bytes = ids_of(ours, bbox=box, limit=10_000)
    their_ids, their_matched, their_bytes = ids_of(tipg, bbox=box, limit=10_000)
    offset = (works_count // 2) // LIMIT * LIMIT
    our_page = ids_of(ours, limit=LIMIT, offset=offset)[0]
    their_page = ids_of(tipg, limit=LIMIT, offset=offset)[0]
    return {"bbox_matched": our_matched, "tipg_bbox_matched": their_matched,
            "bbox_kb": our_bytes / 1000, "tipg_bbox_kb": their_bytes / 1000,
            "bbox_same_ids": set(our_ids) == set(their_ids),
            "bbox_same_order": our_ids == their_ids,
            "page_same_ids": our_page == their_page}


def run(args):
    server = args.db or os.environ.get("OKRAINA_TEST_DATABASE_URL") or DEV_SERVER
    bbox = synthetic.bbox_of_about(args.works, LIMIT)
    servers = []
    with tempfile.TemporaryDirectory() as folder, bench_database(server, BENCH_DB) as url:
        import_s = import_synthetic(Path(folder), url, args.works)
        analyze(url)
        try:
            servers.append(start_okraina("okraina", url, ROOT))
            if args.before:
                servers.append(start_okraina(f"okraina, {args.before_label}", url,
                                             args.before))
            servers.append(start_tipg(url, args.tipg_venv))
            ours, tipg = servers[0], servers[-1]
            agree = agreement(ours, tipg, args.works, bbox)
            times = measure(servers, requests_of(args.works, bbox), args.rounds)
        finally:
            for s in servers:
                s.stop()
    medians = {key: statistics.median(values) for key, values in times.items()}
    return {"works": args.works, "bbox": bbox, "rounds": args.rounds, "import_s": import_s,
            "medians": medians, "servers": [s.name for s in servers],
            "tipg_version": tipg_version(args.tipg_venv), **agree}


def tipg_version(venv):
    command = [str(venv / "bin" / "python"), "-c", "import tipg; print(tipg.__version__)"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def analyze(url):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE works")


def report_lines(result):
    m = result["medians"]
    ours_page, ours_bbox = m[("okraina", "page")], m[("okraina", "bbox")]
    tipg_page, tipg_bbox = m[("tipg", "page")], m[("tipg", "bbox")]
    box = ",".join(map(str, result["bbox"]))
    lines = ["| server | page of 1,000 | bbox (~1,000 works) | bbox / page | tipg / this, page "
             "| tipg / this, bbox |", "|---|---|---|---|---|---|"]
    for name in result["servers"]:
        page, bbox = m[(name, "page")], m[(name, "bbox")]
        lines.append(f"| {name} | {page * 1000:.1f} ms | {bbox * 1000:.1f} ms | "
                     f"{bbox / page:.2f} | {tipg_page / page:.1f}x | {tipg_bbox / bbox:.1f}x |")
    lines += [
        "",
        f"{result['works']:,} synthetic point works imported with `okraina import` "
        f"({result['import_s']:.0f} s) into one PostGIS database; median of "
        f"{result['rounds']} requests each, interleaved round by round, one keep-alive "
        f"connection per server, uncompressed. Page: `limit=1000` at {PAGES} offsets spread "
        f"over the collection (the same for both); bbox: `bbox={box}&limit=1000`, "
        f"{result['bbox_matched']:,} works matched (tipg: {result['tipg_bbox_matched']}). "
        "okraina: `okraina serve --db ... --workers 1` (gunicorn gthread); "
        f"tipg {result['tipg_version']} under uvicorn (one process, asyncpg pool) on the "
        "`works` table after `VACUUM ANALYZE`. "
        f"Same ids in the bbox: {'yes' if result['bbox_same_ids'] else 'NO'} (same order: "
        f"{'yes' if result['bbox_same_order'] else 'no'}); same ids on a plain page: "
        f"{'yes' if result['page_same_ids'] else 'NO'}. Targets: okraina's bbox about what "
        f"its page costs ({ours_bbox / ours_page:.2f} here), and >= 10x tipg for the bbox "
        f"({tipg_bbox / ours_bbox:.1f}x here).",
        "",
        "The Features differ in content: tipg writes the table's columns (nulls included), "
        "okraina its public properties, with `district_id`, `district_ids` and `funding_kzt` "
        f"from its join; the bbox's answer is {result['bbox_kb']:,.0f} kB from okraina, "
        f"{result['tipg_bbox_kb']:,.0f} kB from tipg. The machine (2 cores) is shared with "
        "other jobs: compare the ratios.",
    ]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--db", default=None)
    parser.add_argument("--tipg-venv", type=Path, default=Path("/tmp/tipg-venv"))
    parser.add_argument("--before", type=Path, default=None,
                        help="another okraina checkout to serve and measure alongside")
    parser.add_argument("--before-label", default="before",
                        help="what --before is, for the report (e.g. its commit)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not (args.tipg_venv / "bin" / "uvicorn").exists():
        sys.exit(f"no tipg/uvicorn in {args.tipg_venv}: see this script's docstring")
    result = run(args)
    lines = report_lines(result)
    print("\n".join(lines))
    if not result["bbox_same_ids"]:
        sys.exit("the two servers disagree on the bbox: the comparison is void")
    if not args.no_write:
        from report import write_section

        command = "python bench/bench_ogc_tipg.py " + shlex.join(
            a for a in sys.argv[1:] if a != "--no-write")
        write_section("OGC API – Features bbox against tipg (issue 18)", command.strip(), lines)


if __name__ == "__main__":
    main()
