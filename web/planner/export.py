"""The planner report as JSON (``/api/stats``) and as CSV (``/planner.csv``).

Both carry the same table columns as the page (``geo.planner.TABLE_COLUMNS``);
JSON has no NaN (missing values are ``null``).
"""

import math

import numpy as np
import pandas as pd

from geo.planner import TABLE_COLUMNS
from web.opendata.csvfile import excel_csv



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


def stats_payload(report, needs=None):
    """The whole report for ``/api/stats``; ``needs`` (:func:`geo.needs.needs_stats` of the
    same selection) adds the needs figures to the city and to each district."""
    period = report.period
    needs = needs or {"city": {}, "districts": {}}
    districts = [{**record, **needs["districts"].get(record["id"], {})}
                 for record in district_records(report.table)]
    return json_safe({
        "period": {"first": period[0], "last": period[1]} if period else None,
        "filters": {"category": list(report.selection.categories),
                    "status": list(report.selection.statuses)},
        "city": {**report.totals, **needs["city"]},
        "balance_index": report.totals["balance_index"],
        "balance_by_year": report.balance.to_dict(orient="records"),
        "rule": report.rule,
        "classification": _classification(report.classes),
        "clusters": _clusters(report.clusters),
        "districts": districts,
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


def table_csv(table):
    """The table as CSV bytes in the one download format (``web.opendata.csvfile``);
    reasons joined by ``,``."""
    frame = table[TABLE_COLUMNS].copy()
    frame["underserved_reasons"] = frame["underserved_reasons"].map(",".join)
    frame.index.name = "id"
    return excel_csv(frame, index=True).encode("utf-8")
