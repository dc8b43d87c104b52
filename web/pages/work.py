"""``/works/<id>``: one work with its map, funding records, progress, dates, districts."""

import pandas as pd
from flask import abort, current_app, render_template, request

from web.snapshot import get_dataset
from web.i18n import current_lang
from web.maps.base import render_map
from web.maps.detail import detail_map
from web.maps.need import add_needs
from web.labels import data_name, name_column
from web.pages import bp
from geo.needs import needs_of_work
from web.pages.common import lang_query, map_text, work_rows
from web.pages.need_data import need_items
from web.security import csp_nonce


def work_districts(dataset, work_id, lang):
    """``[(district_id, name, share)]`` of the districts a work lies in, largest share first."""
    shares = dataset.shares[(dataset.shares["work_id"] == work_id) & dataset.shares["district_id"].notna()]
    names = name_column(dataset.districts, "name", lang)
    shares = shares.sort_values(["share", "district_id"], ascending=[False, True])
    return [(d, names.get(d, d), float(s)) for d, s in zip(shares["district_id"], shares["share"])]


def funding_records(dataset, work_id):
    """The work's funding records, by year then source, as plain dicts."""
    records = dataset.funding[dataset.funding["work_id"] == work_id].sort_values(["year", "source", "record_id"])
    return [{"year": int(r.year), "source": r.source, "amount_kzt": int(r.amount_kzt),
             "approved": None if pd.isna(r.approved) else r.approved.date(),
             "note": r.note if isinstance(r.note, str) else ""} for r in records.itertuples()]


@bp.route("/works/<work_id>")
def work(work_id):
    dataset = get_dataset()
    if work_id not in dataset.works.index:
        abort(404)
    lang = current_lang()
    works = dataset.works.loc[[work_id]]
    row = dataset.works.loc[work_id]
    districts = work_districts(dataset, work_id, lang)
    text = map_text()
    m = detail_map(dataset, works, [d for d, _, _ in districts], lang=lang, text=text,
                   work_url=request.script_root + "/works/", query=lang_query(),
                   tiles=current_app.config["TILES"], attribution=current_app.config["TILES_ATTRIBUTION"])
    need_ids = needs_of_work(dataset, work_id)
    needs_drawn = add_needs(m, dataset, dataset.needs.loc[list(need_ids)], lang=lang, text=text,
                            need_url=request.script_root + "/needs/", query=lang_query())
    anchor = row.geometry.representative_point() if row.geometry is not None and not row.geometry.is_empty else None
    return render_template(
        "work.html", map=render_map(m, nonce=csp_nonce(), root=request.script_root),
        work=work_rows(dataset, works, lang)[0], row=row, districts=districts,
        records=funding_records(dataset, work_id), anchor=anchor,
        needs=need_items(dataset, need_ids, lang), needs_drawn=needs_drawn,
        title=data_name(row, "title", lang, default=work_id),
        dates={key: None if pd.isna(row.get(key)) else row.get(key).date() for key in ("start", "finish")})
