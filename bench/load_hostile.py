"""Load with live reloads (issue 8): the main pages and APIs under wrk, zero errors allowed.

``okraina serve --workers 2`` serves a copy of the shipped sample on 127.0.0.1 and
polls it for changes every second. wrk cycles through the main pages and APIs at
``--connections`` connections for ``--duration`` seconds, twice:

1. steady: the data does not change (the baseline);
2. reloading: a third of the way in, funding.csv gets new amounts (every worker
   swaps in a new Dataset); two thirds in, a broken funding.csv is written (each
   worker must keep its last good Dataset), then the good one comes back.

Every answer must be 2xx/3xx with no socket error. Loopback only; bounded by
``--duration``. Run:

    python bench/load_hostile.py [--duration 60] [--connections 64]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from load_http import free_port, parse_wrk, wait_until_up  # noqa: E402
from report import write_section  # noqa: E402

PATHS = (
    "/", "/planner", "/districts/{district}", "/near?lat=49.95&lon=82.62", "/embed/map",
    "/embed/map.png", "/api/works", "/api/districts", "/api/stats", "/api/near?lat=49.95&lon=82.62",
    "/ogc/collections/works/items", "/download/works.csv", "/healthz",
)
LUA = """
local paths = {%s}
local i = 0
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function() failed = {} end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
response = function(status)
  if status >= 400 then failed[status] = (failed[status] or 0) + 1 end
end
done = function()
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("failed")) do io.write("STATUS ", status, " ", n, "\\n") end
  end
end
"""


def main():
    args = parse_args()
    results = run(args.duration, args.connections)
    report(results, args)
    failed = [name for name, r in results.items() if r["errors"] or not r["requests"]]
    if not results["reloading"]["versions"]["reloaded"]:
        failed.append("no reload happened")
    sys.exit(1 if failed else 0)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    return parser.parse_args()


def run(duration_s, connections):
    """``{"steady": figures, "reloading": figures}`` of two bounded wrk runs."""
    with tempfile.TemporaryDirectory(prefix="okraina-load-") as folder:
        data = Path(folder) / "city"
        shutil.copytree(ROOT / "shapefiles", data)
        server = serving(data)
        with server as base:
            paths = [p.format(district=first_district(base)) for p in PATHS]
            script = Path(folder) / "paths.lua"
            script.write_text(LUA % ", ".join(json.dumps(p) for p in paths))
            warm_up(base, paths)
            steady = wrk(base, script, duration_s, connections)
            changer = threading.Thread(target=change_data, args=(data, duration_s))
            changer.start()
            reloading = wrk(base, script, duration_s, connections)
            changer.join()
            reloading["versions"] = settled_versions(base)
    reloading["server_log"] = steady["server_log"] = server.problems[:10]
    return {"steady": steady, "reloading": reloading}


class serving:
    """``okraina serve --workers 2`` on a free loopback port, polling the data every second."""

    def __init__(self, data):
        self.data = data
        self.log = open(data.parent / "server.log", "w+")  # read back for errors after the run

    def __enter__(self):
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("OKRAINA_")}
        env.update(OKRAINA_TILES="none", OKRAINA_RELOAD_SECONDS="1")
        self.server = subprocess.Popen(
            [sys.executable, "-c", "from web.cli import main; main()", "serve", "--workers", "2",
             "--host", "127.0.0.1", "--port", str(port), "--data", str(self.data)],
            cwd=ROOT, env=env, stderr=self.log)
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, self.server)
        return base

    def __exit__(self, *exc):
        self.server.terminate()
        self.server.wait(timeout=60)
        self.log.seek(0)
        self.problems = [line.strip() for line in self.log
                         if re.search(r"ERROR|CRITICAL|Traceback|TIMEOUT", line)
                         and "reload failed" not in line]
        self.log.close()


def warm_up(base, paths, rounds=4):
    """A few requests per route first, as bench/load_http.py does, so that both workers
    have built their per-snapshot caches (planner report, PNGs); the reloading phase
    then measures the cold caches of each new Dataset under load."""
    for _ in range(rounds):
        for path in paths:
            urllib.request.urlopen(base + path, timeout=120).read()


def first_district(base):
    with urllib.request.urlopen(base + "/api/districts", timeout=60) as response:
        return json.load(response)["features"][0]["id"]


def wrk(base, script, duration_s, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration_s}s", "--timeout", "30s", "--latency",
         "-s", str(script), base], capture_output=True, text=True, check=True,
        timeout=duration_s + 120).stdout
    figures = parse_wrk(output)
    socket = re.search(r"Socket errors: (.*)", output)
    figures["socket_errors"] = socket.group(1) if socket else "none"
    figures["statuses"] = {int(c): int(n) for c, n in re.findall(r"STATUS (\d+) (\d+)", output)}
    return figures


def change_data(data, duration_s):
    """A good change a third of the way in; a broken file two thirds in, then the good one."""
    funding = data / "funding.csv"
    original = funding.read_text(encoding="utf-8-sig")
    lines = original.splitlines()
    header = lines[0].split(",")
    amount = header.index("amount_kzt")
    changed = [lines[0]] + [",".join(v if i != amount else str(int(v) + 1)
                                     for i, v in enumerate(line.split(","))) for line in lines[1:]]
    time.sleep(duration_s / 3)
    write_atomically(funding, "\n".join(changed) + "\n")
    time.sleep(duration_s / 3)
    write_atomically(funding, lines[0] + "\nbroken,row,with,a,lot,of,nothing\n")
    time.sleep(min(5, duration_s / 6))
    write_atomically(funding, "\n".join(changed) + "\n")


def write_atomically(path, text):
    # As a deployment should: write beside, then rename, so no reader sees half a file.
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def settled_versions(base, deadline_s=60):
    """:func:`seen_versions` once the last good file is loaded (the next poll picks it up;
    on a busy machine a reload can take seconds), or as it stands at the deadline."""
    give_up = time.monotonic() + deadline_s
    while True:
        seen = seen_versions(base)
        if (seen["reloaded"] and not seen["errors"]) or time.monotonic() > give_up:
            return seen
        time.sleep(1)


def seen_versions(base, tries=20):
    """What the workers report on ``/healthz`` after the run: versions, reloads, errors."""
    seen = {"versions": set(), "reloaded": False, "errors": set()}
    for _ in range(tries):
        with urllib.request.urlopen(base + "/healthz", timeout=30) as response:
            health = json.load(response)
        seen["versions"].add(health["dataset"])
        seen["reloaded"] |= bool(health["reload"]["last_reload"])
        if health["reload"]["last_error"]:
            seen["errors"].add(health["reload"]["last_error"][:80])
    return {k: sorted(v) if isinstance(v, set) else v for k, v in seen.items()}


def report(results, args):
    lines = ["| phase | requests | requests/s | p99 | errors (socket + non-2xx/3xx) | detail |",
             "|---|---|---|---|---|---|"]
    for name, r in results.items():
        detail = f"socket: {r['socket_errors']}; statuses: {r['statuses'] or 'all 2xx/3xx'}"
        lines.append(f"| {name} | {r['requests']:,} | {r['rps']:,.1f} | {r['p99_ms']:,.0f} ms | "
                     f"{r['errors']} | {detail} |")
    lines += ["", f"wrk -t2 -c{args.connections} -d{args.duration}s --timeout 30s, cycling through "
              f"{len(PATHS)} routes ({', '.join(f'`{p}`' for p in PATHS)}), against "
              "`okraina serve --workers 2` polling a copy of the sample every second, on "
              "127.0.0.1 after 4 warm-up requests per route; the load generator shares the 2 "
              "cores with the server (and, here, with other engineers' jobs). During "
              "`reloading`, funding.csv changed once (every worker swapped in the new Dataset), "
              "then a broken funding.csv was written and replaced 5 s later (each worker kept "
              "its last good Dataset)."]
    if results["steady"]["server_log"]:
        lines.append("Server log errors: " + " / ".join(results["steady"]["server_log"]))
    seen = results["reloading"]["versions"]
    lines.append(f"After the run the workers report a reload: {'yes' if seen['reloaded'] else 'NO'}; "
                 f"reload errors left: {seen['errors'] or 'none'}.")
    print("\n".join(lines))
    command = "python bench/load_hostile.py" + (
        f" --duration {args.duration}" if args.duration != 60 else "") + (
        f" --connections {args.connections}" if args.connections != 64 else "")
    write_section("Load with live reloads (issue 8)", command, lines)


if __name__ == "__main__":
    main()
