"""Benchmark of the city map page at 10,000 works against the naive Folium way.

Ours: the whole ``/`` page (filters, choropleth, list and totals) and the works as
one compact payload (inline, or from ``/api/map/works`` above ``MAP_INLINE_WORKS``)
served by the app's test client. Baseline in the same run: the
same districts and works drawn the way Folium's docs show, one ``folium.Marker``
with a ``folium.Popup`` (title, category, status, progress, year, funding,
district, link) per work in a ``MarkerCluster``, rendered with
``get_root().render()``. Targets: >= 50x faster and >= 20x smaller.

Run: ``python bench/bench_citymap.py [--works 10000] [--repeats 3]``; it prints
the figures and rewrites its section of docs/BENCHMARKS.md.
"""

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402
from report import write_section  # noqa: E402

DISTRICTS = 20


def write_city(folder, works_count):
    """A synthetic city as a data folder, read back through geo like the real data."""
    districts = synthetic.districts(DISTRICTS)
    districts["name_kk"] = districts["name_ru"]
    districts["name_en"] = [f"District {i}" for i in range(len(districts))]
    works = synthetic.point_works(works_count)
    works["progress"] = (works.index.to_numpy() * 7) % 101
    districts.to_file(folder / "districts.geojson")
    works.to_file(folder / "works.geojson")
    synthetic.funding_for(works).to_csv(folder / "funding.csv", index=False)
    pd.DataFrame(columns=["district_id", "year", "cycle", "date", "attendees", "summary_ru",
                          "summary_kk"]).to_csv(folder / "meetings.csv", index=False)
    (folder / "city.json").write_text(json.dumps({
        "name": {"ru": "Город", "kk": "Қала", "en": "City"}, "center": [82.6275, 49.9484],
        "metric_crs": "EPSG:32644", "extent": list(synthetic.EXTENT)}), encoding="utf-8")
    return folder


def timed(repeats, function, before=lambda: None):
    """``(best CPU seconds, best wall seconds, result)``: CPU time is what the server
    spends; wall time also counts waiting for the cores other processes hold."""
    cpu = wall = float("inf")
    for _ in range(repeats):
        before()
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        result = function()
        cpu = min(cpu, time.process_time() - start_cpu)
        wall = min(wall, time.perf_counter() - start_wall)
    return cpu, wall, result


def ours(client):
    """The page and, above ``MAP_INLINE_WORKS``, the works payload it names: what a
    reader's browser downloads before it can draw the works."""
    response = client.get("/")
    assert response.status_code == 200, response.status_code
    page = response.get_data()
    src = re.search(rb'"src":"([^"]+)"', page)
    if src is None:
        return page
    payload = client.get(json.loads(b'"' + src.group(1) + b'"'), headers={"Accept-Encoding": "identity"})
    assert payload.status_code == 200, payload.status_code
    return page + payload.get_data()


def naive(dataset):
    """One folium.Marker with a folium.Popup per work: what the Folium docs show."""
    import folium
    from folium.plugins import MarkerCluster
    from markupsafe import escape

    from geo import vocab
    from geo.stats import district_totals

    districts = dataset.districts
    m = folium.Map(location=dataset.center[::-1], zoom_start=11, tiles=None, max_zoom=19)
    table = district_totals(dataset)
    folium.Choropleth(districts.reset_index(drop=True), data=table["funding_kzt"].reset_index(),
                      columns=["index", "funding_kzt"], key_on="feature.properties.id",
                      name="districts").add_to(m)
    cluster = MarkerCluster(name="works").add_to(m)
    names = districts["name_ru"]
    for work in dataset.works.itertuples():
        html = (f"<b>{escape(work.title_ru)}</b><br>Категория: {vocab.label(vocab.CATEGORIES, work.category)}"
                f"<br>Статус: {vocab.label(vocab.STATUSES, work.status)}<br>Готовность: {work.progress}%"
                f"<br>Год: {work.year}<br>Финансирование: {work.funding_kzt:,} ₸"
                f"<br>Район: {escape(names.get(work.district_id, ''))}"
                f"<br><a href='/works/{work.id}'>Подробнее</a>")
        folium.Marker((work.geometry.y, work.geometry.x), popup=folium.Popup(html, max_width=300),
                      icon=folium.Icon(color="green")).add_to(cluster)
    folium.LayerControl().add_to(m)
    return m.get_root().render().encode("utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    import geo
    from tests.conftest import make_app

    with tempfile.TemporaryDirectory() as tmp:
        dataset = geo.load_dataset(write_city(Path(tmp), args.works))
    client = make_app(dataset).test_client()
    ours(client)  # warm up: templates, catalogues, imports
    # Each timed request starts with the snapshot's memo of figures emptied, as after a reload.
    ours_s, ours_wall, ours_html = timed(args.repeats, lambda: ours(client),
                                         before=lambda: dataset._memo["items"].clear())
    naive_s, naive_wall, naive_html = timed(1, lambda: naive(dataset))
    figures = {
        "works": args.works, "ours_ms": ours_s * 1000, "naive_ms": naive_s * 1000,
        "ours_wall_ms": ours_wall * 1000, "naive_wall_ms": naive_wall * 1000,
        "ours_bytes": len(ours_html), "naive_bytes": len(naive_html),
        "ours_gzip": len(gzip.compress(ours_html)), "naive_gzip": len(gzip.compress(naive_html)),
    }
    figures["speedup"] = naive_s / ours_s
    figures["smaller"] = len(naive_html) / len(ours_html)
    print(json.dumps(figures, indent=2))
    if not args.no_write:
        write_section("city map page (issue 3)", "python bench/bench_citymap.py", [
            "| page for 10,000 point works, 20 districts | ours: `/` | naive Folium (same run) | ratio | target |",
            "|---|---|---|---|---|",
            f"| server CPU time (ours best of {args.repeats}) | {figures['ours_ms']:,.0f} ms | "
            f"{figures['naive_ms']:,.0f} ms | {figures['speedup']:.0f}x faster | >= 50x |",
            f"| wall time (shared machine) | {figures['ours_wall_ms']:,.0f} ms | "
            f"{figures['naive_wall_ms']:,.0f} ms | {naive_wall / ours_wall:.0f}x faster | |",
            f"| bytes (HTML + works payload) | {figures['ours_bytes']:,} | {figures['naive_bytes']:,} | "
            f"{figures['smaller']:.0f}x smaller | >= 20x |",
            f"| the same gzipped | {figures['ours_gzip']:,} | {figures['naive_gzip']:,} | "
            f"{figures['naive_gzip'] / figures['ours_gzip']:.0f}x smaller | |",
            "",
            "Ours is the whole page (filters, choropleth, the first 100 works listed, totals) "
            "plus the works as one compact payload for `web/static/works.js` (above 2,000 works "
            "fetched from `/api/map/works`; both counted, uncompressed) through the app; "
            "figures memoised on the Dataset (rendered map, payload) are cleared before each timed request; "
            "the naive page is one `folium.Marker` + `folium.Popup` per work in a "
            "`MarkerCluster` with a `folium.Choropleth`, rendered by `get_root().render()`.",
        ])


if __name__ == "__main__":
    main()
