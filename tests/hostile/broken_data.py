"""Broken variants of a good data folder, as clerks' exports and old desktop GIS make them.

``good_city(folder)`` writes geo's tiny city with its districts as a cp1251
Shapefile (the common case in Kazakh and Russian GIS exports). Each entry of
``VARIANTS`` breaks a copy of it in one way and says what ``okraina check`` must
report: ``(level, file, row, words in the message)`` for each expected problem
(row ``None`` = a file-level problem), and whether the folder is fatal.
"""

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
from shapely.geometry import MultiPolygon, Point, Polygon, box

from tests.geo import tiny

DISTRICT_NAMES = ["Альфа", "Бета", "Гамма"]


def good_city(folder):
    tiny.write_city(folder)
    (folder / "districts.geojson").unlink()
    write_districts(folder, tiny.DISTRICTS)
    return folder


def write_districts(folder, rows, encoding="cp1251", crs=tiny.CRS):
    for old in folder.glob("districts.*"):
        old.unlink()
    gpd.GeoDataFrame(rows, crs=crs).to_file(folder / "districts.shp", encoding=encoding,
                                            engine="pyogrio")


def _districts(**changes):
    """The tiny districts with ``{position: {field: value}}`` changes."""
    rows = [dict(row) for row in tiny.DISTRICTS]
    for position, values in changes.items():
        rows[int(position)].update(values)
    return rows


def _funding(position, **values):
    rows = [dict(row) for row in tiny.FUNDING]
    rows[position].update(values)
    return rows


def no_cpg(folder):
    (folder / "districts.cpg").unlink()


def wrong_cpg(folder):
    (folder / "districts.cpg").write_text("UTF-8")


def unknown_cpg(folder):
    (folder / "districts.cpg").write_text("LDID/87")  # GDAL reads this as Latin-1, silently


def cp866_cpg(folder):
    (folder / "districts.cpg").write_text("866")  # a DOS Cyrillic page: decodes, but wrongly


def no_prj(folder):
    (folder / "districts.prj").unlink()


def web_mercator(folder):
    """Reprojected to EPSG:3857 in cp1251 by GDAL's Shapefile driver (the one pyogrio
    bundles), with GDAL's ESRI-style .prj, as a desktop GIS export would be."""
    districts = gpd.read_file(folder / "districts.shp", engine="pyogrio").to_crs("EPSG:3857")
    write_districts(folder, districts, crs="EPSG:3857")


def swapped(folder):
    rows = _districts()
    for row in rows:
        row["geometry"] = Polygon([(y, x) for x, y in row["geometry"].exterior.coords])
    write_districts(folder, rows)


def bow_tie(folder):
    write_districts(folder, _districts(**{"1": {"geometry": Polygon(
        [(82.61, 49.94), (82.62, 49.95), (82.62, 49.94), (82.61, 49.95)])}}))


def self_touching(folder):
    # One ring that touches itself at (82.615, 49.945): valid as two polygons, not as one.
    write_districts(folder, _districts(**{"1": {"geometry": Polygon([
        (82.61, 49.94), (82.62, 49.94), (82.615, 49.945), (82.62, 49.95), (82.61, 49.95),
        (82.615, 49.945)])}}))


def empty_geometry(folder):
    write_districts(folder, _districts(**{"2": {"geometry": Polygon()}}))


def null_work_geometry(folder):
    works = [dict(row) for row in tiny.WORKS]
    works[1]["geometry"] = None
    gpd.GeoDataFrame(works, crs=tiny.CRS).to_file(folder / "works.geojson")


def mixed_polygons(folder):
    multi = MultiPolygon([box(82.50, 49.90, 82.504, 49.91), box(82.506, 49.90, 82.51, 49.91)])
    write_districts(folder, _districts(**{"2": {"geometry": multi}}))


def truncated_shp(folder):
    data = (folder / "districts.shp").read_bytes()
    (folder / "districts.shp").write_bytes(data[: len(data) // 2])


def missing_dbf(folder):
    (folder / "districts.dbf").unlink()


def duplicate_ids(folder):
    write_districts(folder, _districts(**{"2": {"id": "a"}}))


def _write_funding(folder, rows):
    pd.DataFrame(rows).to_csv(folder / "funding.csv", index=False)


def negative_amount(folder):
    _write_funding(folder, _funding(1, amount_kzt="-3000"))


def fractional_amount(folder):
    _write_funding(folder, _funding(1, amount_kzt="3000.5"))


def text_amounts(folder):
    rows = _funding(1, amount_kzt="a lot")
    rows[2]["amount_kzt"] = "700 млн"
    _write_funding(folder, rows)


def bad_dates(folder):
    works = [dict(row) for row in tiny.WORKS]
    works[0]["start"] = "31.02.2023"
    works[1]["finish"] = "soon"
    gpd.GeoDataFrame(works, crs=tiny.CRS).to_file(folder / "works.geojson")
    meetings = pd.read_csv(folder / "meetings.csv", dtype=str)
    meetings.loc[0, "date"] = "весной"
    meetings.loc[1, "time"] = "после обеда"
    meetings.to_csv(folder / "meetings.csv", index=False)


def _write_needs(folder, rows):
    pd.DataFrame(rows).to_csv(folder / "needs.csv", index=False)


def bad_needs(folder):
    rows = [dict(row) for row in tiny.NEEDS]
    rows[1]["id"] = "n1"                       # row 2: a duplicate id
    rows[2]["district_id"] = "атлантида"       # row 3
    rows[3]["status"] = "забыта"               # row 4
    rows[4]["answer_ru"] = rows[4]["answer_kk"] = ""  # row 5: declined without an answer
    rows[8]["raised_on"] = "вчера"             # row 9
    rows[11]["lon"] = "82,505"                 # row 12: a decimal comma
    _write_needs(folder, rows)


def contradicting_needs(folder):
    rows = [dict(row) for row in tiny.NEEDS]
    rows[0]["work_ids"] = "p1 edge"            # row 1: met, but edge is planned
    rows[8]["work_ids"] = "p2"                 # row 9: open, but p2 is done
    rows[11]["lon"], rows[11]["lat"] = 82.605, 49.945   # row 12: in a, listed in c
    rows[9]["work_ids"] = "w-404"              # row 10: no such work
    rows[12]["year"] = 2021                    # row 13: no meeting in 2021
    _write_needs(folder, rows)


@dataclass(frozen=True)
class Variant:
    break_folder: object
    fatal: bool
    expected: tuple  # (level, file, row, words) per problem that must be reported


VARIANTS = {
    "cp1251_with_cpg": Variant(lambda folder: None, False, ()),
    "cp1251_without_cpg": Variant(no_cpg, False, (("warning", "districts.shp", None, "cp1251"),)),
    "cp1251_with_wrong_cpg": Variant(wrong_cpg, False, (
        ("warning", "districts.shp", None, "correct the .cpg"),)),
    "cp1251_with_unknown_cpg": Variant(unknown_cpg, False, (
        ("warning", "districts.shp", None, "not known ('LDID/87')"),)),
    "cp1251_with_cp866_cpg": Variant(cp866_cpg, False, (
        ("warning", "districts.shp", None, "read as cp1251"),)),
    "no_prj": Variant(no_prj, True, (("error", "districts.shp", None, "coordinate reference system"),)),
    "epsg_3857": Variant(web_mercator, False, ()),
    "lat_lon_swapped": Variant(swapped, True, (("error", "districts.shp", None, "swapped"),)),
    "bow_tie": Variant(bow_tie, False, (("warning", "districts.shp", 2, "repaired"),)),
    "self_touching": Variant(self_touching, False, (("warning", "districts.shp", 2, "repaired"),)),
    "empty_district_geometry": Variant(empty_geometry, True, (
        ("error", "districts.shp", 3, "empty or missing"),)),
    "null_work_geometry": Variant(null_work_geometry, False, (
        ("warning", "works.geojson", 2, "empty or missing"),)),
    "mixed_polygon_multipolygon": Variant(mixed_polygons, False, ()),
    "truncated_shp": Variant(truncated_shp, True, (("error", "districts.shp", None, "truncated"),)),
    "missing_dbf": Variant(missing_dbf, True, (("error", "districts.shp", None, ".dbf is missing"),)),
    "duplicate_ids": Variant(duplicate_ids, True, (("error", "districts.shp", 3, "duplicate id"),)),
    "negative_amount": Variant(negative_amount, True, (("error", "funding.csv", 2, "below 0"),)),
    "fractional_amount": Variant(fractional_amount, True, (
        ("error", "funding.csv", 2, "not a whole"),)),
    "text_amounts": Variant(text_amounts, True, (
        ("error", "funding.csv", 2, "'a lot'"), ("error", "funding.csv", 3, "'700 млн'"))),
    "dates_that_are_not_dates": Variant(bad_dates, True, (
        ("error", "works.geojson", 1, "'31.02.2023' is not a date"),
        ("error", "works.geojson", 2, "'soon' is not a date"),
        ("error", "meetings.csv", 1, "'весной' is not a date"),
        ("error", "meetings.csv", 2, "'после обеда' is not a time"))),
    "needs_with_bad_values": Variant(bad_needs, True, (
        ("error", "needs.csv", 9, "'вчера' is not a date"),  # first: told on /healthz
        ("error", "needs.csv", 2, "duplicate id 'n1'"),
        ("error", "needs.csv", 3, "'атлантида' names no district"),
        ("error", "needs.csv", 4, "'забыта' is not one of"),
        ("error", "needs.csv", 5, "must carry the akimat's answer"),
        ("error", "needs.csv", 12, "'82,505' is not a number"))),
    "needs_contradicting_works_and_meetings": Variant(contradicting_needs, False, (
        ("warning", "needs.csv", 1, "not all done: edge (planned)"),
        ("warning", "needs.csv", 9, "all its linked works are done or cancelled"),
        ("warning", "needs.csv", 12, "outside its district 'c'"),
        ("warning", "needs.csv", 10, "'w-404', which is no known work"),
        ("warning", "needs.csv", 13, "meetings.csv does not have"))),
}
