"""The OpenAPI 3.0 document of ``/ogc``: every path, parameter and response."""

from geo.vocab import CATEGORIES, LANGUAGES, NEED_STATUS_TYPES, NEED_STATUSES, STATUSES
from web.opendata.ogc.collections import COLLECTIONS
from web.opendata.ogc.params import DEFAULT_LIMIT, MAX_LIMIT
from web.params import MAX_OFFSET

GEOJSON = "application/geo+json"


def openapi_document(base_url, dataset=None):
    """The OpenAPI document for a server whose ``/ogc`` root is ``base_url``."""
    paths = {
        "/": _get("The landing page", "landingPage", ["f", "lang"], "LandingPage"),
        "/conformance": _get("The conformance classes", "conformance", ["f", "lang"],
                             "Conformance"),
        "/collections": _get("The feature collections", "collections", ["f", "lang"],
                             "Collections"),
        "/api": {"get": {
            "summary": "This document", "operationId": "api", "tags": ["Capabilities"],
            "responses": {"200": {"description": "The OpenAPI 3.0 document", "content": {
                "application/vnd.oai.openapi+json;version=3.0": {"schema": {"type": "object"}}}}},
        }},
    }
    for collection_id, texts in COLLECTIONS.items():
        paths.update(_collection_paths(collection_id, texts["title"]["en"]))
    return {
        "openapi": "3.0.3",
        "info": {"title": "okraina: OGC API – Features", "version": "1.0.0",
                 "description": "Districts, works and residents' needs of the programme for "
                                "the development of microdistricts and outlying settlements, "
                                "as GeoJSON.",
                 "license": {"name": "Open data of the city administration"}},
        "servers": [{"url": base_url}],
        "tags": [{"name": "Capabilities"}, {"name": "Data"}],
        "paths": paths,
        "components": {"parameters": PARAMETERS, "schemas": SCHEMAS,
                       "responses": RESPONSES},
    }


def _collection_paths(collection_id, title):
    base = f"/collections/{collection_id}"
    filters = ["f", "lang", "bbox", "limit", "offset", "year", "category", "status", "district"]
    if collection_id == "needs":
        filters[filters.index("status")] = "need_status"
        filters.append("status_type")
    if collection_id in ("works", "needs"):
        filters.insert(3, "datetime")
    item_parameters = ["f", "lang"] + (["year", "category", "status"]
                                      if collection_id == "districts" else [])
    item = _get(f"One feature of {title}", f"get{title}Feature", item_parameters,
                "Feature", media_type=GEOJSON, not_found=True)
    item["get"]["parameters"].insert(0, {"name": "featureId", "in": "path", "required": True,
                                         "schema": {"type": "string"},
                                         "description": "The feature's id"})
    name = title.replace("'", "").replace(" ", "")  # operation ids: "Residents' needs"
    item["get"]["operationId"] = f"get{name}Feature"
    return {
        base: _get(f"The {title} collection", f"describe{name}Collection", ["f", "lang"],
                   "Collection"),
        base + "/queryables": _get(f"What {title} can be filtered by", f"get{name}Queryables",
                                   ["f", "lang"], "Queryables",
                                   media_type="application/schema+json"),
        base + "/items": _get(f"Features of {title}", f"get{name}Features", filters,
                              "FeatureCollection", media_type=GEOJSON),
        base + "/items/{featureId}": item,
    }


def _get(summary, operation_id, parameters, schema, media_type="application/json",
         not_found=False):
    responses = {
        "200": {"description": summary, "content": {
            media_type: {"schema": {"$ref": f"#/components/schemas/{schema}"}},
            "text/html": {"schema": {"type": "string"}}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
    }
    if not_found:
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    return {"get": {
        "summary": summary, "operationId": operation_id,
        "tags": ["Data" if "Feature" in schema else "Capabilities"],
        "parameters": [{"$ref": f"#/components/parameters/{name}"} for name in parameters],
        "responses": responses,
    }}


def _codes(name, codes, description):
    return {"name": name, "in": "query", "required": False, "style": "form", "explode": False,
            "description": description,
            "schema": {"type": "array", "items": {"type": "string", "enum": list(codes)}}}


PARAMETERS = {
    "f": {"name": "f", "in": "query", "required": False,
          "description": "The format; without it the Accept header decides (JSON by default).",
          "schema": {"type": "string", "enum": ["json", "html"]}},
    "lang": {"name": "lang", "in": "query", "required": False,
             "description": "The language of titles and HTML pages.",
             "schema": {"type": "string", "enum": list(LANGUAGES), "default": "ru"}},
    "bbox": {"name": "bbox", "in": "query", "required": False, "style": "form",
             "explode": False,
             "description": "minlon,minlat,maxlon,maxlat in WGS 84 (CRS84); features that "
                            "intersect it. minlon > maxlon crosses the antimeridian.",
             "schema": {"type": "array", "minItems": 4, "maxItems": 4,
                        "items": {"type": "number"}}},
    "limit": {"name": "limit", "in": "query", "required": False,
              "description": f"Features per page; larger values than {MAX_LIMIT} are served "
                             f"as {MAX_LIMIT}.",
              "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                         "default": DEFAULT_LIMIT}},
    "offset": {"name": "offset", "in": "query", "required": False,
               "description": "How many matching features to skip (see the next/prev links).",
               "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET,
                          "default": 0}},
    "datetime": {"name": "datetime", "in": "query", "required": False,
                 "description": "An RFC 3339 date or date-time, or an interval a/b with "
                                "'..' for an open end. A work lasts from start to finish; "
                                "without start from 1 January of its year, without finish "
                                "with no end. Instants match works lasting through that day, "
                                "intervals works that overlap them. A need matches when it "
                                "was raised (raised_on) in the instant's day or the interval.",
                 "schema": {"type": "string"}},
    "year": {"name": "year", "in": "query", "required": False,
             "description": "A programme year (2023) or an inclusive range (2022-2024).",
             "schema": {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{4})?$"}},
    "category": _codes("category", CATEGORIES, "Works of these categories."),
    "status": _codes("status", STATUSES, "Works with these statuses."),
    "need_status": _codes("status", NEED_STATUSES, "Needs with these statuses."),
    "status_type": _codes("status_type", NEED_STATUS_TYPES,
                          "Needs of these status types: open (open, accepted, scheduled), "
                          "met, closed (declined, duplicate, not_responsible)."),
    "district": {"name": "district", "in": "query", "required": False,
                 "description": "A district id: works in it, or that one district.",
                 "schema": {"type": "string"}},
}

_LINK = {"type": "object", "required": ["href", "rel"], "properties": {
    "href": {"type": "string"}, "rel": {"type": "string"}, "type": {"type": "string"},
    "title": {"type": "string"}}}
_LINKS = {"type": "array", "items": {"$ref": "#/components/schemas/Link"}}
_FEATURE = {"type": "object", "required": ["type", "geometry", "properties"], "properties": {
    "type": {"type": "string", "enum": ["Feature"]},
    "id": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
    "geometry": {"type": "object", "nullable": True, "required": ["type"]},
    "properties": {"type": "object", "nullable": True},
    "links": _LINKS}}

SCHEMAS = {
    "Link": _LINK,
    "LandingPage": {"type": "object", "required": ["links"], "properties": {
        "title": {"type": "string"}, "description": {"type": "string"}, "links": _LINKS}},
    "Conformance": {"type": "object", "required": ["conformsTo"], "properties": {
        "conformsTo": {"type": "array", "items": {"type": "string"}}}},
    "Collection": {"type": "object", "required": ["id", "links"], "properties": {
        "id": {"type": "string"}, "title": {"type": "string"},
        "description": {"type": "string"}, "itemType": {"type": "string"},
        "crs": {"type": "array", "items": {"type": "string"}},
        "extent": {"type": "object"}, "links": _LINKS}},
    "Collections": {"type": "object", "required": ["links", "collections"], "properties": {
        "links": _LINKS,
        "collections": {"type": "array", "items": {"$ref": "#/components/schemas/Collection"}}}},
    "Feature": _FEATURE,
    "FeatureCollection": {"type": "object", "required": ["type", "features"], "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": {"$ref": "#/components/schemas/Feature"}},
        "links": _LINKS,
        "timeStamp": {"type": "string", "format": "date-time"},
        "numberMatched": {"type": "integer", "minimum": 0},
        "numberReturned": {"type": "integer", "minimum": 0}}},
    "Queryables": {"type": "object", "required": ["type", "properties"], "properties": {
        "$schema": {"type": "string"}, "$id": {"type": "string"},
        "type": {"type": "string", "enum": ["object"]}, "title": {"type": "string"},
        "properties": {"type": "object"}, "additionalProperties": {"type": "boolean"},
        "links": _LINKS}},
    "Exception": {"type": "object", "required": ["code", "description"], "properties": {
        "code": {"type": "integer", "description": "The HTTP status"},
        "description": {"type": "string"}}},
}

_ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/Exception"}},
                  "text/html": {"schema": {"type": "string"}}}
RESPONSES = {
    "BadRequest": {"description": "A parameter has a value that cannot be used",
                   "content": _ERROR_CONTENT},
    "NotFound": {"description": "No such collection or feature", "content": _ERROR_CONTENT},
}
