"""``/api/needs``: residents' needs as GeoJSON with the needs' filters, and one need."""

import json

from flask import Blueprint, Response, abort, request

from geo.needs import works_of_need
from web.i18n import current_lang
from web.labels import name_column
from web.opendata import geojson, open_data
from web.opendata.api import paged
from web.opendata.need_features import absolute, need_features
from web.opendata.selection import select_need_ids
from web.params import parse_need_filters
from web.snapshot import get_dataset

bp = open_data(Blueprint("needs_api", __name__, url_prefix="/api/needs"))
LINKED_WORK_COLUMNS = ("category", "status", "year", "progress", "funding_kzt")


def _geojson_response(body):
    return Response(absolute(body, request.url_root), mimetype=geojson.MEDIA_TYPE)


@bp.route("", strict_slashes=False)
def needs():
    dataset = get_dataset()
    ids = select_need_ids(dataset, parse_need_filters(request.args))
    chunk, members = paged(ids, "needs_api.needs")
    return _geojson_response(geojson.feature_collection_utf8(
        need_features(dataset, current_lang()).take_utf8(chunk), **members))


@bp.route("/<path:need_id>")
def need(need_id):
    dataset = get_dataset()
    features = need_features(dataset, current_lang())
    if need_id not in features:
        abort(404, description=f"no need '{need_id}'")
    feature = json.loads(features[need_id])
    feature["properties"]["works"] = linked_works(dataset, need_id, current_lang())
    return _geojson_response(geojson.dumps(feature))


def linked_works(dataset, need_id, lang):
    """The known works answering a need, in its ``work_ids`` order, as plain dicts."""
    works = dataset.works.loc[list(works_of_need(dataset, need_id))]
    titles = name_column(works, "title", lang).tolist()
    rows = geojson.plain_rows(works, LINKED_WORK_COLUMNS)
    return [{"id": work_id, "title": title, **row}
            for work_id, title, row in zip(works.index, titles, rows)]
