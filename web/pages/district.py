"""``/districts/<id>``: the district's map, works, funding, comparison and meetings."""

from dataclasses import replace
from datetime import date

from flask import current_app, render_template, request

from geo.select import select_works
from web.snapshot import get_dataset, require_district
from web.i18n import current_lang, url_for_lang
from web.maps.base import render_map
from web.maps.detail import detail_map
from web.labels import data_name
from web.pages import bp
from web.pages.common import lang_query, map_text, work_rows
from web.pages.need_data import localized_timeline
from web.pages.district_data import (compare_with_city, funding_table, last_meeting, meetings_of,
                                     next_meeting, timeline, works_money)
from web.params import parse_filters
from web.security import csp_nonce


@bp.route("/districts/<district_id>")
def district(district_id):
    filters = parse_filters(request.args)
    dataset = get_dataset()
    row = require_district(dataset, district_id)
    lang = current_lang()
    selection = replace(filters.selection, district=district_id)
    works = select_works(dataset, selection).sort_values(["year", "id"], ascending=[False, True])
    m = detail_map(dataset, works, [district_id], lang=lang, text=map_text(), list_id="district-works",
                   work_url=request.script_root + "/works/", query=lang_query(),
                   tiles=current_app.config["TILES"], attribution=current_app.config["TILES_ATTRIBUTION"])
    meetings = meetings_of(dataset, district_id, lang, date.today())
    return render_template(
        "district.html", map=render_map(m, nonce=csp_nonce(), root=request.script_root),
        district_id=district_id, district=row, name=data_name(row, "name", lang, default=district_id),
        works=work_rows(dataset, works, lang), works_money=works_money(dataset, district_id, works),
        funding=funding_table(dataset, district_id, selection),
        comparison=compare_with_city(dataset, district_id, selection),
        timeline=timeline(meetings), next_meeting=next_meeting(meetings),
        last_meeting=last_meeting(meetings), calendar=calendar_urls(district_id), filters=filters,
        needs_years=dataset.memo(("needs_timeline", district_id, lang),
                                 lambda: localized_timeline(dataset, district_id, lang)))


def calendar_urls(district_id):
    """``{"download": …, "subscribe": webcal://…}`` of the district's meetings calendar."""
    url = url_for_lang("pages.district_meetings", district_id=district_id, _external=True)
    return {"download": url, "subscribe": "webcal://" + url.split("://", 1)[1]}
