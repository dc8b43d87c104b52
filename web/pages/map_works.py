"""``/api/map/works`` and ``/api/map/needs``: what a city map draws, as shared,
pre-compressed resources.

A map page could carry its works inline, and does while they are few
(``MAP_INLINE_WORKS``, default 2,000). At 100,000 works the payload is megabytes:
inlined, every view of ``/`` or ``/embed/map`` would copy it into a new page, hold
it while Jinja and the compressor run, and send it again to a reader who already
has it. Above the limit the page names this URL instead and ``works.js`` fetches it.

The payload (``web.maps.works_data``) depends only on the Dataset snapshot, the
selection, the language and the links' query, so it is built once per snapshot
(``Dataset.memo``, one builder at a time) and kept as brotli and gzip bytes (the
JSON itself is inflated from the gzip for the rare client that takes neither): a
request picks an encoding and writes shared bytes. Its ETag carries the
Dataset version, so browsers and HTTP caches revalidate with a 304 and see new data
right after a reload.

Residents' needs (``/api/map/needs``, ``web.maps.needs_data``) travel the same way,
but always: their layer starts switched off, so a page fetches them only when the
reader switches it on.
"""

import gzip
from urllib.parse import urlencode

import brotli
from flask import Blueprint, Response, abort, request, url_for

from geo.map_tiles import MAX_ZOOM, valid_tile
from geo.needs import select_needs
from geo.select import select_works
from web.caching import tag_data_response
from web.snapshot import get_dataset, require_district
from web.i18n import current_lang
from web.maps.needs_data import needs_payload
from web.lru import BoundedLRU
from web.maps import tiles_data
from web.maps.works_data import script_json, works_payload
from web.pages.common import lang_query, map_text
from web.params import N_, QueryError, parse_filters, parse_needs_view
from web.opendata import open_data

bp = open_data(Blueprint("map_works", __name__))
ENCODINGS = ("br", "gzip")  # what is kept compressed, preferred first
PARAMS = ("year", "category", "status", "district", "lang")  # what the payload depends on
NEED_PARAMS = ("year", "category", "district", "need_status", "lang")
BROTLI_QUALITY = 6  # once per snapshot: ~5x smaller than the JSON at 100,000 works
GZIP_LEVEL = 6
TILE_CACHE_ITEMS = 8192  # tiles kept per snapshot and process (a tile is ~0.1-3 kB)
TILE_CACHE_BYTES = 16 * 2**20


@bp.route("/api/map/works")
def works():
    dataset = get_dataset()
    filters = _map_filters(dataset, N_("a map draws every work of its selection; use /api/works for a bounding box"))
    return _shared_response(lambda encoding: payload_bytes(dataset, filters.selection, current_lang(), encoding))


@bp.route("/api/map/needs")
def needs():
    dataset = get_dataset()
    filters = _map_filters(dataset, N_("a map draws every need of its selection; use /api/needs for a bounding box"))
    types = parse_needs_view(request.args).status_types or ()
    return _shared_response(lambda encoding: needs_bytes(dataset, filters.selection, types, current_lang(),
                                                         encoding))


@bp.route("/api/map/tiles/works/<int:z>/<int:x>/<int:y>.json")
def works_tile(z, x, y):
    """One tile of the works of a selection: clusters and single works (``web.maps.tiles_data``)."""
    dataset = get_dataset()
    filters = _map_filters(dataset, N_("a map tile is its own bounding box"))
    _check_tile(z, x, y)
    lang = current_lang()
    key = ("works", filters.selection, lang, z, x, y)
    return _tile_response(dataset, key, lambda: tiles_data.works_tile(
        dataset, tiles_data.works_grid(dataset, filters.selection), z, x, y, lang))


@bp.route("/api/map/tiles/needs/<int:z>/<int:x>/<int:y>.json")
def needs_tile(z, x, y):
    """One tile of the needs of a selection and status types."""
    dataset = get_dataset()
    filters = _map_filters(dataset, N_("a map tile is its own bounding box"))
    _check_tile(z, x, y)
    types = tuple(parse_needs_view(request.args).status_types or ())
    lang = current_lang()
    key = ("needs", filters.selection, types, lang, z, x, y)
    return _tile_response(dataset, key, lambda: tiles_data.needs_tile(
        dataset, tiles_data.needs_grid(dataset, filters.selection, types), z, x, y, lang))


@bp.route("/api/map/works/<path:work_id>")
def work_detail(work_id):
    """What a work's popup shows, fetched when it opens: the payload of that one work."""
    return _detail(get_dataset().works, work_id, "work", lambda one, dataset: works_payload(
        one, dataset.districts, lang=current_lang(), labels=map_text().popup,
        work_url=request.script_root + "/works/", query=lang_query()))


@bp.route("/api/map/needs/<path:need_id>")
def need_detail(need_id):
    """What a need's popup shows, fetched when it opens: the payload of that one need."""
    return _detail(get_dataset().needs, need_id, "need", lambda one, dataset: needs_payload(
        one, dataset.districts, lang=current_lang(), labels=map_text().need_popup,
        need_url=request.script_root + "/needs/", query=lang_query()))


def _detail(frame, item_id, word, payload_of):
    if item_id not in frame.index:
        abort(404, description=f"no {word} '{item_id}'")
    payload = payload_of(frame.loc[[item_id]], get_dataset())
    return tag_data_response(Response(script_json(payload), mimetype="application/json"))


def _check_tile(z, x, y):
    if not valid_tile(z, x, y):
        abort(404, description=f"no map tile {z}/{x}/{y}: zoom 0-{MAX_ZOOM}, x and y 0 to 2^zoom - 1")


def _tile_response(dataset, key, build):
    tiles = dataset.memo(("map_tile_bodies", request.script_root),
                         lambda: BoundedLRU(TILE_CACHE_ITEMS, TILE_CACHE_BYTES))

    def body():
        text = tiles_data.tile_json(build())
        return text, len(text)
    return tag_data_response(Response(tiles.get_or_build(key, body), mimetype="application/json"))


def _map_filters(dataset, bbox_message):
    filters = parse_filters(request.args)
    if filters.bbox is not None:
        raise QueryError("bbox", bbox_message)
    require_district(dataset, filters.district)
    return filters


def _shared_response(body_of):
    encoding = request.accept_encodings.best_match(ENCODINGS) or "identity"
    response = Response(body_of(encoding), mimetype="application/json")
    if encoding != "identity":
        response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    return tag_data_response(response, suffix="" if encoding == "identity" else f":{encoding}")


def payload_bytes(dataset, selection, lang, encoding="identity"):
    """The map payload of ``selection`` in ``lang`` for this request's links, encoded."""
    query = lang_query()
    labels = map_text().popup
    key = ("map_works", selection, lang, request.script_root, query)

    def build():
        chosen = select_works(dataset, selection)
        payload = works_payload(chosen, dataset.districts, lang=lang, labels=labels,
                                work_url=request.script_root + "/works/", query=query)
        return script_json(payload).encode()

    return _encoded(dataset, key, build, encoding)


def needs_bytes(dataset, selection, status_types, lang, encoding="identity"):
    """The needs payload of ``selection`` and ``status_types`` in ``lang``, encoded."""
    query = lang_query()
    labels = map_text().need_popup
    key = ("map_needs", selection, tuple(status_types), lang, request.script_root, query)

    def build():
        chosen = select_needs(dataset, selection, status_types=tuple(status_types))
        payload = needs_payload(chosen, dataset.districts, lang=lang, labels=labels,
                                need_url=request.script_root + "/needs/", query=query)
        return script_json(payload).encode()

    return _encoded(dataset, key, build, encoding)


def _encoded(dataset, key, build, encoding):
    """The payload in ``encoding``. Only the brotli and gzip bytes are kept: at 250,000
    works the JSON itself is ~12 MiB against ~6 MiB for both, in every worker, and
    nearly every client takes brotli; one that takes neither gets the gzip inflated
    (~20 ms)."""
    packed = dict(zip(ENCODINGS, dataset.memo(key + ENCODINGS, lambda: _compress_all(build()))))
    if encoding == "identity":
        return gzip.decompress(packed["gzip"])
    return packed[encoding]


def _compress_all(data):
    return tuple(_compress(data, encoding) for encoding in ENCODINGS)


def _compress(data, encoding):
    if encoding == "br":
        return brotli.compress(data, quality=BROTLI_QUALITY)
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def _selection_query(names, args, overrides):
    """The parameters ``names`` of ``args`` (a page's query) with ``overrides``, keys
    sorted so that every page of one selection names the same URL (one cache entry)."""
    values = {name: args.getlist(name) for name in names if args.getlist(name)}
    values.update({name: value for name, value in overrides.items() if value is not None})
    return dict(sorted(values.items()))


def tiles_template(kind, args, **overrides):
    """The URL template (``{z}/{x}/{y}``) of the tiles of ``kind`` ("works", "needs") for
    the selection in ``args``."""
    query = urlencode(_selection_query(PARAMS if kind == "works" else NEED_PARAMS, args, overrides),
                      doseq=True)
    return f"{request.script_root}/api/map/tiles/{kind}/{{z}}/{{x}}/{{y}}.json" + (f"?{query}" if query else "")


def needs_url(args, **overrides):
    """``/api/map/needs`` for the selection in ``args`` (one cache entry per selection)."""
    return url_for("map_works.needs", **_selection_query(NEED_PARAMS, args, overrides))


def init_app(app):
    app.register_blueprint(bp)
