"""Maps for news articles: ``/embed/map`` (for an iframe), its PNG, ``resize.js``, the builder."""

from flask import Blueprint, current_app, render_template, request, send_from_directory, url_for
from flask_babel import gettext

from geo import vocab
from geo.select import ordered_work_ids
from geo.stats import city_totals
from web.assets import STATIC_DIR
from web.snapshot import get_dataset, require_district
from web.embed.builder import builder_context
from web.embed.params import embed_query, parse_embed, parse_size, with_lang
from web.embed.png import map_png
from web.embed.text import attribution_text, metric_label_text, title_of, work_rows
from web.i18n import current_lang
from web.maps.base import render_map_memo
from web.metrics import METRICS
from web.maps.city import MapOptions, NeedsOptions, city_map
from web.pages.city import needs_tiles, tile_options, works_tiles
from web.pages.map_works import needs_url
from web.pages.common import map_text
from web.security import csp_nonce, embeddable

bp = Blueprint("embed", __name__)
STATUS_COLOURS = [(code, vocab.status_colour(code)) for code in vocab.STATUSES]
PNG_SIZE = (800, 600)
ONE_DAY = 24 * 3600


def _embed_params(dataset):
    params = with_lang(parse_embed(request.args), current_lang())
    require_district(dataset, params.filters.district)
    return params


@bp.route("/embed/map")
@embeddable
def map_page():
    dataset = get_dataset()
    params = _embed_params(dataset)
    lang = params.filters.lang
    # The order of the table of works below the map (memoised), so the map's works need no sort.
    order = ordered_work_ids(dataset, params.selection, ["funding_kzt", "id"], [False, True])
    tiles = works_tiles(order, lang=lang)
    # The city map's builder; the embed lives in an iframe, so work links open a new tab.
    options = MapOptions(
        metric=params.metric, lang=lang, text=map_text(metric_label_text(params.metric)),
        value_format="plain", work_url=request.script_root + "/works/", query=f"?lang={lang}",
        focus_selected=True, link_target="_blank", gesture_text=gesture_text(), layer_control=False,
        works_tiles=tiles, needs=embed_needs(dataset, params, lang), **tile_options())

    def build():
        built = city_map(dataset, None if tiles else dataset.works.loc[order], selection=params.selection,
                         options=options)
        return built.map, built.legend

    parts, legend = render_map_memo(dataset, ("city_map", params.selection, options), build,
                                    nonce=csp_nonce(), root=request.script_root)
    rows, shown = work_rows(dataset, params.selection, lang)
    query = embed_query(params)
    return render_template(
        "embed/map.html", map=parts,
        title=title_of(dataset, params, lang), totals=city_totals(dataset, params.selection),
        rows=rows, shown=shown, metric_label=METRICS[params.metric].label,
        classes=[((e.lower, e.upper), e.colour) for e in legend if e.lower is not None],
        statuses=STATUS_COLOURS, needs_shown=params.needs.shown,
        attribution=attribution_text(dataset), full_map_url=url_for("pages.index", **dict(embed_query(params, title=False))),
        png_url=url_for("embed.map_png", **dict(query), width=PNG_SIZE[0], height=PNG_SIZE[1]),
        png_size=PNG_SIZE, share_params=dict(query))


def embed_needs(dataset, params, lang):
    """The embed's needs layer when it asks for one (always on: an embed has no layer switch)."""
    if not params.needs.shown:
        return None
    return NeedsOptions(shown=True, status_types=params.needs.status_types or (),
                        need_url=request.script_root + "/needs/", src=needs_url(request.args, lang=lang),
                        tiles=needs_tiles(dataset, params.selection, params.needs, lang=lang))


def gesture_text():
    return {"touch": gettext("Use two fingers to move the map"),
            "scroll": gettext("Use ctrl + scroll to zoom the map"),
            "scrollMac": gettext("Use \u2318 + scroll to zoom the map")}


@bp.route("/embed/map.png", endpoint="map_png")
@embeddable
def map_png_view():
    dataset = get_dataset()
    params = _embed_params(dataset)
    width, height = parse_size(request.args, PNG_SIZE)
    png, etag = map_png(dataset, params, width, height)
    response = current_app.response_class(png, mimetype="image/png")
    response.set_etag(etag)
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    if request.args.get("lang") is None:  # the words were chosen by Accept-Language
        response.vary.add("Accept-Language")
    return response.make_conditional(request)


@bp.route("/embed/resize.js")
@embeddable
def resize_js():
    # A stable URL (pasted into articles), so a short cache rather than a hashed name.
    return send_from_directory(STATIC_DIR, "resize.js", max_age=ONE_DAY,
                               mimetype="text/javascript")


@bp.route("/embed")
def builder():
    return render_template("embed/builder.html", **builder_context(get_dataset(), request.args))

