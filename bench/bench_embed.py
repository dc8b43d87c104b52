"""The embed's weight and speed: bytes before tiles and time to a first drawn map.

For the shipped sample and for 10,000 synthetic works, opens ``/embed/map`` in
headless Chromium (tiles off), sums the gzip bodies of the HTML and every asset
it loaded as the app serves them, and times the first drawn district (median of
five cold loads). Baseline in the same run: Folium's default page for the same map
(``folium.Map`` with its CDN assets, the same districts layer, works as a plain
``folium.GeoJson``); CDN files are counted by
their real size where a local copy exists (Leaflet from XStatic, jQuery 3.6.1 from
Debian as a stand-in for Folium's 3.7.1) and listed as not fetchable otherwise.

    python bench/bench_embed.py
"""

import gzip
import statistics
import sys
import threading
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import xstatic.pkg.leaflet  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402
from werkzeug.wrappers import Request, Response  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
RUNS = 5
QUERY = "year=2023&lang=ru"
LOCAL_COPIES = {  # CDN URL ending -> a local copy of the same (or nearly the same) file
    "leaflet.js": Path(xstatic.pkg.leaflet.BASE_DIR) / "leaflet.js",
    "leaflet.css": Path(xstatic.pkg.leaflet.BASE_DIR) / "leaflet.css",
    "jquery-3.7.1.min.js": Path("/usr/share/javascript/jquery/jquery.min.js"),
}
# Chromium marks when the first district path is added, before any script runs.
FIRST_DRAW = """new MutationObserver(function (_, observer) {
    if (document.querySelector('path.leaflet-interactive')) {
        window.firstDraw = performance.now(); observer.disconnect();
    }}).observe(document, {childList: true, subtree: true});
new MutationObserver(function (_, observer) {
    if (document.querySelector('[data-works-drawn]')) {
        window.worksDrawn = performance.now(); observer.disconnect();
    }}).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-works-drawn']});"""


def serve(wsgi):
    server = make_server("127.0.0.1", 0, wsgi, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def gzip_size(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        body = response.read()
        encoded = response.headers.get("Content-Encoding") == "gzip"
    return len(body) if encoded else len(gzip.compress(body, 6))


def load(browser, url, route=None, works=False):
    """``(ms to first drawn district, ms to works drawn or None, [urls loaded])`` of one
    cold load; with ``works`` it waits until works.js has drawn the works (fetched or not)."""
    context = browser.new_context(viewport={"width": 640, "height": 480})
    if route:
        context.route("**/*", route)
    page = context.new_page()
    page.add_init_script(FIRST_DRAW)
    loaded = []
    page.on("requestfinished", lambda r: loaded.append(r.url))
    page.goto(url, wait_until="load")
    page.wait_for_function("() => window.firstDraw !== undefined", timeout=30_000)
    if works:
        page.wait_for_function("() => window.worksDrawn !== undefined", timeout=60_000)
    ms, works_ms = page.evaluate("[window.firstDraw, window.worksDrawn]")
    context.close()
    return ms, works_ms, loaded


def measure_embed(browser, dataset):
    from web import create_app

    app = create_app({"TILES": "none", "DATASET_LOADER": lambda source, center=None: dataset})
    server, base = serve(app)
    try:
        url = f"{base}/embed/map?{QUERY}"
        times, works_times, loaded = zip(*(load(browser, url, works=True) for _ in range(RUNS)))
        sizes = {u: gzip_size(u) for u in loaded[0] if u.startswith(base)}
    finally:
        server.shutdown()
    return statistics.median(times), statistics.median(works_times), sum(sizes.values()), len(sizes)


def folium_default_page(dataset):
    """Folium's default page (CDN assets): the embed's districts layer, works as a plain GeoJson."""
    import folium

    from geo.select import select_works
    from web.embed.params import EmbedParams
    from web.maps.choropleth import shade_districts
    from web.maps.districts_layer import district_layer
    from web.labels import name_column
    from web.params import parse_filters

    params = EmbedParams(parse_filters({"year": "2023"}))
    shading = shade_districts(dataset, params.selection, params.metric)
    districts = dataset.districts
    minlon, minlat, maxlon, maxlat = districts.total_bounds
    m = folium.Map(location=(dataset.center[1], dataset.center[0]), tiles=None)
    m.fit_bounds([(minlat, minlon), (maxlat, maxlon)])
    district_layer(districts, shading, name_column(districts, "name", "ru"), name="districts",
                   value_label="value").add_to(m)
    works = select_works(dataset, params.selection)
    works = works.assign(title=name_column(works, "title", "ru"))[["title", "status", "geometry"]]
    folium.GeoJson(works[works.geometry.notna()].to_json(), name="works",
                   tooltip=folium.GeoJsonTooltip(fields=["title", "status"])).add_to(m)
    return m.get_root().render()


def cdn_route(route):
    url = route.request.url
    if url.startswith("http://127.0.0.1"):
        return route.continue_()
    local = next((p for end, p in LOCAL_COPIES.items() if url.endswith(end)), None)
    if local is None:
        return route.abort()
    kind = "text/css" if url.endswith(".css") else "text/javascript"
    return route.fulfill(body=local.read_bytes(), content_type=kind)


def measure_folium(browser, dataset):
    import re

    html = folium_default_page(dataset)

    @Request.application
    def app(request):
        return Response(html, mimetype="text/html")

    server, base = serve(app)
    try:
        times = [load(browser, f"{base}/", cdn_route)[0] for _ in range(RUNS)]
    finally:
        server.shutdown()
    cdn = re.findall(r'(?:src|href)="(https://[^"]+)"', html)
    counted = {u: len(gzip.compress(p.read_bytes(), 6)) for u in cdn
               for end, p in LOCAL_COPIES.items() if u.endswith(end)}
    missing = [u for u in cdn if u not in counted]
    return statistics.median(times), len(gzip.compress(html.encode(), 6)) + sum(counted.values()), \
        len(counted) + 1, missing


def main():
    import geo
    from playwright.sync_api import sync_playwright
    from report import write_section
    from synthetic_dataset import synthetic_dataset

    datasets = {"sample (31 works in 2023)": geo.load_dataset(ROOT / "shapefiles"),
                "10,000 synthetic works (~3,300 in 2023)": synthetic_dataset(10_000, 40)}
    lines = ["| data | page | bytes before tiles (gzip) | time to first drawn map (median of 5) | works drawn | target |",
             "|---|---|---|---|---|---|"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, dataset in datasets.items():
            ms, works_ms, size, files = measure_embed(browser, dataset)
            target = "< 150 KiB, < 1 s" if name.startswith("sample") else "—"
            lines.append(f"| {name} | `/embed/map?{QUERY}` | {size / 1024:.1f} KiB in {files} files "
                         f"| {ms:.0f} ms | {works_ms:.0f} ms | {target} |")
            print(lines[-1], flush=True)
            ms, size, files, missing = measure_folium(browser, dataset)
            lines.append(f"| {name} | Folium default page, same districts, works as GeoJson | ≥ {size / 1024:.1f} KiB in "
                         f"{files} files + {len(missing)} CDN files not fetchable offline | "
                         f"≥ {ms:.0f} ms (CDN Leaflet/jQuery served locally, the rest blocked) | (in the first draw) | baseline |")
            print(lines[-1], flush=True)
        browser.close()
    lines += ["", "Bytes are response bodies as the app serves them with `Accept-Encoding: gzip` "
              "(headers not counted); the Folium page is gzipped at level 6 for comparison. "
              "Not fetchable offline and not counted: " + ", ".join(
                  sorted({u.rsplit('/', 1)[1] for u in missing})) + ".",
              "Time is `performance.now()` when the first district path enters the DOM (works drawn: "
              "when works.js has put every work in the clusters; above 2,000 works it first fetches them "
              "from `/api/map/works`, which is counted in the bytes), cold browser "
              "cache, tiles off, 640x480 viewport. The embed's time includes the app rendering the "
              "page per request on werkzeug's threaded server (about 115 ms warm for the sample); the "
              "Folium page is a pre-rendered static file whose Leaflet is handed over by Playwright "
              "without a network, so its time is a lower bound that no real CDN load would reach."]
    write_section("embed (issue 5)", "python bench/bench_embed.py", lines)


if __name__ == "__main__":
    main()
