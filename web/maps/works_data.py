"""The works of a map as one compact JSON payload, drawn by ``web/static/works.js``.

One Folium ``Marker`` with a ``Popup`` per work costs over a kilobyte of generated
JavaScript each; a city map of 10,000 works would be megabytes. Instead the works
travel as parallel columns: ids and titles as JSON strings, and every number
(coordinates as integers of 1e-5 degree, about a metre, from an origin; codes;
years; progress; tenge) packed as fixed-width base-64 digits in one string per
column (:func:`pack`). The browser builds markers, popups and list links from
them with DOM text nodes (never HTML).

This is the only module that encodes works for the maps; swap it for a shared
serialiser without touching the pages.
"""

import json

import numpy as np
import shapely

from geo import vocab
from web.labels import name_column

SCALE = 100_000  # integer units per degree
_ALPHABET = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
                          dtype=np.uint8)
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
    ``work_url + <id> + query``. Works without a geometry get -1 as coordinates
    and are listed but not drawn.
    """
    geoms = works.geometry.to_numpy()
    origin = origin_of(geoms[placed(geoms)])
    anchors = anchor_coords(geoms)
    ints = np.round((anchors - origin) * SCALE)
    ints = np.where(np.isnan(ints), -1, ints).astype(np.int64)  # -1: not drawn
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
        "cat": pack(works["category"].map(category_rank).fillna(len(category_rank) - 1)),
        "st": pack(works["status"].map(status_rank).fillna(len(status_rank) - 1)),
        "year0": year0, "year": pack((years - year0).fillna(-1)),
        "prog": pack(works["progress"].astype("Int64").fillna(-1) if "progress" in works
                     else np.full(len(works), -1)),
        "kzt": pack(works["funding_kzt"]),
        "dist": pack(works["district_id"].map(district_rank).fillna(-1)),
        "x": pack(ints[:, 0]), "y": pack(ints[:, 1]),
        "shapes": shapes(geoms, origin),
        "categories": [[code, vocab.label(vocab.CATEGORIES, code, lang), vocab.category_symbol(code)]
                       for code in vocab.CATEGORIES],
        "statuses": [[code, vocab.label(vocab.STATUSES, code, lang), vocab.status_colour(code),
                      vocab.status_symbol(code), LINE_DASHES.get(code)] for code in vocab.STATUSES],
        "districts": [[d, name] for d, name in zip(district_ids, list(district_names))],
        "labels": dict(labels or {}), "lang": lang, "workUrl": work_url, "query": query,
    }


def pack(values):
    """Integers >= -1 (-1 = missing) as ``{"w": width, "s": digits}``: each value + 1
    written in ``width`` base-64 digits (URL-safe alphabet), most significant first.

    10,000 coordinates take 30 kB instead of 60 kB of JSON numbers; ``works.js``
    reads them back with ``unpack``.
    """
    shifted = np.asarray(values, dtype=np.int64) + 1
    if len(shifted) and shifted.min() < 0:
        raise ValueError("pack takes integers >= -1")
    top = int(shifted.max()) if len(shifted) else 0
    width = 1
    while 64 ** width <= top:
        width += 1
    digits = np.empty((len(shifted), width), dtype=np.int64)
    for place in range(width):
        digits[:, width - 1 - place] = shifted // 64 ** place % 64
    return {"w": width, "s": _ALPHABET[digits].tobytes().decode("ascii")}


def placed(geoms):
    """Which of ``geoms`` can be drawn (neither missing nor empty)."""
    return ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))


def anchor_coords(geoms):
    """``(n, 2)`` longitude, latitude of each geometry's marker (NaN where there is none)."""
    present = placed(geoms)
    coords = np.full((len(geoms), 2), np.nan)
    if present.any():
        coords[present] = shapely.get_coordinates(_anchor_points(geoms[present]))
    return coords


def origin_of(geoms):
    """The corner the integer coordinates of ``geoms`` count from (south-west, 0.01 degree)."""
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


def shapes(geoms, origin):
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
