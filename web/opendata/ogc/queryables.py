"""Queryables (OGC API - Features Part 3): what each collection's items can be filtered
by as query parameters, as a JSON Schema per collection.

The names are the query parameters (``district`` selects by ``district_id``), the
values those :mod:`web.params` accepts; ``bbox`` and ``datetime`` are Part 1's own.
"""

from geo.vocab import CATEGORIES, NEED_STATUS_TYPES, NEED_STATUSES, STATUSES

SCHEMA = "https://json-schema.org/draft/2020-12/schema"
MEDIA_TYPE = "application/schema+json"
_YEAR = {"type": "integer", "minimum": 2000, "maximum": 2100}
_DISTRICT = {"type": "string", "description": "A district id (its district_id)."}


def _codes(codes, description):
    return {"type": "string", "enum": list(codes), "description": description}


PROPERTIES = {
    "districts": {
        "geometry": {"x-ogc-role": "primary-geometry", "format": "geometry-multipolygon"},
        "district": {**_DISTRICT, "description": "A district id: that district."},
    },
    "works": {
        "geometry": {"x-ogc-role": "primary-geometry", "format": "geometry-any"},
        "year": {**_YEAR, "description": "The programme year (a range as 2022-2024)."},
        "category": _codes(CATEGORIES, "The category (several comma-separated)."),
        "status": _codes(STATUSES, "The status (several comma-separated)."),
        "district": {**_DISTRICT, "description": "A district the work lies in."},
    },
    "needs": {
        "geometry": {"x-ogc-role": "primary-geometry", "format": "geometry-point"},
        "year": {**_YEAR, "description": "The year of the meeting where the need was raised "
                                         "(a range as 2022-2024)."},
        "category": _codes(CATEGORIES, "The category (several comma-separated)."),
        "status": _codes(NEED_STATUSES, "The need's status (several comma-separated)."),
        "status_type": _codes(NEED_STATUS_TYPES, "open (open, accepted, scheduled), met, or "
                                                 "closed (declined, duplicate, "
                                                 "not_responsible)."),
        "district": {**_DISTRICT, "description": "The district whose list the need is on."},
    },
}


def queryables(collection_id, title, schema_id):
    """The JSON Schema of ``collection_id``'s queryables, titled ``title``, at ``schema_id``."""
    return {"$schema": SCHEMA, "$id": schema_id, "type": "object", "title": title,
            "properties": PROPERTIES[collection_id], "additionalProperties": False}
