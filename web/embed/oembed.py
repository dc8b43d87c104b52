"""oEmbed 1.0 (https://oembed.com): ``/oembed?url=...`` answers a ``rich`` iframe of the map.

The URL of a map page on this host (``/``, ``/embed/map``, ``/planner``, ``/near``,
``/districts/<id>``, ``/works/<id>`` and ``/needs/<id>`` as their district) becomes the embed of the same
map; anything else is 404. Only JSON is offered (XML: 501).
"""

from urllib.parse import parse_qsl, unquote, urlsplit

from flask import Blueprint, abort, request, url_for
from flask_babel import force_locale, gettext
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import NotFound

from web.snapshot import get_dataset, require_district
from web.embed.params import DEFAULT_SIZE, MIN_PX, embed_query, parse_embed, parse_pixels
from web.embed.text import title_of
from web.errors import json_response
from web.params import N_, QueryError
from web.context import city_name
from web.embed.snippets import iframe_html
from web.opendata import open_data

bp = open_data(Blueprint("oembed", __name__), cors=False)
CACHE_AGE = 3600
MAX_REQUESTED = 10_000
CITY_MAP_PATHS = ("/", "/embed/map", "/planner", "/near")


def resolve(url, root_url, dataset):
    """The embed parameters of a page ``url`` of this app, or ``None`` if it serves none."""
    parts, root = urlsplit(url), urlsplit(root_url)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != root.netloc.lower():
        return None
    prefix = root.path.rstrip("/")
    if not parts.path.startswith(prefix + "/"):
        return None
    path = parts.path[len(prefix):]
    args = MultiDict(parse_qsl(parts.query))
    section, _, item = path[1:].partition("/")
    item = unquote(item)  # the id as the page's route decodes it
    if section == "districts" and item and "/" not in item:
        args.setlist("district", [item])
    elif section == "works" and item in dataset.works.index:
        district = dataset.works.at[item, "district_id"]
        args.setlist("district", [district] if district else [])
    elif section == "needs" and item in dataset.needs.index:
        args.setlist("district", [dataset.needs.at[item, "district_id"]])
        args.setlist("needs", ["1"])
    elif path not in CITY_MAP_PATHS:
        return None
    try:
        params = parse_embed(args)
        require_district(dataset, params.filters.district)
    except (QueryError, NotFound):
        return None
    return params


def parse_max(name):
    return parse_pixels(name, request.args.get(name), 1, MAX_REQUESTED)


@bp.route("/oembed")
def oembed():
    if (request.args.get("format") or "json") != "json":
        abort(501, "only format=json is offered")
    if not (request.args.get("url") or "").strip():
        raise QueryError("url", N_("is required"))
    maxwidth, maxheight = parse_max("maxwidth"), parse_max("maxheight")
    dataset = get_dataset()
    params = resolve(request.args["url"].strip(), request.url_root, dataset)
    if params is None:
        abort(404, "this URL is not a map served here")
    width = min(DEFAULT_SIZE[0], maxwidth or DEFAULT_SIZE[0])
    height = min(DEFAULT_SIZE[1], maxheight or DEFAULT_SIZE[1])
    query = dict(embed_query(params))
    src = url_for("embed.map_page", **query, _external=True)
    with force_locale(params.filters.lang):
        title = title_of(dataset, params, params.filters.lang)
        provider = f"{gettext('Outskirts development programme')} · {city_name()}"
    payload = {"version": "1.0", "type": "rich", "title": title, "provider_name": provider,
               "provider_url": url_for("pages.index", _external=True), "cache_age": CACHE_AGE,
               "html": str(iframe_html(src, width, height, title)), "width": width, "height": height}
    if width >= MIN_PX and height >= MIN_PX:  # the PNG's smallest size
        payload.update(thumbnail_url=url_for("embed.map_png", **query, width=width, height=height,
                                             _external=True),
                       thumbnail_width=width, thumbnail_height=height)
    return json_response(payload, headers={"Cache-Control": f"public, max-age={CACHE_AGE}"})
