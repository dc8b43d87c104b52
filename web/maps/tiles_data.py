"""The works and needs of a map view as tiles of clusters, drawn by ``web/static/tiles.js``.

Above ``MAP_INLINE_WORKS`` a city map no longer carries or fetches every work of
its selection: it asks for the tiles of its view (``/api/map/tiles/...``), each
holding clusters and single works as :mod:`geo.map_tiles` groups them. What a
tile says of a work is what its marker needs: id, place, status, category and
title (the marker's name for screen readers); the popup's details come from
``/api/map/works/<id>`` when it opens, and lines and polygons from zoom
``SHAPE_ZOOM`` up, where a street fills the screen.

Per snapshot and selection, one :class:`geo.map_tiles.PointGrid` (the marker
points sorted for tile look-ups, ~10 MB at 250,000 works) sits in the Dataset's
memo; each tile's JSON is built in ~1 ms and kept in a bounded LRU beside it.
"""

import numpy as np

from geo import vocab
from geo.map_tiles import MAX_CLUSTER_ZOOM, PointGrid
from geo.needs import need_positions
from geo.select import work_positions
from web.labels import name_column
from web.maps.works_data import LINE_DASHES, SCALE, anchor_coords, origin_of, placed, script_json, shapes

SHAPE_ZOOM = 14  # lines and polygons of the works shown on their own, from this zoom
DECIMALS = 5  # ~1 m: a marker's place in a tile
GRID_CHUNK = 16_384  # rows whose places are found at a time (_grid)


def anchors(geometries):
    """``(lon, lat)`` of each geometry's marker (NaN without one): a point's own place,
    the middle of a line, a point inside a polygon (as the inline payload draws them)."""
    coords = anchor_coords(geometries)
    return coords[:, 0], coords[:, 1]


def _grid(frame, rows):
    """The :class:`PointGrid` of ``frame``'s rows at positions ``rows``: the grid keeps the
    places it needs (no copy of every row's place is kept beside it). The places are
    found ``GRID_CHUNK`` rows at a time: at once, the geometries' copies and anchors
    held ~10 MB beside the grid being built, on a reader's first view."""
    geometries = frame.geometry.to_numpy()
    lon, lat = np.empty(len(rows)), np.empty(len(rows))
    for start in range(0, len(rows), GRID_CHUNK):
        part = slice(start, start + GRID_CHUNK)
        lon[part], lat[part] = anchors(geometries[rows[part]])
    return PointGrid(lon, lat, rows)


def works_grid(dataset, selection):
    """The :class:`PointGrid` of the works of ``selection`` (rows: positions in ``dataset.works``)."""
    return dataset.memo(("map_grid", "works", selection),
                        lambda: _grid(dataset.works, work_positions(dataset, selection)))


def needs_grid(dataset, selection, status_types=()):
    """The :class:`PointGrid` of the needs of ``selection`` and ``status_types``."""
    def build():
        return _grid(dataset.needs, need_positions(dataset, selection, status_types=tuple(status_types)))
    return dataset.memo(("map_grid", "needs", selection, tuple(status_types)), build)


def works_tile(dataset, grid, z, x, y, lang):
    """Tile ``z/x/y`` of the works in ``grid`` as a dict ready for ``script_json``:
    ``clusters`` ``[lat, lon, count, south, west, north, east]``, ``points``
    ``[id, lat, lon, status, category, title]`` (status and category as indexes of the
    layer's lists) and, from ``SHAPE_ZOOM``, ``shapes`` of those works
    (``[index in points, "l"|"p", [x, y, ...], ...]`` from ``origin`` in 1/``scale`` degree)."""
    tile = grid.tile(z, x, y)
    works = dataset.works.iloc[tile.points]
    body = _tile_body(tile, works, lang, [
        works["status"].map(_rank(vocab.STATUSES)).fillna(len(vocab.STATUSES) - 1),
        works["category"].map(_rank(vocab.CATEGORIES)).fillna(len(vocab.CATEGORIES) - 1)])
    if z >= SHAPE_ZOOM and len(works):
        geoms = works.geometry.to_numpy()
        origin = origin_of(geoms[placed(geoms)])
        body.update(origin=[float(origin[0]), float(origin[1])], scale=SCALE, shapes=shapes(geoms, origin))
    return body


def needs_tile(dataset, grid, z, x, y, lang):
    """Tile ``z/x/y`` of the needs in ``grid``: as :func:`works_tile`, without shapes
    (a need is a point)."""
    tile = grid.tile(z, x, y)
    needs = dataset.needs.iloc[tile.points]
    body = _tile_body(tile, needs, lang, [
        needs["status"].map(_rank(vocab.NEED_STATUSES)).fillna(0),
        needs["category"].map(_rank(vocab.CATEGORIES)).fillna(len(vocab.CATEGORIES) - 1)])
    return body


def _tile_body(tile, frame, lang, codes):
    titles = name_column(frame, "title", lang).tolist()
    status, category = (np.asarray(c, dtype=np.int64).tolist() for c in codes)
    points = [[str(i), round(float(la), DECIMALS), round(float(lo), DECIMALS), s, c, t]
              for i, lo, la, s, c, t in zip(frame["id"], tile.point_lon, tile.point_lat, status, category,
                                                  titles)]
    clusters = np.column_stack([tile.lat, tile.lon, tile.counts, tile.bounds[:, 1], tile.bounds[:, 0],
                                tile.bounds[:, 3], tile.bounds[:, 2]]) if len(tile.counts) else np.empty((0, 7))
    return {"clusters": [[round(r[0], DECIMALS), round(r[1], DECIMALS), int(r[2])]
                         + [round(v, DECIMALS) for v in r[3:]] for r in clusters.tolist()],
            "points": points}


def _rank(vocabulary):
    return {code: i for i, code in enumerate(vocabulary)}


def tile_json(body):
    """A tile's bytes: compact JSON, safe to read anywhere."""
    return script_json(body).encode()


def layer_spec(kind, lang, *, template, detail_url="", query="", labels=None):
    """What ``okraina.tiledLayer`` needs besides the tiles: the URL ``template`` of the
    tiles (``{z}``, ``{x}``, ``{y}``), the words and the vocabulary colours and signs."""
    categories = [[code, vocab.label(vocab.CATEGORIES, code, lang), vocab.category_symbol(code)]
                  for code in vocab.CATEGORIES]
    if kind == "works":
        statuses = [[code, vocab.label(vocab.STATUSES, code, lang), vocab.status_colour(code),
                     vocab.status_symbol(code), LINE_DASHES.get(code)] for code in vocab.STATUSES]
    else:
        statuses = [[code, vocab.label(vocab.NEED_STATUSES, code, lang), entry[3],
                     vocab.need_type_colour(entry[3]), vocab.need_type_symbol(entry[3])]
                    for code, entry in vocab.NEED_STATUSES.items()]
    return {"kind": kind, "template": template, "detailUrl": detail_url, "query": query,
            "statuses": statuses, "categories": categories, "labels": dict(labels or {}),
            "maxClusterZoom": MAX_CLUSTER_ZOOM}
