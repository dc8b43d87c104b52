"""Benchmark of the bbox path (issue 18): a bbox of ~1,000 features against a plain page.

At N works and N needs over 220 districts, through the app (Flask's test client, no
network, uncompressed), for ``/ogc/collections/{works,needs}/items`` and
``/api/{works,needs}``: the median of ``--rounds`` plain pages (``limit=1000`` at offsets
spread over the layer) and of a bbox in the city holding ~1,000 features (``limit=1000``),
interleaved round by round. Target: a bbox costs about what a page costs.

With ``--before DIR`` (another checkout, e.g. ``git archive`` of an older commit) the same
is measured on that code, in processes run in turn with this checkout's, for comparison::

    mkdir /tmp/ogc-before && git archive 20a10c3 | tar -x -C /tmp/ogc-before

Run: ``python bench/bench_bbox.py [--count 100000] [--rounds 30] [--runs 2] [--before DIR]
[--before-label TEXT] [--no-write]``;
it prints the figures and rewrites its section of docs/BENCHMARKS.md. The tipg comparison
over HTTP on PostGIS is bench/bench_ogc_tipg.py.
"""

import argparse
import json
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIMIT = 1000
PAGES = 10
WARM_UP_ROUNDS = 3
ROUTES = ("/ogc/collections/works/items", "/api/works", "/ogc/collections/needs/items",
          "/api/needs")


def measure_child(root, count, rounds):
    """The child process: build the Dataset with ``root``'s code and time every route."""
    sys.path[:0] = [str(root), str(HERE)]
    from synthetic import bbox_of_about
    from synthetic_dataset import synthetic_dataset
    from web import create_app

    dataset = synthetic_dataset(count, needs_count=count)
    client = create_app({"TESTING": True, "TILES": "none",
                         "DATASET_LOADER": lambda source, center=None: dataset}).test_client()
    step = (count - LIMIT) // PAGES
    urls = {}
    for route in ROUTES:
        # Half the needs have a place: their box is twice the works' for ~1,000 of them.
        wanted = LIMIT * (2 if "needs" in route else 1)
        box = ",".join(map(str, bbox_of_about(count, wanted)))
        urls[(route, "page")] = [f"{route}?limit={LIMIT}&offset={i * step}" for i in range(PAGES)]
        urls[(route, "bbox")] = [f"{route}?limit={LIMIT}&bbox={box}"]
    matched = {route: client.get(urls[(route, "bbox")][0]).get_json()["numberMatched"]
               for route in ROUTES}
    times = {key: [] for key in urls}
    for number in range(WARM_UP_ROUNDS + rounds):
        for key, choices in urls.items():
            url = choices[number % len(choices)]
            started = time.perf_counter()
            response = client.get(url, headers={"Accept-Encoding": "identity"})
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, (url, response.data[:200])
            if number >= WARM_UP_ROUNDS:
                times[key].append(elapsed)
    print(json.dumps({"matched": matched, "medians": {
        f"{route} {kind}": statistics.median(values) for (route, kind), values in times.items()}}))


def run_child(root, args):
    output = subprocess.run([sys.executable, __file__, "--child", str(root), "--count",
                             str(args.count), "--rounds", str(args.rounds)],
                            cwd=root, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def best_runs(args):
    """This checkout's figures and ``--before``'s (or None), each the lower median of
    ``--runs`` processes run in turn, so that a burst of load on the shared machine
    during one process does not decide the comparison."""
    runs = {"now": [], "before": []}
    for _ in range(args.runs):
        runs["now"].append(run_child(ROOT, args))
        if args.before:
            runs["before"].append(run_child(args.before, args))
    best = {}
    for name, results in runs.items():
        if results:
            best[name] = {"matched": results[0]["matched"], "medians": {
                key: min(r["medians"][key] for r in results) for key in results[0]["medians"]}}
    return best["now"], best.get("before")


def report_lines(now, before, args):
    head = "| route | bbox matched | page | bbox | bbox / page |"
    rule = "|---|---|---|---|---|"
    if before:
        head += " {0}: page | {0}: bbox | {0}: bbox / page |".format(args.before_label)
        rule += "---|---|---|"
    lines = [head, rule]
    for route in ROUTES:
        page, bbox = now["medians"][f"{route} page"], now["medians"][f"{route} bbox"]
        row = (f"| `{route}` | {now['matched'][route]:,} | {page * 1000:.1f} ms | "
               f"{bbox * 1000:.1f} ms | {bbox / page:.2f} |")
        if before:
            old_page, old_bbox = (before["medians"][f"{route} page"],
                                  before["medians"][f"{route} bbox"])
            row += (f" {old_page * 1000:.1f} ms | {old_bbox * 1000:.1f} ms | "
                    f"{old_bbox / old_page:.2f} |")
        lines.append(row)
    lines += ["", f"{args.count:,} works and {args.count:,} needs (half with a place) over 220 "
              f"districts, through Flask's test client (no network, uncompressed); median of "
              f"{args.rounds} requests each, interleaved round by round (the lower of "
              f"{args.runs} processes run in turn). Page: `limit=1000` at "
              f"{PAGES} offsets spread over the layer; bbox: a box in the middle of the city "
              "holding ~1,000 features, `limit=1000`."
              + (f" {args.before_label}: the code of `--before`." if before else "")]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--before", type=Path, default=None,
                        help="another okraina checkout to measure too")
    parser.add_argument("--before-label", default="before",
                        help="what --before is, for the report (e.g. its commit)")
    parser.add_argument("--runs", type=int, default=2,
                        help="processes per checkout, run in turn; the lower median is kept")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return measure_child(args.child, args.count, args.rounds)
    now, before = best_runs(args)
    lines = report_lines(now, before, args)
    print("\n".join(lines))
    if not args.no_write:
        sys.path.insert(0, str(HERE))
        from report import write_section

        command = "python bench/bench_bbox.py " + shlex.join(
            a for a in sys.argv[1:] if a != "--no-write")
        write_section("the bbox path against a plain page (issue 18)", command.strip(), lines)


if __name__ == "__main__":
    main()
