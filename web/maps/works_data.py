"""The works of a map as one compact JSON payload, drawn by ``web/static/works.js``.

One Folium ``Marker`` with a ``Popup`` per work costs about 800 bytes of generated
JavaScript each; a city map of 10,000 works would be megabytes. Instead the works
travel as parallel columns (ids, titles, small integer codes) and coordinates as
integers of 1e-5 degree (about a metre) from an origin, and the browser builds
markers, popups and list links from them with DOM text nodes (never HTML).

This is the only module that encodes works for the maps; swap it for a shared
serialiser without touching the pages.
"""

import json

import numpy as np
import shapely

from geo import vocab
from web.names import name_column

SCALE = 100_000  # integer units per degree
# Lines are also told apart by their dash pattern, not only by the status colour.
LINE_DASHES = {"planned": "2 6", "in_progress": "10 5", "done": None, "postponed": "1 5",
               "cancelled": "6 4 1 4"}
_POINT, _MULTIPOINT = 0, 4
_LINES = {1, 2, 5}  # LineString, LinearRing, MultiLineString
_POLYGONS = {3, 6}


def works_payload(works, districts, *, lang="ru", labels=None, work_url="/works/", query=""):
    """The payload for ``okraina.worksLayer`` (a dict ready for :func:`script_json`).

    ``works`` and ``districts`` are frames of a Dataset (works already filtered);
    ``labels`` are the translated words of popups; a work's link is
    ``work_url + <id> + query``. Works without a geometry get ``null`` coordinates
    and are listed but not drawn.
    """
    geoms = works.geometry.to_numpy()
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    origin = _origin(geoms[present])
    anchors = np.full((len(works), 2), np.nan)
    if present.any():
        anchors[present] = shapely.get_coordinates(_anchor_points(geoms[present]))
    ints = np.round((anchors - origin) * SCALE).ravel()
    missing = np.isnan(ints)
    points = np.where(missing, 0, ints).astype(np.int64).astype(object)
    points[missing] = None
    points = points.tolist()
    district_ids = list(dict.fromkeys(d for d in works["district_id"] if d is not None))
    district_rank = {d: i for i, d in enumerate(district_ids)}
    district_names = name_column(districts.loc[district_ids], "name", lang) if district_ids else []
    category_rank = {code: i for i, code in enumerate(vocab.CATEGORIES)}
    status_rank = {code: i for i, code in enumerate(vocab.STATUSES)}
    years = works["year"].astype("Int64")
    year0 = int(years.min()) if years.notna().any() else 0
    return {
        "origin": [float(origin[0]), float(origin[1])], "scale": SCALE,
        "ids": works["id"].astype(str).tolist(),
        "titles": name_column(works, "title", lang).tolist(),
        "cat": works["category"].map(category_rank).fillna(len(category_rank) - 1).astype(int).tolist(),
        "st": works["status"].map(status_rank).fillna(len(status_rank) - 1).astype(int).tolist(),
        "year0": year0, "year": (years - year0).fillna(-1).astype(int).tolist(),
        "prog": works["progress"].astype("Int64").fillna(-1).astype(int).tolist()
        if "progress" in works else [-1] * len(works),
        "kzt": works["funding_kzt"].astype("int64").tolist(),
        "dist": works["district_id"].map(district_rank).fillna(-1).astype(int).tolist(),
        "pts": points,
        "shapes": _shapes(geoms, origin),
        "categories": [[code, vocab.label(vocab.CATEGORIES, code, lang), vocab.category_symbol(code)]
                       for code in vocab.CATEGORIES],
        "statuses": [[code, vocab.label(vocab.STATUSES, code, lang), vocab.status_colour(code),
                      vocab.status_symbol(code), LINE_DASHES.get(code)] for code in vocab.STATUSES],
        "districts": [[d, name] for d, name in zip(district_ids, list(district_names))],
        "labels": dict(labels or {}), "lang": lang, "workUrl": work_url, "query": query,
    }


def _origin(geoms):
    if len(geoms) == 0:
        return np.zeros(2)
    minx, miny, _, _ = shapely.total_bounds(geoms)
    return np.floor(np.array([minx, miny]) * 100) / 100


def _anchor_points(geoms):
    """Where a work's marker goes: the point itself, else a point on the line or surface."""
    types = shapely.get_type_id(geoms)
    anchors = geoms.copy()
    multipoints = types == _MULTIPOINT
    anchors[multipoints] = shapely.get_geometry(geoms[multipoints], 0)
    lines = np.isin(types, list(_LINES))
    anchors[lines] = shapely.line_interpolate_point(geoms[lines], 0.5, normalized=True)
    others = ~(lines | multipoints | (types == _POINT))
    anchors[others] = shapely.point_on_surface(geoms[others])
    return anchors


def _shapes(geoms, origin):
    """``[index, "l"|"p", [x, y, x, y, ...], ...]`` for each line or polygon work."""
    shapes = []
    types = shapely.get_type_id(geoms)
    for index in np.flatnonzero(np.isin(types, list(_LINES | _POLYGONS))):
        geom = geoms[index]
        if geom.is_empty:
            continue
        polygon = types[index] in _POLYGONS
        parts = [p.exterior if polygon else p for p in getattr(geom, "geoms", [geom])]
        rings = [np.round((shapely.get_coordinates(p) - origin) * SCALE).astype(int).ravel().tolist()
                 for p in parts]
        shapes.append([int(index), "p" if polygon else "l", *rings])
    return shapes


def script_json(payload):
    """Compact JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # "{{", "{%" and "{#" never occur in JSON's structure, only inside strings, where
    # they would start Jinja syntax if anything compiled the script as a template.
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029"), ("{{", "{\\u007b"),
                          ("{%", "{\\u0025"), ("{#", "{\\u0023")):
        text = text.replace(char, escaped)
    return text
