"""Views of the planner (page, CSV): parse the query, ask ``geo`` for the report, render it."""

import pandas as pd
from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import format_decimal, gettext

from geo import vocab
from geo.planner import planner_report
from web.snapshot import get_dataset
from web.i18n import current_lang, format_kzt
from web.maps.base import render_map
from web.maps.choropleth import class_colours
from web.maps.planner import CLUSTER_STYLES, planner_map
from web.planner import text
from web.planner.columns import GROUPS as COLUMN_GROUPS
from web.planner.export import table_csv
from web.planner.query import parse_planner_query
from web.security import csp_nonce

bp = Blueprint("planner", __name__)


def report_of_request():
    query = parse_planner_query(request.args)
    report = planner_report(get_dataset(), query.selection, scheme=query.scheme, k=query.k)
    return query, report


@bp.route("/planner")
def page():
    query, report = report_of_request()
    table = _with_names(report.table)
    m = planner_map(get_dataset().districts, report, tooltips=_tooltips(table, report),
                    layer_names={"funding": gettext("Funding per resident"),
                                 "clusters": gettext("Clusters (Local Moran's I)")},
                    tiles=current_app.config["TILES"],
                    attribution=current_app.config["TILES_ATTRIBUTION"])
    return render_template(
        "planner.html", query=query, report=report, table=table, text=text,
        map=render_map(m, nonce=csp_nonce(), root=request.script_root),
        legend=list(zip(class_colours(report.classes.k),
                        report.classes.labels(format_kzt), report.classes.counts)),
        cluster_styles=CLUSTER_STYLES, charts=_charts(report, table),
        periods=_period_choices(get_dataset().years), status_codes=list(vocab.STATUSES),
        column_groups=COLUMN_GROUPS,
    )


@bp.route("/planner.csv")
def download():
    query, report = report_of_request()
    period = text.period_text(report.period).replace("–", "-")
    return Response(table_csv(report, current_lang()), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="planner-{period}.csv"'})


def _with_names(table):
    return table.assign(name=table[f"name_{current_lang()}"].fillna(table["name_ru"]))


def _tooltips(table, report):
    tips = {}
    for district_id, row in table.iterrows():
        per_resident = row["funding_per_resident_kzt"]
        shown = format_kzt(per_resident) if pd.notna(per_resident) else "—"
        lines = [row["name"], gettext("Funding per resident: %(value)s", value=shown),
            gettext("Cluster: %(value)s", value=text.CLUSTER_NAMES[row["cluster"]])]
        lines += text.reason_texts(row, report.rule)
        tips[district_id] = lines
    return tips


def _charts(report, table):
    # Drawing takes Matplotlib most of a second: keep the SVGs with the snapshot.
    key = ("planner_charts", report.selection, current_lang())
    return get_dataset().memo(key, lambda: _draw_charts(report, table))


def _draw_charts(report, table):
    # Imported here, not with the blueprint: Matplotlib is ~30 MiB that a worker which
    # never serves the planner's page should not hold.
    from web.planner import charts

    kinds = {code: vocab.label(vocab.DISTRICT_KINDS, code, current_lang())
             for code in vocab.DISTRICT_KINDS}
    drawn = {}
    for narrow, suffix in ((False, ""), (True, "_narrow")):  # CSS shows one by the screen's width
        drawn["balance" + suffix] = charts.balance_chart(
            report.balance, title=gettext("Balance index by programme year"),
            labels={"balanced": gettext("1 = balanced"), "axis": gettext("Balance index"),
                    "none": "—"},
            number=lambda v: format_decimal(v, format="#,##0.00"), narrow=narrow)
        drawn["scatter" + suffix] = charts.scatter_chart(
            table, title=gettext("Funding per resident against distance from the centre"),
            labels={"x": gettext("Distance from the centre, km"),
                    "y": gettext("Funding per resident, ₸"),
                    "underserved": gettext("filled: underserved")},
            kind_names=kinds, number=lambda v: format_decimal(v, format="#,##0"),
            decimal=lambda v: format_decimal(v, format="#,##0.#"), narrow=narrow)
    return drawn


def _period_choices(years):
    """Every single year and every range of the data's years, as ``year`` values."""
    choices = []
    for i, first in enumerate(years):
        for last in years[i:]:
            choices.append(str(first) if first == last else f"{first}-{last}")
    return choices
