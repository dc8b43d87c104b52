"""Residents' submissions under load with wrk, while reads are served (issue 16).

``okraina serve --workers 2`` on the shipped sample: first with the write store in
SQLite (the default: a file in the instance folder, WAL, synchronous=FULL), then in
PostGIS (``--db``; the sample imported into a fresh ``okraina_bench`` database, which
also holds the write tables). For each, at the same time for ``--duration`` seconds:

* writes: wrk POSTs ``/needs/new`` (a valid CSRF token and session, a new text each
  time, no photo) on ``--connections`` connections;
* reads: wrk GETs ``/api/map/works`` on 8 connections (the baseline: what the read side
  serves meanwhile).

Then every acknowledged submission is counted in the database: stored == 201 answers.
The rate limits are raised for the run (``OKRAINA_SUBMIT_LIMIT``). Loopback only:

    python bench/load_write.py [--duration 30] [--connections 16] [--db URL]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_http import bench_database, free_port, parse_wrk, wait_until_up  # noqa: E402
from report import write_section  # noqa: E402

READ_ROUTE = "/api/map/works"
POINT = "lat=49.95818&lon=82.61589"  # inside the sample's "tsentr"
LUA = """
local counter = 0  -- `id` is set per thread by setup() (a global of the thread)
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
function request()
  counter = counter + 1
  local body = "csrf_token=%(token)s&category=roads&%(point)s&website=&contact=&text=Load+test+" ..
               id .. "-" .. counter .. "+the+road+to+the+school+is+broken"
  return wrk.format("POST", "/needs/new", {["Content-Type"] = "application/x-www-form-urlencoded",
                    ["Cookie"] = "%(cookie)s", ["Referer"] = "%(base)s/needs/new"}, body)
end
local shown = 0
function response(status, headers, body)
  if status ~= 201 and shown < 2 and os.getenv("OKRAINA_BENCH_LOG") then
    shown = shown + 1
    io.write("status " .. status .. ": " .. string.sub(string.match(body, "<main.*") or body, 1, 900) .. "\\n")
  end
end
"""


def main():
    args = parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        results.append(("SQLite (default)", run(["--data", str(ROOT / "shapefiles")], args, Path(folder),
                                                f"sqlite:///{Path(folder) / 'okraina.sqlite3'}")))
    server = args.db or os.environ.get("OKRAINA_TEST_DATABASE_URL")
    if server:
        with tempfile.TemporaryDirectory() as folder, bench_database(server) as url:
            subprocess.run([sys.executable, "-c", "from web.ops.cli import main; main()", "import",
                            str(ROOT / "shapefiles"), "--into", url], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            results.append(("PostGIS (--db)", run(["--db", url], args, Path(folder), url)))
    report(results, args)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--db", default=None)
    return parser.parse_args()


def run(source, args, instance, store_url):
    port = free_port()
    env = dict(os.environ, OKRAINA_TILES="none", OKRAINA_RELOAD_SECONDS="10", OKRAINA_INSTANCE=str(instance),
               OKRAINA_SUBMIT_LIMIT="10000000 per hour", OKRAINA_SUBMIT_SESSION_LIMIT="10000000 per hour")
    command = [sys.executable, "-c", "from web.ops.cli import main; main()", "serve", "--workers", "2",
               "--port", str(port), *source]
    log = open(instance / "server.log", "wb")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        script = instance / "submit.lua"
        script.write_text(LUA % dict(session(base), point=POINT, base=base))
        urllib.request.urlopen(base + READ_ROUTE, timeout=120).read()
        wrk = ["wrk", "-t2", f"-d{args.duration}s", "--timeout", "30s", "--latency"]
        writes = subprocess.Popen([*wrk, f"-c{args.connections}", "-s", str(script), base + "/needs/new"],
                                  stdout=subprocess.PIPE, text=True, errors="replace")
        reads = subprocess.Popen([*wrk, "-c8", "-H", "Accept-Encoding: gzip", base + READ_ROUTE],
                                 stdout=subprocess.PIPE, text=True, errors="replace")
        raw = {"writes": writes.communicate()[0], "reads": reads.communicate()[0]}
        figures = {name: parse_wrk(output) for name, output in raw.items()}
        figures["stored"] = stored(store_url)
        acknowledged = figures["writes"]["requests"] - figures["writes"]["errors"]
        if figures["stored"] < acknowledged:  # e.g. a broken script makes wrk send GETs
            raise RuntimeError(f"{acknowledged} acknowledged but {figures['stored']} stored")
        if os.environ.get("OKRAINA_BENCH_LOG"):
            print(raw["writes"], (instance / "server.log").read_text()[-6000:], file=sys.stderr)
        return figures
    finally:
        server.terminate()
        server.wait(timeout=60)


def session(base):
    """A session cookie and the form's CSRF token, as a browser gets them."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/needs/new", timeout=60).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    return {"token": token, "cookie": "; ".join(f"{c.name}={c.value}" for c in jar)}


def stored(url):
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM okraina_submissions "
                                        "WHERE text LIKE 'Load test %'")).scalar()
    engine.dispose()
    return count


def report(results, args):
    lines = ["| write store | submissions/s | p99 | errors | acknowledged | stored | "
             f"reads meanwhile (`{READ_ROUTE}`) |", "|---|---|---|---|---|---|---|"]
    for label, f in results:
        w, r = f["writes"], f["reads"]
        lines.append(f"| {label} | {w['rps']:,.1f} | {w['p99_ms']:,.0f} ms | {w['errors']} | "
                     f"{w['requests']:,} | {f['stored']:,} | {r['rps']:,.1f} req/s, p99 "
                     f"{r['p99_ms']:,.0f} ms, {r['errors']} errors |")
    lines += ["", f"wrk -t2 -c{args.connections} -d{args.duration}s POSTing `/needs/new` (CSRF token, "
              "session cookie, a new text each time, no photo) and, at the same time, wrk -t2 -c8 on "
              f"`{READ_ROUTE}`, against `okraina serve --workers 2` (gthread, 4 threads each) on "
              "127.0.0.1; both load generators share the 2 cores with the server. Each acknowledged "
              "submission (201) is committed before the answer (SQLite: WAL, synchronous=FULL, "
              "BEGIN IMMEDIATE; PostgreSQL: synchronous_commit on); \"stored\" counts the rows "
              "afterwards: it is at least the acknowledged count (the requests in flight when wrk "
              "stops are stored, but wrk does not count their answers). Each submission also "
              "counts two rate-limit windows in the same database (on SQLite without an fsync). "
              "The reads share the 2 cores with the writes, hence far below their figure alone. "
              "Baseline: the read route alone in the HTTP serving section above."]
    print("\n".join(lines))
    command = "python bench/load_write.py" + (f" --duration {args.duration}" if args.duration != 30 else "")
    write_section("Submissions under load (issue 16)", command, lines)


if __name__ == "__main__":
    main()
