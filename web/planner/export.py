"""The planner report as JSON (``/api/stats``) and as CSV (``/planner.csv``).

Both carry the figures of the page's table (``geo.planner.TABLE_COLUMNS``). JSON
keeps the codes and full precision and has no NaN (missing values are ``null``).
The CSV is for people with a spreadsheet: headers, yes/no, kinds, reasons and
clusters in the reader's language, each figure rounded to what it means (money and
per resident to whole tenge, shares to 0.1 %, km to 0.1, Moran's I and p to 3
decimals); an empty cell is a missing value (a share of too few needs).
"""

import math

import numpy as np
import pandas as pd

from flask_babel import gettext

from geo import vocab
from geo.planner import TABLE_COLUMNS
from web.opendata.csvfile import excel_csv
from web.planner import text



def json_safe(value):
    """A plain JSON value: numpy scalars unwrapped, NaN/NA -> None, tuples -> lists."""
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    return value


def district_records(table):
    """One JSON object per district: ``id`` then every table column."""
    return [{"id": str(district_id), **{c: json_safe(row[c]) for c in TABLE_COLUMNS}}
            for district_id, row in table.iterrows()]


def stats_payload(report):
    """The whole report for ``/api/stats``: the city's and each district's figures,
    the needs figures among them (``geo.needs.STATS_KEYS``, from the planner table)."""
    period = report.period
    return json_safe({
        "period": {"first": period[0], "last": period[1]} if period else None,
        "filters": {"category": list(report.selection.categories),
                    "status": list(report.selection.statuses)},
        "city": report.totals,
        "balance_index": report.totals["balance_index"],
        "balance_by_year": report.balance.to_dict(orient="records"),
        "rule": report.rule,
        "classification": _classification(report.classes),
        "clusters": _clusters(report.clusters),
        "needs_balance": {key: value.as_dict() if hasattr(value, "as_dict") else value
                          for key, value in report.needs_balance.items()},
        "districts": district_records(report.table),
    })


def _classification(classes):
    return {"scheme": classes.scheme, "k": classes.k, "k_requested": classes.k_requested,
            "classes": [{"class": i + 1, "lower": lo, "upper": hi, "count": n}
                        for i, (lo, hi, n) in enumerate(zip(classes.lower, classes.upper,
                                                            classes.counts))]}


def _clusters(clusters):
    return {"statistic": "local_moran", "variable": "funding_per_resident_kzt",
            "weights": clusters.weights, "significance": clusters.significance,
            "permutations": clusters.permutations, "seed": clusters.seed,
            "counts": clusters.table["quadrant"].value_counts().to_dict()}


def table_csv(report, lang):
    """The table as CSV bytes in the one download format (``web.opendata.csvfile``),
    in ``lang`` (see the module docstring)."""
    table = report.table
    name = table[f"name_{lang}"].fillna(table["name_ru"]) if f"name_{lang}" in table else \
        table["name_ru"]
    yes, no = gettext("yes"), gettext("no")
    columns = {
        gettext("Rank"): table["rank"],
        gettext("District"): name,
        gettext("Kind"): table["kind"].map(lambda code: vocab.label(vocab.DISTRICT_KINDS, code, lang)),
        gettext("Population"): table["population"],
        gettext("Distance from the centre, km"): _rounded(table["distance_km"], 1),
        gettext("Works"): table["works"],
        **{vocab.label(vocab.STATUSES, code, lang): table[f"works_{code}"] for code in vocab.STATUSES},
        gettext("Funding, ₸"): table["funding_kzt"],
        gettext("Funding per resident, ₸"): _rounded(table["funding_per_resident_kzt"], 0),
        gettext("Share of works done, %"): _rounded(table["share_done"] * 100, 1),
        gettext("Years without works"): table["years_without_work"],
        gettext("Underserved"): table["underserved"].map(lambda flag: yes if flag else no),
        gettext("Reasons"): [
            "; ".join(text.reason_texts(row, report.rule)) for _, row in table.iterrows()],
        gettext("Needs met, %"): _rounded(pd.to_numeric(table["needs_met_share"]) * 100, 1),
        gettext("Needs counted"): table["needs_counted"],
        gettext("Needs waiting over a year"): table["needs_waiting_over_year"],
        gettext("Funding class"): table["funding_class"],
        gettext("Cluster"): table["cluster"].map(lambda code: str(text.CLUSTER_NAMES[code])),
        gettext("Moran's I"): _rounded(table["moran_i"], 3),
        gettext("p-value"): _rounded(table["p_value"], 3),
    }
    frame = pd.DataFrame(columns, index=table.index)
    frame.index.name = "id"
    return excel_csv(frame, index=True).encode("utf-8")


def _rounded(values, digits):
    """``values`` rounded; whole numbers as integers, -0.0 as 0, missing kept missing."""
    values = pd.to_numeric(values, errors="coerce").astype("float64").round(digits) + 0.0
    return values.astype("Int64") if digits == 0 else values
