"""``/`` from the page cache against ``/healthz``, with wrk (issue 18).

One server per mode (``okraina serve --workers 2`` on the shipped sample): the page
cache on (the default) and off (``OKRAINA_PAGE_CACHE_SIZE=0``: every view renders
its templates, as before). In each, wrk runs on ``/healthz`` (the floor: the app's
cheapest answer through the same middleware), on ``/`` and on twelve views of ``/``
in turn (three languages, four selections), one after the other, in ``--rounds``
rounds (the median round of each is reported: the machine is shared). Target:
``/`` serves at least 20% of ``/healthz``'s requests/s in the same run. Run:

    python bench/bench_index.py [--duration 15] [--rounds 3] [--connections 64]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from load_http import HEADERS, free_port, parse_wrk, wait_until_up  # noqa: E402
from report import write_section  # noqa: E402

SELECTIONS = ("", "year=2023", "year=2022&category=roads", "district=ulbinsky&metric=works")
VIEWS = tuple(f"/?{query + '&' if query else ''}lang={lang}" for lang in ("ru", "kk", "en")
              for query in SELECTIONS)
MODES = (("page cache on", "128"), ("page cache off (before)", "0"))
TARGET = 0.20
PAUSE_S = 3


def main():
    args = parse_args()
    results = {label: run_mode(size, args) for label, size in MODES}
    report(results, args)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=64)
    return parser.parse_args()


def run_mode(cache_size, args):
    port = free_port()
    env = dict(os.environ, OKRAINA_TILES="none", OKRAINA_PAGE_CACHE_SIZE=cache_size)
    command = [sys.executable, "-c", "from web.ops.cli import main; main()", "serve",
               "--workers", "2", "--port", str(port), "--data", str(ROOT / "shapefiles")]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        figures = {"sizes": page_sizes(base + "/")}
        targets = (("/healthz", "/healthz"), ("/", "/"), ("12 views of /", VIEWS))
        for _, target in targets:
            wrk(base, target, args, seconds=2)  # every worker renders (or caches) each view once
        rounds = []
        for _ in range(args.rounds):  # in turn, so that a neighbour's load hits every route alike
            rounds.append({})
            for name, target in targets:
                time.sleep(PAUSE_S)
                rounds[-1][name] = wrk(base, target, args)
        for name, _ in targets:
            figures[name] = median_round([r[name] for r in rounds])
        figures["shares"] = [{name: r[name]["rps"] / r["/healthz"]["rps"] for name, _ in targets}
                             for r in rounds]
        return figures
    finally:
        server.terminate()
        server.wait(timeout=60)


def median_round(figures):
    """The round with the median requests/s, its errors and requests summed over all."""
    middle = sorted(figures, key=lambda f: f["rps"])[len(figures) // 2]
    return {**middle, "errors": sum(f["errors"] for f in figures),
            "requests": sum(f["requests"] for f in figures)}


def page_sizes(url):
    """``(bytes, bytes brotli-compressed)`` of the page at ``url``."""
    sizes = []
    for encoding in ("identity", "br"):
        request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
        with urllib.request.urlopen(request, timeout=60) as response:
            sizes.append(len(response.read()))
    return tuple(sizes)


def wrk(base, target, args, seconds=None):
    """wrk on one path, or on several in turn (a Lua script) when ``target`` is a tuple."""
    headers = [option for header in HEADERS for option in ("-H", header)]
    seconds = seconds or args.duration
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if isinstance(target, tuple):
            paths = ", ".join(f'"{path}"' for path in target)
            script.write(f"local paths = {{{paths}}}\nlocal i = 0\n"
                         "request = function()\n  i = i % #paths + 1\n"
                         "  return wrk.format(nil, paths[i])\nend\n")
            script.flush()
            headers += ["-s", script.name]
            target = "/"
        output = subprocess.run(
            ["wrk", "-t2", f"-c{args.connections}", f"-d{seconds}s", "--timeout", "30s",
             "--latency", *headers, base + target], capture_output=True, text=True,
            check=True).stdout
    return parse_wrk(output)


def report(results, args):
    lines = ["| server | route | requests/s | p99 | errors | requests "
             "| share of `/healthz` (median of rounds) |",
             "|---|---|---|---|---|---|---|"]
    verdicts = []
    for label, figures in results.items():
        sizes, shares = figures.pop("sizes"), figures.pop("shares")
        for route, f in figures.items():
            share = sorted(r[route] for r in shares)[len(shares) // 2]  # the median round's
            lines.append(f"| {label} | `{route}` | {f['rps']:,.1f} | {f['p99_ms']:,.0f} ms | "
                         f"{f['errors']} | {f['requests']:,} | {share:.0%} |")
            if route != "/healthz" and label == MODES[0][0]:
                each = ", ".join(f"{r[route]:.0%}" for r in shares)
                verdicts.append(f"{route}: {share:.0%} (rounds: {each}; "
                                f"{'met' if share >= TARGET else 'NOT met'})")
    before = results[MODES[1][0]]["/"]["rps"]
    after = results[MODES[0][0]]["/"]["rps"]
    lines += ["", f"Target: `/` at least {TARGET:.0%} of `/healthz`'s requests/s in the same run: "
              f"{'; '.join(verdicts)}. The cache serves `/` {after / before:.1f}x as fast as "
              "rendering each view.", "",
              f"wrk -t2 -c{args.connections} -d{args.duration}s --timeout 30s "
              f"-H '{HEADERS[0]}' against `okraina serve --workers 2` (gthread, 4 threads each) "
              "on 127.0.0.1, the sample from files, tiles off; the load generator shares the 2 "
              f"cores with the server. After a 2 s warm-up on each target, {args.rounds} rounds of "
              "the three in turn; each row is its median round (errors and requests: all "
              "rounds), and the share its median ratio to `/healthz` in the same round. "
              "\"12 views of /\": ru, kk and en of `/`, `?year=2023`, "
              "`?year=2022&category=roads` and `?district=ulbinsky&metric=works`, in turn. "
              "Off: `OKRAINA_PAGE_CACHE_SIZE=0`, every view renders its templates (the map "
              "itself stays memoised per snapshot, as before). Both answer brotli-compressed "
              f"HTML (`/`: {sizes[0] / 1000:.0f} kB, {sizes[1] / 1000:.0f} kB on the wire), "
              "compressed anew per response because each carries its own CSP nonce: that "
              "(brotli quality 4, ~1.5 ms) is most of a cached view's CPU (cProfile)."]
    print("\n".join(lines))
    command = "python bench/bench_index.py" + (f" --duration {args.duration}"
                                               if args.duration != 15 else "") \
        + (f" --rounds {args.rounds}" if args.rounds != 3 else "")
    write_section("City map page from the page cache (issue 18)", command, lines)


if __name__ == "__main__":
    main()
