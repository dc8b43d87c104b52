"""Residents' needs of a map as one compact payload, drawn by ``web/static/needs.js``.

The same packing as the works (:mod:`web.maps.works_data`): ids and titles as
JSON strings, codes and coordinates as packed integers. Only needs with a point
travel: the others are counted by the page (:func:`drawn_count`), never drawn,
and would be half the bytes of a big city's payload for nothing.
"""

import numpy as np
import shapely

from geo import vocab
from web.labels import name_column
from web.maps.works_data import SCALE, pack


def needs_payload(needs, districts, *, lang="ru", labels=None, need_url="/needs/", query=""):
    """The payload for ``okraina.needsLayer`` (a dict ready for ``script_json``).

    ``needs`` is a (filtered) frame of ``Dataset.needs``, of which those with a point
    are kept; ``labels`` the translated words of popups; a need's link is
    ``need_url + <id> + query``.
    """
    needs = needs[_placed(needs)]
    coords = shapely.get_coordinates(shapely.point_on_surface(needs.geometry.to_numpy()))
    origin = np.floor(coords.min(axis=0) * 100) / 100 if len(coords) else np.zeros(2)
    ints = np.round((coords - origin) * SCALE).astype(np.int64).reshape(-1, 2)
    district_ids = list(dict.fromkeys(needs["district_id"]))
    district_rank = {d: i for i, d in enumerate(district_ids)}
    known = [d for d in district_ids if d in districts.index]
    names = name_column(districts.loc[known], "name", lang).to_dict() if known else {}
    status_rank = {code: i for i, code in enumerate(vocab.NEED_STATUSES)}
    category_rank = {code: i for i, code in enumerate(vocab.CATEGORIES)}
    years = needs["year"].astype("int64")
    year0 = int(years.min()) if len(years) else 0
    return {
        "origin": [float(origin[0]), float(origin[1])], "scale": SCALE,
        "ids": needs["id"].astype(str).tolist(),
        "titles": name_column(needs, "title", lang).tolist(),
        "st": pack(needs["status"].map(status_rank).fillna(0)),
        "cat": pack(needs["category"].map(category_rank).fillna(len(category_rank) - 1)),
        "year0": year0, "year": pack(years - year0),
        "cycle": pack(needs["cycle"].astype("int64")),
        "dist": pack(needs["district_id"].map(district_rank)),
        "x": pack(ints[:, 0]), "y": pack(ints[:, 1]),
        "statuses": [[code, vocab.label(vocab.NEED_STATUSES, code, lang), entry[3],
                      vocab.need_type_colour(entry[3]), vocab.need_type_symbol(entry[3])]
                     for code, entry in vocab.NEED_STATUSES.items()],
        "categories": [[code, vocab.label(vocab.CATEGORIES, code, lang), vocab.category_symbol(code)]
                       for code in vocab.CATEGORIES],
        "districts": [[d, names.get(d, d)] for d in district_ids],
        "labels": dict(labels or {}), "needUrl": need_url, "query": query,
    }


def drawn_count(needs):
    """How many of a frame of needs have a point (the others are counted, not drawn)."""
    return int(_placed(needs).sum())


def _placed(needs):
    geoms = needs.geometry.to_numpy()
    return ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
