"""Benchmarks of the geo core (issue 2), each next to its baseline in the same run.

1. Join of N random point works to 200+ polygons: ``geo.join.assign_works``
   against a plain ``geopandas.sjoin`` of the same frames (ratio must stay >= 0.8).
2. Near-me queries at 100,000 works (the nearest 20 within 1 km): the STRtree
   index against a brute-force GeoPandas distance scan (>= 5x, under 1 ms).

Run: ``python bench/bench_geo.py [--works 1000000] [--queries 2000]``; it prints
the figures and rewrites its section of docs/BENCHMARKS.md.
"""

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from geo.join import assign_works  # noqa: E402
from geo.near import NearIndex  # noqa: E402
import synthetic  # noqa: E402
from report import write_section  # noqa: E402

METRIC = "EPSG:32644"


def best_of(repeats, function):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_join(works_count, districts_count, repeats):
    districts = synthetic.districts(districts_count)
    works = synthetic.point_works(works_count)
    districts.sindex  # build both trees outside the timing, as a Dataset does once
    ours = best_of(repeats, lambda: assign_works(works, districts, METRIC))
    plain = best_of(repeats, lambda: gpd.sjoin(works, districts, how="left",
                                               predicate="intersects"))
    return {"works": works_count, "districts": len(districts),
            "ours_works_per_s": works_count / ours, "sjoin_works_per_s": works_count / plain,
            "ratio": plain / ours}


def bench_near(works_count, queries, seed=7):
    works = synthetic.point_works(works_count)
    index = NearIndex(works, METRIC)
    metric = works.to_crs(METRIC)
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = synthetic.EXTENT
    points = list(zip(rng.uniform(minx, maxx, queries), rng.uniform(miny, maxy, queries)))
    ours = []
    for lon, lat in points:
        start = time.perf_counter()
        index.works_near(lon, lat, 1000, limit=20)
        ours.append(time.perf_counter() - start)
    to_metric = index._to_metric
    brute = []
    for lon, lat in points[: max(50, queries // 20)]:
        start = time.perf_counter()
        origin = shapely.Point(*to_metric.transform(lon, lat))
        distances = metric.distance(origin)
        distances[distances <= 1000].sort_values().head(20)
        brute.append(time.perf_counter() - start)
    # Same answers: check a few queries against the scan.
    for lon, lat in points[:20]:
        origin = shapely.Point(*to_metric.transform(lon, lat))
        distances = metric.distance(origin)
        expected = set(works["id"][distances <= 1000])
        got = set(index.works_near(lon, lat, 1000)["work_id"])
        assert got == expected, "the index and the scan disagree"
    ours_us = statistics.median(ours) * 1e6
    brute_us = statistics.median(brute) * 1e6
    return {"works": works_count, "queries": queries, "ours_median_us": ours_us,
            "brute_median_us": brute_us, "speedup": brute_us / ours_us}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=1_000_000)
    parser.add_argument("--districts", type=int, default=220)
    parser.add_argument("--near-works", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    join = bench_join(args.works, args.districts, args.repeats)
    print(f"join: {join['works']:,} works x {join['districts']} districts: "
          f"ours {join['ours_works_per_s']:,.0f}/s, sjoin {join['sjoin_works_per_s']:,.0f}/s, "
          f"ratio {join['ratio']:.2f}")
    near = bench_near(args.near_works, args.queries)
    print(f"near: {near['works']:,} works, {near['queries']} queries: median "
          f"{near['ours_median_us']:.0f} us vs brute force {near['brute_median_us']:.0f} us "
          f"({near['speedup']:.0f}x)")
    if not args.no_write:
        command = "python bench/bench_geo.py " + " ".join(sys.argv[1:])
        write_section("geo core (issue 2)", command.strip(), [
            "| benchmark | ours | baseline (same run) | ratio | target |",
            "|---|---|---|---|---|",
            f"| join {join['works']:,} point works to {join['districts']} polygons | "
            f"{join['ours_works_per_s']:,.0f} works/s | plain `geopandas.sjoin`: "
            f"{join['sjoin_works_per_s']:,.0f} works/s | {join['ratio']:.2f} | >= 0.8 |",
            f"| near-me, nearest 20 within 1 km, {near['works']:,} works | median "
            f"{near['ours_median_us']:.0f} µs/query | brute-force GeoPandas distance scan: "
            f"{near['brute_median_us']:.0f} µs/query | {near['speedup']:.0f}x faster | "
            ">= 5x and < 1000 µs |",
        ])


if __name__ == "__main__":
    main()
