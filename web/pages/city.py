"""``/``: the city map with filters, the works list beside it and city totals."""

import numpy as np
from flask import current_app, render_template, request

from geo.needs import need_positions
from geo.select import ordered_work_ids
from geo.stats import city_totals
from web.opendata.selection import select_work_ids
from web.pages import map_works
from web.snapshot import get_dataset, require_district
from web.i18n import current_lang, url_for_lang
from web.maps.base import render_map_memo
from web.maps.city import MapOptions, NeedsOptions, city_map
from web.metrics import CITY_DEFAULT, METRICS
from web.pages import bp
from web.pages.common import district_choices, lang_query, map_text, work_rows
from web.pages.needs_summary import needs_summary
from web.page_cache import cached_page
from web.params import parse_choice, parse_filters, parse_needs_view, parse_offset
from web.security import csp_nonce

LIST_SIZE = 100  # works listed per page beside the map (the map shows them all)
# Every metric of web.metrics, so that a link from an embed, the planner or the PNG
# opens the same view here, in the order of the page's menu; "per_resident" is the
# name links shared before used.
MENU = ("funding", "funding_per_resident", "works", "share_done")
ALIASES = {"per_resident": "funding_per_resident"}


def metric_label(metric):
    return str(METRICS[metric].label)


def metric_text(metric):
    """How a value of ``metric`` is written in the legend and tooltips."""
    return METRICS[metric].value_text(with_unit=True)


def tile_options():
    """The map's ``tiles`` and ``attribution`` from the config."""
    config = current_app.config
    return {"tiles": config["TILES"], "attribution": config["TILES_ATTRIBUTION"]}


def district_links(dataset):
    """Each district's page, kept per snapshot for this language choice and script root."""
    build = lambda: {d: url_for_lang("pages.district", district_id=d) for d in dataset.districts.index}  # noqa: E731
    memo = getattr(dataset, "memo", None)
    return memo(("district_links", lang_query(), request.script_root), build) if memo else build()


def works_tiles(work_ids, **overrides):
    """The tiles' URL template of this request's selection when its works (``work_ids``)
    are too many to travel inside the page (``MAP_INLINE_WORKS``), else ``None``: the map
    then fetches the clusters and works of its view only (``web.maps.tiles_data``)."""
    if len(work_ids) <= current_app.config["MAP_INLINE_WORKS"]:
        return None
    return map_works.tiles_template("works", request.args, **{"lang": current_lang(), **overrides})


@bp.route("/")
@cached_page
def index():
    filters = parse_filters(request.args)
    asked = request.args.get("metric")
    metric = parse_choice("metric", ALIASES.get(asked, asked), MENU, CITY_DEFAULT)
    offset = parse_offset(request.args.get("offset"))
    needs_view = parse_needs_view(request.args)
    dataset = get_dataset()
    require_district(dataset, filters.district)
    selection = filters.selection
    order = ordered_work_ids(dataset, selection, ["year", "id"], [False, True])
    tiles = works_tiles(order)
    lang = current_lang()
    options = MapOptions(
        metric=metric, lang=lang, text=map_text(metric_label(metric)), value_format="with_unit",
        district_links=district_links(dataset), work_url=request.script_root + "/works/",
        query=lang_query(), list_id="works-list", works_tiles=tiles, needs=needs_options(needs_view, dataset, selection),
        **tile_options())

    def build():
        built = city_map(dataset, None if tiles else dataset.works.loc[order], selection=selection, options=options)
        return built.map, built.legend

    # The options and the selection are everything the map depends on: the key of the rendered map.
    parts, legend = render_map_memo(dataset, ("city_map", selection, options), build,
                                    nonce=csp_nonce(), root=request.script_root)
    return render_template(
        "index.html", map=parts, map_tiled=tiles is not None,
        legend=legend, metric=metric, metric_label=metric_label(metric),
        metric_text=metric_text(metric), metrics={m: metric_label(m) for m in MENU},
        filters=filters, totals=city_totals(dataset, selection), years=dataset.years,
        district_names=district_choices(dataset, lang), needs_view=needs_view,
        needs=needs_summary(dataset, selection, needs_view.status_types),
        **list_page(dataset, filters, order, offset, lang))


@bp.route("/list")
def works_list():
    """The list beside the city map alone (``_works_list.html``): a page of the selection,
    or with ``bbox`` of its works in the map's view, as ``tiles.js`` asks while the reader
    moves the map. The pager's links lead to the same list on ``/``."""
    filters = parse_filters(request.args)
    offset = parse_offset(request.args.get("offset"))
    dataset = get_dataset()
    require_district(dataset, filters.district)
    order = ordered_work_ids(dataset, filters.selection, ["year", "id"], [False, True])
    return render_template("_works_list.html", **list_page(dataset, filters, order, offset, current_lang()))


def list_page(dataset, filters, order, offset, lang):
    """The list's page at ``offset`` of the works in ``order``, only those in ``filters.bbox`` if given."""
    if filters.bbox is not None:
        # The view's works (an index query) put in the list's order by their rank in it,
        # kept per selection: not a lookup of every work of the selection per move.
        in_view = dataset.works.index.get_indexer(select_work_ids(dataset, filters))
        order = dataset.works.index[in_view[np.argsort(_ranks(dataset, filters.selection, order)[in_view],
                                                        kind="stable")]]
    return {"works": work_rows(dataset, dataset.works.loc[order[offset:offset + LIST_SIZE]], lang),
            "total_works": len(order), "offset": offset, "list_size": LIST_SIZE,
            "in_view": filters.bbox is not None}


def _ranks(dataset, selection, order):
    """Each work's place in ``order`` (the list of ``selection``), by position in the works."""
    def build():
        ranks = np.full(len(dataset.works), len(dataset.works), dtype=np.int64)
        ranks[dataset.works.index.get_indexer(order)] = np.arange(len(order))
        return ranks
    return dataset.memo(("list_ranks", selection), build)


def needs_options(view, dataset, selection, **overrides):
    """The city map's needs layer: always in the layer switch, on with ``needs=1``, its
    needs fetched (``/api/map/needs``) only once it is on: the map without them pays nothing.
    Above ``MAP_INLINE_WORKS`` needs of the selection, the layer is tiled as the works."""
    return NeedsOptions(shown=view.shown, status_types=view.status_types or (),
                        need_url=request.script_root + "/needs/", url_param="needs",
                        src=map_works.needs_url(request.args, **overrides),
                        tiles=needs_tiles(dataset, selection, view, **overrides))


def needs_tiles(dataset, selection, view, **overrides):
    """The needs' tiles URL template when the selection's needs are too many to fetch whole."""
    types = tuple(view.status_types or ())
    count = dataset.memo(("needs_count", selection, types),
                         lambda: len(need_positions(dataset, selection, status_types=types)))
    if count <= current_app.config["MAP_INLINE_WORKS"]:
        return None
    return map_works.tiles_template("needs", request.args, **{"lang": current_lang(), **overrides})
