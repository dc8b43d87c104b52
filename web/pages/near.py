"""``/near``: works within a radius of a point (typed, clicked or the browser's location)."""

from flask import current_app, render_template, request

from web.snapshot import get_dataset, require_district
from web.i18n import current_lang
from web.maps.base import render_map
from web.maps.near import near_map
from web.labels import data_name
from web.pages import bp
from web.pages.common import lang_query, map_text, work_rows
from web.pages.near_data import works_near
from web.params import (DEFAULT_RADIUS_M, MAX_RADIUS_M, N_, QueryError, parse_filters,
                        parse_point)
from web.security import csp_nonce

LIST_MAX = 200  # works listed; the map shows them all


def near_query(args):
    """``(result or None, filters)`` for a request; ``QueryError`` on bad input."""
    filters = parse_filters(args)
    dataset = get_dataset()
    require_district(dataset, filters.district)
    if not (args.get("lat") or args.get("lon")):
        return None, filters
    lon, lat, radius_m = parse_point(args)
    _check_in_city(dataset, lon, lat)
    return works_near(dataset, lon, lat, radius_m, filters.selection), filters


def required_near_query(args):
    """Like :func:`near_query` for routes that need a point (the API and the feed)."""
    result, filters = near_query(args)
    if result is None:
        raise QueryError("lat", N_("lat and lon are both required"))
    return result, filters


def _check_in_city(dataset, lon, lat):
    # A point far outside the city is nearly always lat and lon swapped: say so, not "no works".
    extent = dataset.city.extent
    if extent is not None and not (extent[0] <= lon <= extent[2] and extent[1] <= lat <= extent[3]):
        raise QueryError("lat", N_("the point %(lat)s, %(lon)s lies outside the city; "
                                   "are lat and lon swapped?"), lat=lat, lon=lon)


@bp.route("/near")
def near():
    result, filters = near_query(request.args)
    dataset = get_dataset()
    lang = current_lang()
    m = near_map(dataset, result, lang=lang, text=map_text(), work_url=request.script_root + "/works/",
                 query=lang_query(), list_id="near-list", tiles=current_app.config["TILES"],
                 attribution=current_app.config["TILES_ATTRIBUTION"])
    works, district_name = [], None
    if result is not None:
        listed = result.works.iloc[:LIST_MAX]
        works = list(zip(work_rows(dataset, listed, lang), result.distances_m[:LIST_MAX].round()))
        if result.district_id is not None:
            district_name = data_name(dataset.districts.loc[result.district_id], "name", lang,
                                      default=result.district_id)
    return render_template(
        "near.html", map=render_map(m, nonce=csp_nonce(), root=request.script_root), result=result,
        works=works, total=0 if result is None else len(result.works), district_name=district_name,
        default_radius=DEFAULT_RADIUS_M, max_radius=MAX_RADIUS_M, filters=filters)
