"""``/needs/<id>``: one need's trail from the meeting where it was raised to its result."""

from flask import abort, current_app, render_template, request

from web.i18n import current_lang
from web.maps.base import render_map
from web.maps.need import need_map
from web.pages import bp
from web.pages.common import lang_query, map_text, work_rows
from web.pages.need_data import need_trail
from web.security import csp_nonce
from web.snapshot import get_dataset
from web.write import need_trail as public_history


@bp.route("/needs/<need_id>")
def need(need_id):
    dataset = get_dataset()
    if need_id not in dataset.needs.index:
        abort(404)
    lang = current_lang()
    trail = need_trail(dataset, need_id, lang)
    works = dataset.works.loc[list(trail["work_ids"])]
    rows = {row["id"]: row for row in work_rows(dataset, works, lang)}
    dates = {w: {key: _day(works.at[w, key]) for key in ("start", "finish")} for w in works.index}
    parts = None
    if trail["point"] is not None:
        m = need_map(dataset, need_id, works, lang=lang, text=map_text(),
                     work_url=request.script_root + "/works/", need_url=request.script_root + "/needs/",
                     query=lang_query(), tiles=current_app.config["TILES"],
                     attribution=current_app.config["TILES_ATTRIBUTION"])
        parts = render_map(m, nonce=csp_nonce(), root=request.script_root)
    return render_template("need.html", map=parts, need=trail, history=public_history(need_id),
                           works=[dict(rows[w], **dates[w]) for w in trail["work_ids"]])


def _day(value):
    return None if value is None or value != value else value.date()
