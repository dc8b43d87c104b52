"""The public tables of open data: what the API, OGC items and downloads show.

One place decides which columns leave the server and how they are rounded, so
that a district's figures are the same in ``/api``, ``/ogc`` and a CSV file.
Imports no Flask.
"""

import numpy as np
import pandas as pd

from geo.select import select_funding
from geo.stats import district_totals
from web.opendata.geojson import WORK_PROPERTIES
from web.opendata.selection import select_work_ids
from web.snapshot import require_district

# column -> decimals for the float columns of the district statistics
DISTRICT_ROUNDING = {"area_km2": 3, "distance_km": 3, "funding_per_resident_kzt": 2,
                     "funding_per_km2_kzt": 0, "share_done": 4}
FUNDING_COLUMNS = ("record_id", "work_id", "year", "amount_kzt", "source", "approved", "note")


def district_statistics(dataset, filters):
    """Every district with its statistics for the period and filters, in Dataset order.

    The ``district`` and ``bbox`` filters do not change the figures (they choose
    rows, see :func:`web.opendata.selection.select_district_ids`). ``underserved_reasons``
    is a comma-separated string so that the table fits CSV and GeoPackage too.
    """
    table = district_totals(dataset, filters.selection).reindex(dataset.districts.index)
    for column, decimals in DISTRICT_ROUNDING.items():
        table[column] = table[column].astype(float).round(decimals)
    table["underserved_reasons"] = [",".join(codes) for codes in table["underserved_reasons"]]
    table.insert(0, "id", table.index)
    return table


def district_properties(table):
    """The rows of :func:`district_statistics` as JSON-ready dicts, by district id."""
    plain = table.drop(columns=["id"]).astype(object)
    plain = plain.where(pd.notna(table.drop(columns=["id"])), None)
    return {district_id: {k: _plain(v) for k, v in row.items()}
            for district_id, row in zip(table.index, plain.to_dict("records"))}


def works_table(dataset, ids):
    """The public columns of the works ``ids`` (in that order) with their geometry."""
    works = dataset.works.loc[ids]
    table = works[["id", *WORK_PROPERTIES, "geometry"]].copy()
    table["district_ids"] = [",".join(v) for v in table["district_ids"]]
    table["start"] = table["start"].dt.date
    table["finish"] = table["finish"].dt.date
    return table


def funding_table(dataset, filters):
    """The funding records (whole, not split) of the selected works and period."""
    require_district(dataset, filters.district, param="district")  # an error, not an empty file
    funding = select_funding(dataset, filters.selection)
    if filters.bbox is not None:
        funding = funding[funding["work_id"].isin(select_work_ids(dataset, filters))]
    table = funding[list(FUNDING_COLUMNS)].copy()
    table["approved"] = pd.to_datetime(table["approved"]).dt.date
    return table.reset_index(drop=True)


def work_funding(dataset, work_id):
    """The funding records of one work as JSON-ready dicts, oldest year first."""
    records = dataset.funding[dataset.funding["work_id"] == work_id].sort_values(
        ["year", "record_id"])
    rows = records[list(FUNDING_COLUMNS)].astype(object).where(records.notna(), None)
    return [{k: _plain(v) for k, v in row.items()} for row in rows.to_dict("records")]


def _plain(value):
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value
