"""Benchmark of the city map at 10,000, 100,000 and 250,000 works in Chromium (issue 18).

A big city's map is served per view (``/api/map/tiles``, ``web/static/tiles.js``): the
first view and every pan or zoom should cost what is in view, not what is in the city.
For each size the same synthetic city (bench/synthetic.py, point works spread over 20
districts) is served by ``okraina serve --workers 2`` (gunicorn, as in production, map
tiles off) and opened in Debian's Chromium at 1280x800 and 360x740, each time in a
fresh browser context (empty cache), once both workers have loaded (``/healthz``
answers with the first: at 250,000 works the second one's load fell into the first
views), after one unmeasured warm-up view per size.

Measured per view (median of ``--repeats``):
- settled: the time from navigation until the works are drawn, the network is idle
  and no long task (> 50 ms) is left: the last of those three moments;
- bytes on the wire: the encoded size of the page and of everything it fetched
  (Resource Timing ``transferSize``, all same-origin);
- JS heap: V8's used heap after settling (CDP ``Runtime.getHeapUsage``);
- pan and zoom: ``map.panBy`` half a screen, ``setZoom(+1)`` and ``setZoom(-1)`` without
  animation, each timed until the layer reports its view drawn (``okraina:drawn``).

Baseline in the same run: the 10,000-work city (target: 250,000 within 1.3x of it);
targets: settled <= 1 s at 100k and 250k, <= 300 KiB on the wire for the first view,
pan/zoom <= 300 ms at 250k. Before this change (works.js clustering every work in the
browser) the issue measured 0.86 s at 10k and 3.4 s at 100k.

Run: ``python bench/bench_bigmap.py [--works 10000 100000 250000] [--repeats 3]``; it
prints the figures and rewrites its section of docs/BENCHMARKS.md.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_citymap import write_city  # noqa: E402
from load_http import wait_until_workers_idle  # noqa: E402
from report import write_section  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
VIEWPORTS = ((1280, 800), (360, 740))
# Long tasks and the moment the works are drawn, recorded from before any page script.
OBSERVE = """
window.__bench = {longTaskEnd: 0, drawn: null, moves: []};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__bench.longTaskEnd = Math.max(window.__bench.longTaskEnd, entry.startTime + entry.duration);
  }
}).observe({type: "longtask", buffered: true});
new MutationObserver(() => {
  const map = document.querySelector(".leaflet-container[data-works-drawn]");
  if (map && window.__bench.drawn === null) { window.__bench.drawn = performance.now(); }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-works-drawn"]});
"""
SETTLED = """() => {
  const b = window.__bench;
  const resources = performance.getEntriesByType("resource");
  const nav = performance.getEntriesByType("navigation")[0];
  const lastNetwork = Math.max(nav.responseEnd, ...resources.map(r => r.responseEnd));
  const bytes = nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0);
  const tiles = resources.filter(r => r.name.includes("/api/map/tiles/")).length;
  return {drawn: b.drawn, longTaskEnd: b.longTaskEnd, lastNetwork: lastNetwork, bytes: bytes, tiles: tiles,
          settled: Math.max(b.drawn, b.longTaskEnd, lastNetwork)};
}"""
MOVE = """async (kind) => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const start = performance.now();
  const drawn = new Promise(resolve => map.once("okraina:drawn", resolve));
  if (kind === "pan") { map.panBy([map.getSize().x / 2, 0], {animate: false}); }
  else { map.setZoom(map.getZoom() + (kind === "zoom in" ? 1 : -1), {animate: false}); }
  await drawn;
  await new Promise(resolve => requestAnimationFrame(() => resolve()));
  return performance.now() - start;
}"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(folder):
    port = free_port()
    env = {**os.environ, "OKRAINA_TILES": "none", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", "from web.ops.cli import main; main()", "serve", "--data", str(folder),
                                "--port", str(port), "--workers", "2"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 600
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=5)
        except OSError:
            time.sleep(1)
            continue
        # Both workers loaded: the second one's load otherwise fell into the first views.
        wait_until_workers_idle(process.pid, 2)
        return process, url
    process.kill()
    raise RuntimeError("okraina serve did not start")


def measure(browser, url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.add_init_script(OBSERVE)
        cdp = context.new_cdp_session(page)
        page.goto(url + "/?lang=ru", wait_until="load")
        page.wait_for_selector(".leaflet-container[data-works-drawn]", state="attached", timeout=120_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        figures = page.evaluate(SETTLED)
        figures["heap"] = cdp.send("Runtime.getHeapUsage")["usedSize"]
        figures["drawn_works"] = int(page.get_attribute(".leaflet-container", "data-works-drawn"))
        figures["moves"] = {kind: page.evaluate(MOVE, kind) for kind in ("pan", "zoom in", "zoom out")}
        return figures
    finally:
        context.close()


def run(sizes, repeats):
    from playwright.sync_api import sync_playwright

    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        for size in sizes:
            folder = Path(tmp) / f"city{size}"
            folder.mkdir()
            write_city(folder, size)
            process, url = serve(folder)
            try:
                for width, height in VIEWPORTS:
                    measure(browser, url, width, height)  # warm-up: the server builds its caches
                    runs = [measure(browser, url, width, height) for _ in range(repeats)]
                    results[(size, width)] = {
                        "settled": statistics.median(r["settled"] for r in runs),
                        "bytes": statistics.median(r["bytes"] for r in runs),
                        "heap": statistics.median(r["heap"] for r in runs),
                        "tiles": runs[0]["tiles"], "drawn_works": runs[0]["drawn_works"],
                        "moves": {kind: statistics.median(r["moves"][kind] for r in runs)
                                  for kind in runs[0]["moves"]},
                        # The first repeat's moves asked the server for tiles it had not built yet.
                        "cold": runs[0]["moves"]}
                    print(size, f"{width}px", results[(size, width)], flush=True)
            finally:
                process.terminate()
                process.wait(timeout=30)
        browser.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--works", type=int, nargs="+", default=[10_000, 100_000, 250_000])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    results = run(args.works, args.repeats)
    base = min(args.works)
    lines = ["| works | viewport | settled | x the 10k view | on the wire | JS heap | tiles | pan / zoom in / zoom out "
             "(median) | the same, tiles not yet built |",
             "|---|---|---|---|---|---|---|---|---|"]
    for (size, width), r in sorted(results.items()):
        height = dict(VIEWPORTS)[width]
        ratio = r["settled"] / results[(base, width)]["settled"]
        moves = " / ".join(f"{r['moves'][k]:.0f}" for k in ("pan", "zoom in", "zoom out"))
        cold = " / ".join(f"{r['cold'][k]:.0f}" for k in ("pan", "zoom in", "zoom out"))
        lines.append(f"| {size:,} | {width}x{height} | {r['settled']:.0f} ms | {ratio:.2f} | "
                     f"{r['bytes'] / 1024:.0f} KiB | {r['heap'] / 2**20:.1f} MiB | {r['tiles']} | {moves} ms | {cold} ms |")
    lines += ["", "Median of the repeats, each in a fresh browser context (empty cache), after one warm-up view "
              "per size and viewport; `okraina serve --workers 2` (gunicorn; measured once both workers have "
              "loaded and warmed their Dataset, `/healthz` answering with the first) and Chromium on the same 2 cores, "
              "tiles off. Settled = the last of: works drawn, network idle, end of the last long task. "
              "Targets: <= 1 s at 100k and 250k, 250k within 1.3x of 10k, <= 300 KiB, pan/zoom <= 300 ms. "
              "Before the tiles (works.js clustering every work): 0.86 s at 10k, 3.4 s and 1.3 MB at 100k, "
              "230 MB of JS heap (issue 18)."]
    print("\n".join(lines))
    write_section("City map at 10k-250k works in Chromium (issue 18)",
                  "python bench/bench_bigmap.py --works " + " ".join(map(str, args.works))
                  + f" --repeats {args.repeats}", lines)


if __name__ == "__main__":
    main()
