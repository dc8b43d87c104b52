"""Benchmark of the needs' open data (issue 15) against the works' in the same run.

At N works and N needs over 220 districts, through the app (Flask's test client, no
network), each needs route beside its works twin:

1. the first page of a fresh snapshot (the Features are serialised once per Dataset,
   for needs once per language);
2. a page of 1,000 from ``/api`` and from ``/ogc`` (median of repeated offsets);
3. the whole layer as a GeoJSON download.

Run: ``python bench/bench_needs_api.py [--count 100000]``; it prints the figures and
rewrites its section of docs/BENCHMARKS.md.
"""

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_needs import build  # noqa: E402  (the Dataset as bench_needs builds it)
from geo.load_needs import validate_needs  # noqa: E402
from geo.problems import ProblemLog  # noqa: E402
from report import write_section  # noqa: E402
from synthetic_dataset import synthetic_layers, synthetic_needs_csv  # noqa: E402


def timed(client, url):
    start = time.perf_counter()
    response = client.get(url, headers={"Accept-Encoding": "identity"})
    took = time.perf_counter() - start
    assert response.status_code == 200, (url, response.data[:200])
    return took, len(response.data)


def best_of(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def median_of(client, template, repeats):
    return statistics.median(timed(client, template.format(offset=1000 * i))[0]
                             for i in range(repeats))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    from web import create_app
    from web.opendata import geojson, need_features

    plain = synthetic_layers(args.count)
    rows = synthetic_needs_csv(args.count, plain.works, plain.districts)
    needs = validate_needs(rows, "needs.csv", ProblemLog(), plain.districts["id"])
    dataset = build(replace(plain, needs=needs))
    client = create_app({"TESTING": True, "TILES": "none",
                         "DATASET_LOADER": lambda source, center=None: dataset}).test_client()
    first_s, _ = timed(client, "/api/needs?limit=1&lang=kk")  # the works' were built at start
    works_s, needs_s = float("inf"), float("inf")
    for _ in range(2):  # interleaved: a busy machine slows both alike
        works_s = min(works_s, best_of(lambda: geojson._build_work_features(dataset)))
        needs_s = min(needs_s, best_of(lambda: need_features._build(dataset, "ru")))
    rows_out = [
        ("serialising every Feature once per snapshot (works: once; needs: once per language "
         "served, in the reload thread before the swap)", needs_s, works_s, ""),
        ("the first `/api/needs` in a language a process has not served yet", first_s,
         None, "then `prepare()` builds that language for every later snapshot")]
    for label, works_url, needs_url in [
            ("`/api/...?limit=1000`, median page", "/api/works?limit=1000&offset={offset}",
             "/api/needs?limit=1000&offset={offset}"),
            ("`/ogc/collections/.../items?limit=1000`, median page",
             "/ogc/collections/works/items?limit=1000&offset={offset}",
             "/ogc/collections/needs/items?limit=1000&offset={offset}")]:
        works_s, needs_s = float("inf"), float("inf")
        for _ in range(2):  # interleaved: a busy machine slows both alike
            works_s = min(works_s, median_of(client, works_url, args.repeats))
            needs_s = min(needs_s, median_of(client, needs_url, args.repeats))
        rows_out.append((label, needs_s, works_s, ""))
    (works_s, works_bytes), (needs_s, needs_bytes) = (
        timed(client, "/download/works.geojson"), timed(client, "/download/needs.geojson"))
    rows_out.append(("`/download/....geojson`, every feature", needs_s, works_s,
                     f"{needs_bytes / 2**20:.0f} MiB against {works_bytes / 2**20:.0f} MiB"))
    for label, needs_s, works_s, note in rows_out:
        print(f"{label}: needs {needs_s * 1000:.1f} ms, works {_ms(works_s)} {note}")
    if not args.no_write:
        command = "python bench/bench_needs_api.py " + " ".join(sys.argv[1:])
        write_section("needs open data (issue 15)", command.strip(), [
            f"{args.count:,} needs next to {args.count:,} works (220 districts), through the "
            "app's test client (no network, uncompressed).", "",
            "| request | needs | works (same run) | note |", "|---|---|---|---|",
            *[f"| {label} | {needs_s * 1000:.1f} ms | {_ms(works_s)} | {note} |"
              for label, needs_s, works_s, note in rows_out],
        ])


def _ms(seconds):
    return "" if seconds is None else f"{seconds * 1000:.1f} ms"


if __name__ == "__main__":
    main()
