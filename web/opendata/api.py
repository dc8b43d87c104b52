"""``/api``: districts and works as GeoJSON with the shared filters, and one work."""

import json

from flask import Blueprint, Response, abort, request, url_for

from web.opendata import geojson
from web.snapshot import get_dataset
from web.params import parse_filters, parse_offset, parse_page_size
from web.opendata.selection import page, select_district_ids, select_work_ids
from web.opendata.public_tables import district_properties, district_statistics, work_funding
from web.opendata import open_data

bp = open_data(Blueprint("api", __name__, url_prefix="/api"))
DEFAULT_LIMIT, MAX_LIMIT = 100, 1000


def _geojson_response(body):
    return Response(body, mimetype=geojson.MEDIA_TYPE)


@bp.route("/districts")
def districts():
    dataset = get_dataset()
    filters = parse_filters(request.args)
    ids = select_district_ids(dataset, filters)
    properties = district_properties(district_statistics(dataset, filters).loc[ids])
    geometries = geojson.district_geometries(dataset)
    features = [geojson.feature_json(i, geometries[i], properties[i]) for i in ids]
    return _geojson_response(geojson.feature_collection(
        features, numberMatched=len(ids), numberReturned=len(ids)))


@bp.route("/works")
def works():
    dataset = get_dataset()
    chunk, members = paged(select_work_ids(dataset, parse_filters(request.args)), "api.works")
    return _geojson_response(geojson.feature_collection_utf8(
        geojson.work_features(dataset).take_utf8(chunk), **members))


@bp.route("/works/<path:work_id>")
def work(work_id):
    dataset = get_dataset()
    features = geojson.work_features(dataset)
    if work_id not in features:
        abort(404, description=f"no work '{work_id}'")
    feature = json.loads(features[work_id])
    feature["properties"]["funding"] = work_funding(dataset, work_id)
    return _geojson_response(geojson.dumps(feature))


def paged(ids, endpoint):
    """This request's page of ``ids`` (``limit``, ``offset``) and the collection's
    members for it: ``numberMatched``, ``numberReturned`` and ``links`` to ``endpoint``."""
    limit = parse_page_size(request.args.get("limit"), default=DEFAULT_LIMIT, cap=MAX_LIMIT)
    offset = parse_offset(request.args.get("offset"))
    chunk, has_prev, has_next = page(ids, limit, offset)
    return chunk, {"numberMatched": len(ids), "numberReturned": len(chunk),
                   "links": _page_links(endpoint, offset, limit, has_prev, has_next)}


def _page_links(endpoint, offset, limit, has_prev, has_next):
    """``self``, and ``next`` / ``prev`` links to ``endpoint`` with this request's filters."""
    links = [{"rel": "self", "href": request.url}]
    if has_next:
        links.append({"rel": "next", "href": _page_url(endpoint, offset + limit, limit)})
    if has_prev:
        links.append({"rel": "prev", "href": _page_url(endpoint, max(0, offset - limit), limit)})
    return links


def _page_url(endpoint, offset, limit):
    args = {k: v for k, v in request.args.to_dict(flat=False).items()
            if k not in ("offset", "limit")}
    return url_for(endpoint, _external=True, **args, offset=offset, limit=limit)


def init_app(app):
    app.register_blueprint(bp)
