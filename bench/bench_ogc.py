"""Benchmark of OGC API – Features items (issue 6) next to pygeoapi in the same run.

Both servers run as subprocesses on loopback ports with the same server
(Werkzeug's threaded WSGI server) and serve the same 100,000 synthetic works:
okraina from its Dataset, pygeoapi 0.21 from a GeoJSON file that okraina's
``/download/works.geojson`` wrote, with its GeoJSON provider. The client reads
pages of ``limit=1000`` at offsets spread over the collection, one at a time,
and reports items per second from the median page time. Target: >= 20x.

pygeoapi lives only in its own virtual environment, never in the project's::

    python -m venv /tmp/pygeoapi-venv && /tmp/pygeoapi-venv/bin/pip install "pygeoapi==0.21.*"
    python bench/bench_ogc.py [--works 100000] [--pygeoapi-venv /tmp/pygeoapi-venv]
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIMIT = 1000

PYGEOAPI_CONFIG = """
server:
  bind: {{host: 127.0.0.1, port: {port}}}
  url: http://127.0.0.1:{port}
  mimetype: application/json; charset=UTF-8
  encoding: utf-8
  languages: [en-US]
  limits: {{default_items: 100, max_items: 10000}}
  map: {{url: "https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png", attribution: OSM}}
logging: {{level: ERROR}}
metadata:
  identification: {{title: bench, description: bench, keywords: [bench], keywords_type: theme,
                   terms_of_service: "https://example.org", url: "https://example.org"}}
  license: {{name: CC0, url: "https://example.org"}}
  provider: {{name: bench, url: "https://example.org"}}
  contact: {{name: bench, position: bench, address: bench, city: bench, stateorprovince: bench,
            postalcode: "0", country: KZ, phone: "0", fax: "0", email: bench@example.org,
            url: "https://example.org", hours: bench, instructions: bench, role: pointOfContact}}
resources:
  works:
    type: collection
    title: Works
    description: Synthetic works
    keywords: [works]
    links: []
    extents:
      spatial: {{bbox: [82.45, 49.85, 82.80, 50.02],
                crs: "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}}
    providers:
      - type: feature
        name: GeoJSON
        data: {data}
        id_field: id
"""

SERVE_PYGEOAPI = """
import logging, sys
logging.getLogger("werkzeug").setLevel(logging.ERROR)
from werkzeug.serving import make_server
from pygeoapi.flask_app import APP
server = make_server("127.0.0.1", int(sys.argv[1]), APP, threaded=True)
print("ready", flush=True)
server.serve_forever()
"""


def serve_okraina(port, works):
    """Run okraina on a synthetic Dataset (the --serve child process)."""
    sys.path[:0] = [str(ROOT), str(HERE)]
    import logging

    from werkzeug.serving import make_server

    from synthetic_dataset import synthetic_dataset
    from web import create_app

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    dataset = synthetic_dataset(works)
    app = create_app({"TILES": "none", "DATASET_LOADER": lambda source, center=None: dataset})
    server = make_server("127.0.0.1", port, app, threaded=True)
    print("ready", flush=True)
    server.serve_forever()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command, env=None, timeout_s=600):
    process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, text=True)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.strip() == "ready":
            return process
        if process.poll() is not None:
            raise RuntimeError(f"{command[0]} exited with {process.returncode}")
    process.kill()
    raise RuntimeError(f"{command} did not start in {timeout_s} s")


def fetch(url):
    with urllib.request.urlopen(url, timeout=600) as response:
        return response.read()


def time_pages(items_url, offsets):
    """Seconds per page for each offset (after one warm-up request)."""
    fetch(f"{items_url}&offset=0")
    times = []
    for offset in offsets:
        started = time.perf_counter()
        body = fetch(f"{items_url}&offset={offset}")
        times.append(time.perf_counter() - started)
        assert len(json.loads(body)["features"]) == LIMIT, "a page came back short"
    return times


def same_page(ours_url, theirs_url, offset):
    ours = json.loads(fetch(f"{ours_url}&offset={offset}"))["features"]
    theirs = json.loads(fetch(f"{theirs_url}&offset={offset}"))["features"]
    return [f["id"] for f in ours] == [f["id"] for f in theirs] and \
        [f["geometry"] for f in ours] == [f["geometry"] for f in theirs]


def run(works, venv, our_pages, their_pages):
    ours_port, theirs_port = free_port(), free_port()
    ours = start([sys.executable, __file__, "--serve", str(ours_port), "--works", str(works)])
    processes = [ours]
    try:
        with tempfile.TemporaryDirectory(prefix="bench-ogc-") as folder:
            folder = Path(folder)
            base = f"http://127.0.0.1:{ours_port}"
            (folder / "works.geojson").write_bytes(fetch(f"{base}/download/works.geojson"))
            config = folder / "pygeoapi.yml"
            config.write_text(PYGEOAPI_CONFIG.format(port=theirs_port,
                                                     data=folder / "works.geojson"))
            env = {**os.environ, "PYGEOAPI_CONFIG": str(config),
                   "PYGEOAPI_OPENAPI": str(folder / "openapi.yml")}
            subprocess.run([str(venv / "bin" / "pygeoapi"), "openapi", "generate", str(config),
                            "--output-file", str(folder / "openapi.yml")], env=env, check=True,
                           stdout=subprocess.DEVNULL)
            theirs = start([str(venv / "bin" / "python"), "-c", SERVE_PYGEOAPI,
                            str(theirs_port)], env=env)
            processes.append(theirs)
            ours_url = f"{base}/ogc/collections/works/items?limit={LIMIT}&f=json"
            theirs_url = (f"http://127.0.0.1:{theirs_port}/collections/works/items"
                          f"?limit={LIMIT}&f=json")
            step = max(1, (works - LIMIT) // max(our_pages, their_pages))
            offsets = [i * step for i in range(max(our_pages, their_pages))]
            agree = same_page(ours_url, theirs_url, offsets[len(offsets) // 2])
            ours_times = time_pages(ours_url, offsets[:our_pages])
            theirs_times = time_pages(theirs_url, offsets[:: max(1, len(offsets) // their_pages)]
                                      [:their_pages])
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
    ours_s, theirs_s = statistics.median(ours_times), statistics.median(theirs_times)
    return {"works": works, "ours_page_s": ours_s, "theirs_page_s": theirs_s,
            "ours_items_per_s": LIMIT / ours_s, "theirs_items_per_s": LIMIT / theirs_s,
            "ratio": theirs_s / ours_s, "same_features": agree,
            "our_pages": len(ours_times), "their_pages": len(theirs_times)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--pygeoapi-venv", type=Path, default=Path("/tmp/pygeoapi-venv"))
    parser.add_argument("--our-pages", type=int, default=30)
    parser.add_argument("--their-pages", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve_okraina(args.serve, args.works)
    if not (args.pygeoapi_venv / "bin" / "pygeoapi").exists():
        sys.exit(f"no pygeoapi in {args.pygeoapi_venv}: see this script's docstring")
    result = run(args.works, args.pygeoapi_venv, args.our_pages, args.their_pages)
    print(f"{result['works']:,} works, pages of {LIMIT}: okraina {result['ours_page_s'] * 1000:.1f} "
          f"ms/page = {result['ours_items_per_s']:,.0f} items/s; pygeoapi "
          f"{result['theirs_page_s'] * 1000:.0f} ms/page = {result['theirs_items_per_s']:,.0f} "
          f"items/s; {result['ratio']:.0f}x; same features: {result['same_features']}")
    if not result["same_features"]:
        sys.exit("the two servers disagree on a page: the comparison is void")
    if not args.no_write:
        sys.path.insert(0, str(HERE))
        from report import write_section

        command = "python bench/bench_ogc.py " + " ".join(sys.argv[1:])
        write_section("OGC API – Features items (issue 6)", command.strip(), [
            "| benchmark | okraina | baseline (same run) | ratio | target |",
            "|---|---|---|---|---|",
            f"| `/ogc/collections/works/items?limit={LIMIT}` at {result['works']:,} works, "
            f"median of {result['our_pages']} / {result['their_pages']} pages | "
            f"{result['ours_page_s'] * 1000:.1f} ms/page, {result['ours_items_per_s']:,.0f} "
            f"items/s | pygeoapi 0.21, GeoJSON provider on the same works: "
            f"{result['theirs_page_s'] * 1000:.0f} ms/page, "
            f"{result['theirs_items_per_s']:,.0f} items/s | {result['ratio']:.0f}x | >= 20x |",
            "",
            "Both run in Werkzeug's threaded server as subprocesses on loopback; the client "
            "reads one page at a time, uncompressed. The pages compared hold the same ids and "
            "geometries. okraina serialises each work's Feature once per Dataset "
            "(`web/opendata/geojson.py`), so a page is a selection and a string join; pygeoapi's "
            "GeoJSON provider re-reads and parses the whole file on every request. The "
            "machine is shared with other jobs: compare the ratio, not the absolute times.",
        ])


if __name__ == "__main__":
    main()
