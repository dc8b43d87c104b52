"""A worker that serves maps, lists and the API never loads the planner's or the PNG's libraries.

SciPy and scikit-learn (under PySAL), Matplotlib and GDAL are ~180 MiB of a worker's
resident memory (docs/SCALING.md): they are loaded by the routes that need them, on
first use. Each check runs in a fresh interpreter, since this test process has
imported everything already.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("scipy", "sklearn", "matplotlib", "mapclassify", "libpysal", "esda", "pyogrio")

SCRIPT = """
import json, sys
from web import create_app
from web.ops.warm import warm
app = create_app({"TILES": "none", "DATA_DIR": sys.argv[1]})
client = app.test_client()
from web.snapshot import get_holder
dataset = get_holder(app).dataset
district = dataset.districts.index[0]
work = dataset.works.index[0]
routes = json.loads(sys.argv[2])
codes = {}
for route in routes:
    route = route.format(district=district, work=work)
    codes[route] = client.get(route).status_code
# Warming a new snapshot (what a reload does) keeps a map worker light as well.
warm(dataset)
print(json.dumps({"codes": codes, "loaded": sorted(m for m in sys.modules if "." not in m)}))
"""

MAP_ROUTES = ["/", "/?metric=works", "/api/map/works", "/api/works", "/api/works/{work}",
              "/api/near?lat=49.95&lon=82.62", "/near?lat=49.95&lon=82.62",
              "/districts/{district}", "/works/{work}", "/embed/map", "/embed/map?metric=funding",
              "/healthz", "/ogc/collections/works/items?limit=5", "/api/districts",
              "/districts/{district}/feed.atom", "/near/feed.atom?lat=49.95&lon=82.62",
              "/districts/{district}/meetings.ics", "/oembed?url=http%3A%2F%2Flocalhost%2F",
              "/download", "/download/works.geojson", "/download/districts.csv",
              "/download/funding.csv"]


def run(routes, folder):
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(folder), json.dumps(routes)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_map_and_api_routes_load_no_heavy_library(tiny_folder):
    got = run(MAP_ROUTES, tiny_folder)
    assert set(got["codes"].values()) == {200}, got["codes"]
    # pyogrio reads the data folder itself; the others must stay out.
    assert set(got["loaded"]) & set(HEAVY) - {"pyogrio"} == set()


def test_the_planner_and_the_png_load_theirs_on_first_use(tiny_folder):
    got = run(["/planner", "/api/stats", "/embed/map.png"], tiny_folder)
    assert set(got["codes"].values()) == {200}, got["codes"]
    assert {"libpysal", "scipy", "matplotlib"} <= set(got["loaded"])
    assert "mapclassify" not in got["loaded"]  # classes come from jenkspy (geo.classify)


def test_a_worker_that_served_the_planner_warms_its_report(tiny_dataset, monkeypatch):
    import web.ops.warm

    computed = []
    monkeypatch.setattr(web.ops.warm, "planner_report", lambda dataset: computed.append(dataset))
    monkeypatch.delitem(sys.modules, web.ops.warm.PLANNER_LIBRARY, raising=False)
    web.ops.warm.warm(tiny_dataset)
    assert computed == []
    monkeypatch.setitem(sys.modules, web.ops.warm.PLANNER_LIBRARY, object())
    web.ops.warm.warm(tiny_dataset)
    assert computed == [tiny_dataset]


def test_a_worker_serving_a_geopackage_never_loads_gdal(tiny_folder, tmp_path):
    """A GeoPackage is read with SQLite (``geo.stores.geopackage.read_layer``): GDAL,
    ~30 MiB of a worker, is loaded only by ``okraina import``."""
    from geo.stores.importing import validate_folder, write_store

    target = tmp_path / "city.gpkg"
    write_store(validate_folder(tiny_folder), target)
    got = run(MAP_ROUTES, target)
    assert set(got["codes"].values()) == {200}, got["codes"]
    assert set(got["loaded"]) & set(HEAVY) == set()
