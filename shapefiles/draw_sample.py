"""Draw okraina's ILLUSTRATIVE sample data set into this folder.

    python shapefiles/draw_sample.py

Deterministic: fixed seeds, no network, no input files. The district outlines are
our own sketch (Voronoi cells of hand-picked seed points, cut by a hand-drawn
outline of the city proper or by a small hand-drawn shape around each settlement);
the works, money, meetings and residents' needs are invented to look like the
real programme (2023: 31 works, just under 700 million tenge). See README.md.
"""

import csv
import json
import sys
from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, MultiPoint, Point, Polygon

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import sample_tables as T  # noqa: E402
from sample_meetings import meeting_summary  # noqa: E402
from sample_needs import list_needs  # noqa: E402

SEED = 20230131
NEEDS_SEED = 20220215  # needs draw from their own stream: the other files stay as they were
METRIC_CRS = "EPSG:32644"
CITY = {
    "name": {"ru": "Усть-Каменогорск", "kk": "Өскемен", "en": "Ust-Kamenogorsk"},
    "center": [82.6275, 49.9484],
    "metric_crs": METRIC_CRS,
    "extent": [82.2, 49.6, 83.2, 50.2],
    "timezone": "Asia/Almaty",
    "data_as_of": T.AS_OF,
}
POINT_MARGIN_M = 80  # works stay well inside their district, never on a border
LINE_MARGIN_M = 40
LINE_LENGTH_M = {"roads": (600, 1600), "lighting": (400, 1100), "water": (700, 2000),
                 "sewerage": (600, 1600), "heating": (500, 1300), "gas": (600, 1500),
                 "other": (700, 1200)}
DURATION_DAYS = {"roads": (30, 110), "lighting": (14, 45), "water": (60, 170), "sewerage": (90, 220),
                 "heating": (45, 120), "gas": (80, 190), "landscaping": (30, 90), "playground": (14, 40),
                 "sports": (21, 60), "transport": (14, 50), "social": (300, 520), "other": (20, 90)}
MEETING_WINDOWS = {1: ((2, 1), (3, 31)), 2: ((4, 1), (5, 31)), 3: ((10, 1), (12, 15))}
SHP_OPTIONS = {"ENCODING": "UTF-8", "DBF_DATE_LAST_UPDATE": T.AS_OF}


def main(folder=HERE):
    folder = Path(folder)
    rng = np.random.default_rng(SEED)
    districts = draw_districts(rng)
    works = draw_works(districts, rng)
    funding = list_funding(works, rng)
    meetings, listed = list_meetings(works, rng)
    needs = draw_needs(districts, works, meetings, listed)
    write_shapefile(districts.to_crs(4326), folder / "districts.shp")
    points = works[works.geom_type == "Point"]
    write_shapefile(points.drop(columns="district").to_crs(4326), folder / "works_points.shp")
    write_shapefile(works.drop(index=points.index, columns="district").to_crs(4326), folder / "works_lines.shp")
    write_csv(folder / "funding.csv", funding)
    write_csv(folder / "meetings.csv", meetings)
    write_csv(folder / "needs.csv", needs)
    (folder / "city.json").write_text(json.dumps(CITY, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(districts)} districts, {len(works)} works, {len(funding)} funding records, "
          f"{len(meetings)} meetings, {len(needs)} needs into {folder}")


# ---- districts -------------------------------------------------------------

def draw_districts(rng):
    """Districts in the metric CRS. A settlement is a hand-drawn blob around its
    place, cut by its Voronoi cell among all seeds so that near villages do not
    overlap; a central district is its Voronoi cell among the central seeds, cut by
    the city outline, less the settlements that reach into the outline."""
    seeds = gpd.GeoSeries([Point(d[6], d[7]) for d in T.DISTRICTS], crs=4326).to_crs(METRIC_CRS)
    outline = gpd.GeoSeries([Polygon(T.CITY_OUTLINE)], crs=4326).to_crs(METRIC_CRS).iloc[0]
    central = [d[8] is None for d in T.DISTRICTS]
    all_cells = _voronoi(list(seeds), outline)
    central_cells = iter(_voronoi([p for p, c in zip(seeds, central) if c], outline))
    shapes = {}
    for row, seed, cell, is_central in zip(T.DISTRICTS, seeds, all_cells, central):
        if not is_central:
            shapes[row[0]] = cell.intersection(_blob(seed, row[8], rng))
    villages = shapely.union_all(list(shapes.values()))
    for row, is_central in zip(T.DISTRICTS, central):
        if is_central:
            shapes[row[0]] = next(central_cells).intersection(outline).difference(villages)
    rows = [dict(zip(("id", "name_ru", "name_kk", "name_en", "kind", "population"), row[:6]),
                 geometry=_largest_parts(shapes[row[0]])) for row in T.DISTRICTS]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=METRIC_CRS)


def _voronoi(points, outline):
    """Voronoi cells of ``points``, in the same order."""
    cells = shapely.voronoi_polygons(MultiPoint(points), extend_to=outline.buffer(40_000), ordered=True)
    cells = list(cells.geoms)
    if not all(cell.contains(point) for cell, point in zip(cells, points)):
        raise RuntimeError("Voronoi cells are not in the order of their seeds")
    return cells


def _blob(center, radius_m, rng, vertices=9):
    """A rough village shape: a jittered polygon of ``vertices`` around ``center``."""
    step = 2 * np.pi / vertices
    angles = np.arange(vertices) * step + rng.uniform(-0.25, 0.25, vertices) * step
    radii = radius_m * rng.uniform(0.75, 1.2, vertices)
    return Polygon(zip(center.x + radii * np.cos(angles), center.y + radii * np.sin(angles)))


def _largest_parts(geom, share=0.05):
    """Drop slivers: keep the polygon parts at least ``share`` of the largest one."""
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon"]
    biggest = max(p.area for p in parts)
    kept = [p for p in parts if p.area >= share * biggest]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)


# ---- works -------------------------------------------------------------------

def draw_works(districts, rng):
    """All works of ``T.WORKS`` with their titles, dates and geometry (metric CRS)."""
    shapes = dict(zip(districts["id"], districts.geometry))
    kinds = dict(zip(districts["id"], districts["kind"]))
    names = dict(zip(districts["id"], districts["name_ru"]))
    street_turn = {district: turn for turn, district in enumerate(shapes)}  # vary the first street
    rows = []
    for year, works in T.WORKS.items():
        for number, (district, category, shape, status, _funds, template) in enumerate(works, start=1):
            street = _streets(district)[street_turn[district] % len(_streets(district))]
            street_turn[district] += 1
            kind, _, neighbour = shape.partition(">")
            if kind == "pt":
                geometry = _point_inside(shapes[district], rng)
            elif neighbour:
                geometry = _crossing_line(shapes[district], shapes[neighbour], rng)
            else:
                geometry = _line_inside(shapes[district], LINE_LENGTH_M[category], rng)
            place = f"с. {names[district]}, " if kinds[district] == "settlement" else ""
            ru, kk, en = T.TITLES[(category, kind)][template]
            s, sk, se = _street_names(street)
            start, finish, progress = _schedule(year, category, status, rng)
            rows.append({
                "id": f"w{year}-{number:02d}", "title_ru": ru.format(s=s), "title_kk": kk.format(sk=sk),
                "title_en": en.format(se=se), "category": category, "status": status, "year": year,
                "progress": progress, "start": start, "finish": finish,
                "address": place + _address(s, kind, rng), "district": district, "geometry": geometry,
            })
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=METRIC_CRS)


def _streets(district):
    return T.STREETS.get(district, T.VILLAGE_STREETS)


def _street_names(street):
    """Russian name, Kazakh locative and English name of a street."""
    kind, ru, kk, en = street
    avenue = kind == "пр."
    return (f"{kind} {ru}", f"{kk} {'даңғылындағы' if avenue else 'көшесіндегі'}",
            f"{en} {'Ave' if avenue else 'St'}")


def _address(street, kind, rng):
    first = int(rng.integers(1, 60))
    if kind == "pt":
        return f"{street}, {first}"
    return f"{street}, от д. {first} до д. {first + int(rng.integers(20, 90))}"


def _point_inside(polygon, rng):
    inner = polygon.buffer(-POINT_MARGIN_M)
    minx, miny, maxx, maxy = inner.bounds
    while True:
        point = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if inner.contains(point):
            return point


def _line_inside(polygon, length_range_m, rng):
    """A street-like polyline of 2-4 segments that stays inside ``polygon``."""
    inner = polygon.buffer(-LINE_MARGIN_M)
    length_m = min(rng.uniform(*length_range_m), 1.5 * inner.area ** 0.5)
    for attempt in range(2000):
        if attempt and attempt % 200 == 0:
            length_m *= 0.8
        segments = int(rng.integers(2, 5))
        heading = rng.uniform(0, 2 * np.pi)
        points = [_point_inside(polygon, rng)]
        for _ in range(segments):
            heading += rng.uniform(-0.6, 0.6)
            last = points[-1]
            points.append(Point(last.x + np.cos(heading) * length_m / segments,
                                last.y + np.sin(heading) * length_m / segments))
        line = LineString(points)
        if inner.contains(line):
            return line
    raise RuntimeError("could not fit a line inside a district")


def _crossing_line(polygon, neighbour, rng, reach_m=700):
    """A straight line from inside ``polygon`` across the shared border into ``neighbour``."""
    border = polygon.boundary.intersection(neighbour.boundary)
    if border.length < 200:
        raise RuntimeError("these districts share no border to cross")
    both = polygon.union(neighbour).buffer(-LINE_MARGIN_M)
    for _ in range(2000):
        middle = border.interpolate(rng.uniform(0.2, 0.8), normalized=True)
        ends = [_point_inside(shape.intersection(middle.buffer(reach_m)), rng) for shape in (polygon, neighbour)]
        line = LineString(ends)
        if both.contains(line) and min(line.intersection(s).length for s in (polygon, neighbour)) > 150:
            return line
    raise RuntimeError("could not draw a line across the border")


def _schedule(year, category, status, rng):
    """``(start, finish, progress)`` consistent with the status on ``T.AS_OF``."""
    as_of = date.fromisoformat(T.AS_OF)
    start = date(year, 4, 1) + timedelta(days=int(rng.integers(0, 120)))
    days = int(rng.integers(*DURATION_DAYS[category]))
    if status == "done":
        finish = min(start + timedelta(days=days), as_of - timedelta(days=10))
        return start.isoformat(), finish.isoformat(), 100
    if status == "in_progress":
        low, high = (55, 90) if year < as_of.year else (15, 70)
        return start.isoformat(), "", int(rng.integers(low, high))
    if status == "planned":
        return date(year + 1, 4, 15).isoformat(), "", 0
    return "", "", 0


# ---- funding and meetings ---------------------------------------------------

def list_funding(works, rng):
    """One record per (work, source); ``year`` is the work's programme year."""
    records = []
    by_id = works.set_index("id")
    for year, rows in T.WORKS.items():
        number = 0
        for index, (_, _, _, status, funds, _) in enumerate(rows, start=1):
            work_id = f"w{year}-{index:02d}"
            for order, (source, amount_kzt) in enumerate(funds):
                number += 1
                approved = date(year, 1, 20) + timedelta(days=int(rng.integers(0, 60)) + 45 * order)
                records.append({
                    "record_id": f"f{year}-{number:03d}", "work_id": work_id, "year": year,
                    "amount_kzt": amount_kzt, "source": source, "approved": approved.isoformat(),
                    "note": _note(source, by_id.at[work_id, "status"], rng),
                })
    return records


def _note(source, status, rng):
    if status == "cancelled":
        return "Разработка ПСД; работы отменены"
    if status == "postponed":
        return "Средства зарезервированы; работы перенесены"
    notes = T.SOURCE_NOTES[source]
    return notes[int(rng.integers(len(notes)))]


def list_meetings(works, rng):
    """Three meetings a year in every district, with short ru/kk summaries, and
    ``{(district, year): k}``, the number of needs each cycle-1 summary lists."""
    rows, listed = [], {}
    for year in T.YEARS:
        for district, name_ru, _, _, kind, population, *_ in T.DISTRICTS:
            of_year = works[(works["year"] == year) & (works["district"] == district)]
            of_year_works = of_year[["category", "status", "finish"]].to_dict("records")
            street = _street_names(_streets(district)[int(rng.integers(len(_streets(district))))])[:2]
            for cycle in (1, 2, 3):
                day = _meeting_date(year, cycle, rng)
                ru, kk, k = meeting_summary(cycle, year, T.DISTRICT_ISSUES[district],
                                            of_year_works, day, rng, street)
                if cycle == 1:
                    listed[(district, year)] = k
                rows.append({"district_id": district, "year": year, "cycle": cycle, "date": day,
                             "attendees": _attendees(kind, population, cycle, rng),
                             "summary_ru": ru, "summary_kk": kk,
                             **_venue(district, name_ru, kind, year, day)})
    return rows, listed


def _venue(district, name_ru, kind, year, day):
    """``place`` and ``time`` of a meeting: written down from 2024 on (without drawing, so
    the other columns stay as they were); Saturdays in the morning, else after work."""
    if year < 2024:
        return {"place": "", "time": ""}
    street = _street_names(_streets(district)[0])[0]
    if kind == "settlement":
        place = f"с. {name_ru}, {street}, 1, дом культуры"
    else:
        place = f"{street}, {10 + sum(map(ord, district)) % 80}, школа, актовый зал"
    saturday = date.fromisoformat(day).weekday() == 5
    return {"place": place, "time": "11:00-13:00" if saturday else "18:30-20:00"}


def _on_work(geometry):
    """A point on a work inside its own district: a line's start lies well inside it."""
    return geometry if geometry.geom_type == "Point" else geometry.interpolate(30)


def draw_needs(districts, works, meetings, listed):
    """needs.csv: as many needs at each cycle-1 meeting as its summary lists."""
    rng = np.random.default_rng(NEEDS_SEED)
    shapes = dict(zip(districts["id"], districts.geometry))

    def lonlat(point):
        return gpd.GeoSeries([point], crs=METRIC_CRS).to_crs(4326).iloc[0]

    def place(district, rng):
        street = _streets(district)[int(rng.integers(len(_streets(district))))]
        return _street_names(street), lonlat(_point_inside(shapes[district], rng))

    rows = [{"id": w["id"], "district": w["district"], "year": w["year"],
             "category": w["category"], "status": w["status"], "start": w["start"],
             "finish": w["finish"], "point": lonlat(_on_work(w["geometry"]))}
            for _, w in works.iterrows()]
    days = {(m["district_id"], m["year"], m["cycle"]): m["date"] for m in meetings}
    return list_needs(rows, listed, days, T.DISTRICT_ISSUES, place, T.AS_OF, rng)


def _meeting_date(year, cycle, rng):
    (m1, d1), (m2, d2) = MEETING_WINDOWS[cycle]
    first, last = date(year, m1, d1), date(year, m2, d2)
    day = first + timedelta(days=int(rng.integers(0, (last - first).days + 1)))
    if day.weekday() == 6:  # no meetings on Sundays
        day -= timedelta(days=1)
    return day.isoformat()


def _attendees(kind, population, cycle, rng):
    if kind == "settlement":
        count = np.clip(population * rng.uniform(0.03, 0.08), 12, 240)
    else:
        count = rng.uniform(90, 260) * (1.4 if kind == "center" else 1.0)
    return int(round(count * (1.25 if cycle == 3 else 1.0)))


# ---- writing ----------------------------------------------------------------

def write_shapefile(frame, path):
    """Write a UTF-8 Shapefile (with ``.cpg``) whose DBF header date is fixed."""
    frame.to_file(path, driver="ESRI Shapefile", engine="pyogrio", layer_options=SHP_OPTIONS)


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
