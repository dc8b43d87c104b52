"""``/download``: works, districts, needs and funding as files, with the shared filters.

CSV files are for Excel in Russian and Kazakh locales (see ``web.opendata.csvfile``);
GeoJSON and GeoPackage are for GIS (QGIS).
"""

import os
import tempfile

import geopandas
from flask import Blueprint, Response, abort, render_template, request

from geo import vocab
from web.caching import cache_data
from web.opendata.cors import allow_any_origin
from web.opendata import geojson
from web.opendata.csvfile import excel_csv
from web.snapshot import get_dataset
from web.params import parse_filters, parse_need_filters
from web.opendata.need_features import absolute, need_features
from web.opendata.selection import select_district_ids, select_need_ids, select_work_ids
from web.opendata.public_tables import (district_properties, district_statistics, funding_table,
                                        need_labels, needs_table, works_table)

# Files and their index page: cached as data, readable from any site; errors are pages.
bp = allow_any_origin(cache_data(Blueprint("download", __name__, url_prefix="/download")))

FORMATS = {"csv": "text/csv; charset=utf-8", "geojson": geojson.MEDIA_TYPE,
           "gpkg": "application/geopackage+sqlite3"}
LAYERS = ("works", "districts", "needs")


@bp.route("", strict_slashes=False)  # "/download", as in the main navigation
def index():
    filters = parse_filters(request.args)
    args = {k: v for k, v in request.args.items() if k in ("year", "category", "status",
                                                         "district", "lang")}
    return render_template("download/index.html", args=args, filters=filters,
                           years=get_dataset().years)


@bp.route("/<layer>.<fmt>")
def layer_file(layer, fmt):
    if layer not in LAYERS or fmt not in FORMATS:
        abort(404, description=f"no file {layer}.{fmt}; there are works, districts and needs "
                               "as csv, geojson or gpkg, and funding.csv")
    dataset = get_dataset()
    if layer == "needs":
        return _needs_file(dataset, fmt)
    filters = parse_filters(request.args)
    if layer == "works":
        ids = select_work_ids(dataset, filters)
        if fmt == "geojson":
            return _file(geojson.feature_collection(
                geojson.work_features(dataset).take(ids)), layer, fmt, filters)
        table = _with_labels(works_table(dataset, ids), filters.lang)
    else:
        ids = select_district_ids(dataset, filters)
        statistics = district_statistics(dataset, filters).loc[ids]
        if fmt == "geojson":
            properties = district_properties(statistics)
            geometries = geojson.district_geometries(dataset)
            return _file(geojson.feature_collection([
                geojson.feature_json(i, geometries[i], properties[i]) for i in ids]),
                layer, fmt, filters)
        table = _geodataframe(statistics.assign(
            geometry=dataset.districts.geometry.loc[ids].to_numpy()), dataset)
    if fmt == "csv":
        return _file(_csv(table), layer, fmt, filters)
    return _file(_geopackage(table, layer), layer, fmt, filters)


@bp.route("/funding.csv")
def funding_file():
    filters = parse_filters(request.args)
    table = funding_table(get_dataset(), filters)
    table["source_name"] = [vocab.label(vocab.FUNDING_SOURCES, c, filters.lang)
                            for c in table["source"]]
    return _file(_csv(table), "funding", "csv", filters)


def _needs_file(dataset, fmt):
    filters = parse_need_filters(request.args)
    ids = select_need_ids(dataset, filters)
    if fmt == "geojson":
        features = need_features(dataset, filters.lang).take(ids)
        return _file(absolute(geojson.feature_collection(features), request.url_root),
                     "needs", fmt, filters)
    table = needs_table(dataset, ids, filters.lang, request.url_root)
    table["work_ids"] = [" ".join(work_ids) for work_ids in table["work_ids"]]  # as in needs.csv
    for column in ("raised_on", "status_on"):
        table[column] = table[column].dt.date
    if fmt == "csv":
        return _file(_csv(need_labels(table, filters.lang)), "needs", fmt, filters)
    return _file(_geopackage(table, "needs", geometry_type="Point"),
                 "needs", fmt, filters)


def _with_labels(table, lang):
    table = table.copy()
    table.insert(table.columns.get_loc("category") + 1, "category_name",
                 [vocab.label(vocab.CATEGORIES, c, lang) for c in table["category"]])
    table.insert(table.columns.get_loc("status") + 1, "status_name",
                 [vocab.label(vocab.STATUSES, c, lang) for c in table["status"]])
    return table


def _csv(table):
    """CSV text without geometry; lon/lat of a point on each feature when it has one."""
    if "geometry" in table.columns:
        points = table.geometry.representative_point()
        table = table.drop(columns="geometry").assign(
            lon=points.x.round(7).to_numpy(), lat=points.y.round(7).to_numpy())
    return excel_csv(table)


def _geodataframe(table, dataset):
    return geopandas.GeoDataFrame(table, geometry="geometry", crs=dataset.districts.crs)


def _geopackage(frame, layer, **options):
    """The frame written with pyogrio to a temporary GeoPackage, as bytes."""
    import pyogrio  # here: GDAL is ~30 MiB that a worker serving only pages never needs

    with tempfile.TemporaryDirectory(prefix="okraina-") as folder:
        path = os.path.join(folder, f"{layer}.gpkg")
        pyogrio.write_dataframe(frame.reset_index(drop=True), path, layer=layer,
                                driver="GPKG", **options)
        with open(path, "rb") as file:
            return file.read()


def _file(content, layer, fmt, filters):
    name = f"{layer}{_years_suffix(filters)}.{fmt}"
    return Response(content, mimetype=FORMATS[fmt].split(";")[0], headers={
        "Content-Disposition": f'attachment; filename="{name}"'})


def _years_suffix(filters):
    if filters.years is None:
        return ""
    first, last = filters.years
    return f"-{first}" if first == last else f"-{first}-{last}"


def init_app(app):
    app.register_blueprint(bp)
