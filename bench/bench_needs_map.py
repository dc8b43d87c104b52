"""Benchmark of the needs layer on the city map (issue 15), against the map without it.

A synthetic city (20 districts, N point works, M needs, half of them with a point),
in the same run:

1. the server: ``/`` as a reader gets it (the page, plus the works payload when it
   is fetched) against ``/?needs=1`` (the same plus ``/api/map/needs``), each request
   with the snapshot's memo emptied (as after a reload), best of ``--repeats``,
   interleaved; bytes uncompressed and gzipped;
2. the browser (headless Chromium, tiles off, 1366x900): milliseconds from navigation
   until the works are drawn (``data-works-drawn``) on ``/``, and until the works and
   the needs are drawn (``data-needs-drawn``) on ``/?needs=1``.

Run: ``python bench/bench_needs_map.py [--works 10000] [--needs 10000 100000]``; it
prints the figures and rewrites its section of docs/BENCHMARKS.md.
"""

import argparse
import gzip
import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_citymap import timed, write_city  # noqa: E402
from report import write_section  # noqa: E402
from synthetic_dataset import synthetic_needs_csv  # noqa: E402

# Records when works.js / needs.js mark the map as drawn, before any page script runs.
DRAWN_TIMES = """
window.__drawn = {};
new MutationObserver((changes) => {
  for (const change of changes) {
    const name = change.attributeName;
    if (name && name.startsWith("data-") && name.endsWith("-drawn") && !(name in window.__drawn)) {
      window.__drawn[name] = performance.now();
    }
  }
}).observe(document, {attributes: true, subtree: true});
"""


def city_with_needs(folder, works_count, needs_count):
    import geopandas as gpd

    write_city(folder, works_count)
    works = gpd.read_file(folder / "works.geojson")
    districts = gpd.read_file(folder / "districts.geojson")
    synthetic_needs_csv(needs_count, works, districts).to_csv(folder / "needs.csv", index=False)
    return folder


def fetch_all(client, url):
    """A page and the payloads its browser fetches at once: the works above the inline
    limit, the needs when their layer starts switched on."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    parts = {"page": page.get_data()}
    works = re.search(rb'"src":"([^"]*/api/map/works[^"]*)"', parts["page"])
    needs = re.search(rb"okraina\.needsLayer\(\w+, null, (\{.*?\})\);", parts["page"])
    sources = {"works": json.loads(b'"' + works.group(1) + b'"') if works else None}
    if needs and json.loads(needs.group(1))["show"]:
        sources["needs"] = json.loads(needs.group(1))["src"]
    for kind, src in sources.items():
        if src:
            answer = client.get(src, headers={"Accept-Encoding": "identity"})
            assert answer.status_code == 200, answer.status_code
            parts[kind] = answer.get_data()
    return parts


def server_figures(dataset, client, repeats):
    clear = lambda: dataset._memo["items"].clear()  # noqa: E731
    fetch_all(client, "/"), fetch_all(client, "/?needs=1")  # warm up: templates, catalogues
    best = {"off": (float("inf"),) * 2, "on": (float("inf"),) * 2}
    result = {}
    for _ in range(repeats):  # interleaved: a busy machine slows both alike
        for key, url in (("off", "/"), ("on", "/?needs=1")):
            cpu, wall, parts = timed(1, lambda: fetch_all(client, url), before=clear)
            best[key] = (min(best[key][0], cpu), min(best[key][1], wall))
            result[key] = parts
    figures = {}
    for key, parts in result.items():
        body = b"".join(parts.values())
        figures[key] = {"cpu_ms": best[key][0] * 1000, "wall_ms": best[key][1] * 1000,
                        "bytes": len(body), "gzip": sum(len(gzip.compress(p)) for p in parts.values()),
                        "needs_bytes": len(parts.get("needs", b"")),
                        "needs_gzip": len(gzip.compress(parts["needs"])) if "needs" in parts else 0}
    return figures


def browser_figures(app, repeats):
    from playwright.sync_api import sync_playwright

    from tests.conftest import BROWSER_ARGS, CHROMIUM, serving

    figures = {"off": float("inf"), "on": float("inf")}
    with serving(app) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        for _ in range(repeats):
            for key, path, attribute in (("off", "/", "data-works-drawn"),
                                         ("on", "/?needs=1", "data-needs-drawn")):
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                page = context.new_page()
                page.add_init_script(DRAWN_TIMES)
                page.goto(base + path)
                page.wait_for_function(f"() => window.__drawn && '{attribute}' in window.__drawn"
                                       " && 'data-works-drawn' in window.__drawn", timeout=120_000)
                drawn = page.evaluate("window.__drawn")
                figures[key] = min(figures[key], max(drawn.values()))
                context.close()
        browser.close()
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=10_000)
    parser.add_argument("--needs", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    import geo
    from tests.conftest import make_app

    rows = []
    for needs_count in args.needs:
        with tempfile.TemporaryDirectory() as tmp:
            dataset = geo.load_dataset(city_with_needs(Path(tmp), args.works, needs_count), strict=False)
        app = make_app(dataset)
        server = server_figures(dataset, app.test_client(), args.repeats)
        browser = None if args.no_browser else browser_figures(app, args.repeats)
        placed = int(dataset.needs.geometry.notna().sum())
        print(json.dumps({"needs": needs_count, "placed": placed, "server": server, "browser": browser}, indent=2))
        rows.append((needs_count, placed, server, browser))

    if args.no_write:
        return
    lines = [f"| city map, {args.works:,} point works, 20 districts | needs | `/` (layer off) | "
             "`/?needs=1` (layer on) | extra for the needs |", "|---|---|---|---|---|"]
    for count, placed, server, browser in rows:
        off, on = server["off"], server["on"]
        label = f"{count:,} needs ({placed:,} with a point)"
        lines += [
            f"| server CPU time (best of {args.repeats}) | {label} | {off['cpu_ms']:,.0f} ms | "
            f"{on['cpu_ms']:,.0f} ms | +{on['cpu_ms'] - off['cpu_ms']:,.0f} ms |",
            f"| bytes (page + payloads) | {label} | {off['bytes']:,} | {on['bytes']:,} | "
            f"+{on['bytes'] - off['bytes']:,} (needs payload {on['needs_bytes']:,}) |",
            f"| the same gzipped | {label} | {off['gzip']:,} | {on['gzip']:,} | "
            f"+{on['gzip'] - off['gzip']:,} (needs payload {on['needs_gzip']:,}) |",
        ]
        if browser:
            lines.append(f"| Chromium: drawn after navigation (best of {args.repeats}) | {label} | "
                         f"{browser['off']:,.0f} ms | {browser['on']:,.0f} ms | "
                         f"+{browser['on'] - browser['off']:,.0f} ms |")
    lines += ["", "The layer is off by default: `/` names `/api/map/needs` but never fetches it, so "
              "the map without needs costs only the layer's few hundred bytes of options; switched on "
              "(`needs=1` or the layer switch) the browser fetches the needs once per selection "
              "(memoised per snapshot, served brotli/gzip with an ETag), only the needs with a place "
              "(the others are counted beside the map), and adds them to their clusters in chunks so "
              "the page stays responsive while 50,000 markers go in. Server time is the test "
              "client with the snapshot's memo emptied before each request (page, works payload above "
              "2,000 works, needs payload); browser time is `performance.now()` when works.js and "
              "needs.js mark the map drawn, tiles off, on the app's threaded dev server."]
    write_section("needs layer on the city map (issue 15)",
                  ("python bench/bench_needs_map.py " + " ".join(sys.argv[1:])).strip(), lines)


if __name__ == "__main__":
    main()
