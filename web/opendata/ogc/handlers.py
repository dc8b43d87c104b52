"""OGC API – Features handlers: ``(APIRequest, Dataset, ...) -> (headers, status, content)``.

They know nothing of Flask (see :mod:`web.opendata.ogc.views` for the adapter). Bad
parameters answer 400 and unknown collections or features 404, in the app's
one error shape.
"""

import json
from datetime import datetime, timezone
from functools import wraps

from web.opendata import geojson
from web.opendata.ogc import collections as colls
from web.opendata.ogc.core import (GEOJSON, JSON, OPENAPI, NotFound, exception_response,
                          html_response, json_response, link, self_links)
from web.opendata.ogc.openapi import openapi_document
from web.opendata.ogc.queryables import MEDIA_TYPE as QUERYABLES_TYPE
from web.opendata.ogc.queryables import queryables as queryables_schema
from web.opendata.ogc.params import parse_datetime, parse_ogc_limit
from web.params import QueryError, parse_offset

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
]
TITLES = {"ru": "Открытые данные программы", "kk": "Бағдарламаның ашық деректері",
          "en": "Open data of the programme"}


def answers_errors(handler):
    """Turn ``QueryError`` into 400 and ``NotFound`` into 404, as JSON or a page."""
    @wraps(handler)
    def wrapper(request, *args, **kwargs):
        try:
            return handler(request, *args, **kwargs)
        except QueryError as error:
            return exception_response(400, error.description, _html_or_json(request))
        except NotFound as error:
            return exception_response(404, str(error), _html_or_json(request))
    return wrapper


def _html_or_json(request):
    try:
        return request.wants_html()
    except QueryError:  # a bad ``f`` itself: answer in JSON
        return False


def _respond(request, payload, template, media_type=JSON, **values):
    if request.wants_html():
        return html_response(template, data=payload, **values)
    return json_response(payload, media_type)


@answers_errors
def landing_page(request, dataset):
    payload = {
        "title": TITLES[request.lang],
        "description": colls.COLLECTIONS["works"]["description"][request.lang],
        "links": self_links(request) + [
            link(request.url("/api"), "service-desc", OPENAPI, "The API definition"),
            link(request.url("/conformance", f="json"), "conformance", JSON),
            link(request.url("/collections", f="json"), "data", JSON),
        ],
    }
    return _respond(request, payload, "ogc/landing.html")


@answers_errors
def conformance(request, dataset):
    return _respond(request, {"conformsTo": CONFORMANCE}, "ogc/conformance.html")


@answers_errors
def collections(request, dataset):
    payload = {
        "links": self_links(request),
        "collections": [colls.metadata(request, dataset, c) for c in colls.COLLECTIONS],
    }
    return _respond(request, payload, "ogc/collections.html")


@answers_errors
def collection(request, dataset, collection_id):
    colls.check_collection(collection_id)
    return _respond(request, colls.metadata(request, dataset, collection_id),
                    "ogc/collection.html")


@answers_errors
def items(request, dataset, collection_id):
    colls.check_collection(collection_id)
    filters = colls.parse_item_filters(collection_id, request.args)
    period = parse_datetime(request.args.get("datetime"))
    limit = parse_ogc_limit(request.args.get("limit"))
    offset = parse_offset(request.args.get("offset"))
    features, matched, has_prev, has_next = colls.items(
        dataset, collection_id, filters, period, limit, offset, request)
    members = {
        "numberMatched": matched,
        "numberReturned": len(features),
        "timeStamp": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "links": _items_links(request, collection_id, limit, offset, has_prev, has_next),
    }
    if request.wants_html():
        return html_response("ogc/items.html", data=members, collection_id=collection_id,
                             title=colls.COLLECTIONS[collection_id]["title"][request.lang],
                             features=[json.loads(f) for f in features])
    body = geojson.feature_collection_utf8(features, **members)
    return {"Content-Type": GEOJSON}, 200, body


@answers_errors
def item(request, dataset, collection_id, feature_id):
    colls.check_collection(collection_id)
    filters = colls.parse_item_filters(collection_id, request.args)
    feature = colls.item(dataset, collection_id, feature_id, filters, request)
    links = self_links(request, GEOJSON) + [
        link(request.url(f"/collections/{collection_id}", f="json"), "collection", JSON)]
    if request.wants_html():
        return html_response("ogc/item.html", collection_id=collection_id,
                             feature=json.loads(feature), links=links)
    return {"Content-Type": GEOJSON}, 200, colls.with_links(feature, links)


@answers_errors
def queryables(request, dataset, collection_id):
    colls.check_collection(collection_id)
    path = f"/collections/{collection_id}/queryables"
    payload = queryables_schema(collection_id, colls.COLLECTIONS[collection_id]["title"][
        request.lang], request.url(path))
    payload["links"] = self_links(request, QUERYABLES_TYPE) + [
        link(request.url(f"/collections/{collection_id}", f="json"), "collection", JSON)]
    return _respond(request, payload, "ogc/queryables.html", QUERYABLES_TYPE,
                    collection_id=collection_id)


@answers_errors
def api_definition(request, dataset):
    return json_response(openapi_document(request.base_url, dataset), OPENAPI)


def _items_links(request, collection_id, limit, offset, has_prev, has_next):
    links = self_links(request, GEOJSON)
    if has_next:
        links.append(link(request.url(f="json", offset=offset + limit, limit=limit), "next",
                          GEOJSON, "Next page"))
    if has_prev:
        links.append(link(request.url(f="json", offset=max(0, offset - limit), limit=limit),
                          "prev", GEOJSON, "Previous page"))
    links.append(link(request.url(f"/collections/{collection_id}", f="json"), "collection",
                      JSON, "The collection"))
    return links
