"""Benchmark of residents' needs (issue 15): their join and statistics next to the works.

At N works and N needs over 220 districts, in the same run:

1. building the Dataset (the works' join, funding, indexes) without needs, against
   the same with the needs (their links to works and the checks of okraina check);
2. validating the needs rows (what loading needs.csv costs);
3. the needs statistics of a fresh snapshot (per district and city-wide, the
   /api/stats figures, the planner's columns, the balance, time to meet, waiting);
4. the memory of the needs frame and its links.

Run: ``python bench/bench_needs.py [--count 100000]``; it prints the figures and
rewrites its section of docs/BENCHMARKS.md.
"""

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from geo import needs as N  # noqa: E402
from geo.city import CityConfig  # noqa: E402
from geo.dataset import build_dataset  # noqa: E402
from geo.load_needs import validate_needs  # noqa: E402
from geo.problems import ProblemLog  # noqa: E402
from geo.select import Selection  # noqa: E402
from report import write_section  # noqa: E402
from synthetic_dataset import synthetic_layers, synthetic_needs_csv  # noqa: E402

CITY = CityConfig(center=(82.61, 49.95), metric_crs="EPSG:32644")


def best_of(repeats, function):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def build(layers):
    return build_dataset(layers, CITY, ProblemLog(), version="bench", source="bench")


def statistics(dataset):
    dataset._memo["items"].clear()  # a fresh snapshot computes every figure once
    N.city_needs(dataset)
    N.planner_needs_columns(dataset, Selection((2023, 2023)))
    N.needs_balance(dataset, Selection((2022, 2024)))
    N.time_to_meet(dataset)
    N.waiting_longest(dataset, limit=20)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    plain = synthetic_layers(args.count)
    rows = synthetic_needs_csv(args.count, plain.works, plain.districts)
    load_s, needs = best_of(args.repeats, lambda: validate_needs(
        rows, "needs.csv", ProblemLog(), plain.districts["id"]))
    with_needs = replace(plain, needs=needs)
    without_s, with_s = float("inf"), float("inf")
    for _ in range(args.repeats):  # interleaved: a busy machine slows both alike
        without_s = min(without_s, best_of(1, lambda: build(plain))[0])
        took, dataset = best_of(1, lambda: build(with_needs))
        with_s = min(with_s, took)
    stats_s, _ = best_of(args.repeats, lambda: statistics(dataset))
    mib = (dataset.needs.memory_usage(deep=True).sum()
           + dataset.need_links.memory_usage(deep=True).sum()) / 2**20
    links = len(dataset.need_links)
    print(f"{args.count:,} works, {args.count:,} needs ({links:,} links): Dataset "
          f"{without_s:.2f} s without needs, {with_s:.2f} s with (+{with_s - without_s:.2f} s); "
          f"validating the needs {load_s:.2f} s; statistics {stats_s:.2f} s; "
          f"needs frame + links {mib:.0f} MiB")
    if not args.no_write:
        command = "python bench/bench_needs.py " + " ".join(sys.argv[1:])
        write_section("needs join and statistics (issue 15)", command.strip(), [
            "| step | with needs | baseline (same run) | extra |",
            "|---|---|---|---|",
            f"| Dataset of {args.count:,} works + {args.count:,} needs ({links:,} need-work "
            f"links, 220 districts) | {with_s:.2f} s | the same works without needs: "
            f"{without_s:.2f} s | +{with_s - without_s:.2f} s "
            f"(x{with_s / without_s:.2f}) |",
            f"| validating {args.count:,} needs rows (loading needs.csv) | {load_s:.2f} s | | |",
            f"| needs statistics of a fresh snapshot (per district, /api/stats, planner "
            f"columns, balance, time to meet, waiting) | {stats_s:.2f} s | | |",
            f"| memory of the needs frame and links (pandas deep `memory_usage`: a shared "
            f"string counted once per row, so an upper bound) | {mib:.0f} MiB | | |",
        ])


if __name__ == "__main__":
    main()
