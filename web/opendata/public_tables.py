"""The public tables of open data: what the API, OGC items and downloads show.

One place decides which columns leave the server and how they are rounded, so
that a district's figures are the same in ``/api``, ``/ogc`` and a CSV file.
Imports no Flask.
"""

from urllib.parse import quote

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import vocab
from geo.needs import need_money_kzt
from geo.select import select_funding
from geo.stats import district_totals
from web.labels import name_column
from web.opendata.geojson import WORK_PROPERTIES
from web.opendata.selection import select_work_ids
from web.snapshot import require_district

# column -> decimals for the float columns of the district statistics
DISTRICT_ROUNDING = {"area_km2": 3, "distance_km": 3, "funding_per_resident_kzt": 2,
                     "funding_per_km2_kzt": 0, "share_done": 4}
FUNDING_COLUMNS = ("record_id", "work_id", "year", "amount_kzt", "source", "approved", "note")

# The columns of Dataset.needs that may leave the server: an allow-list, so that a
# column added to needs later (a resident's contact, say) stays in unless named here.
NEED_COLUMNS = ("id", "district_id", "year", "cycle", "raised_on", "title_ru", "title_kk",
                "title_en", "category", "status", "status_type", "status_on", "answer_ru",
                "answer_kk", "work_ids", "source", "supporters")
# What a need shows, in order: the allowed columns (but ``id``, the feature's own) with
# ``title`` and ``answer`` in the reader's language, its money and its page added.
NEED_PROPERTIES = ("district_id", "year", "cycle", "raised_on", "title", "title_ru", "title_kk",
                   "title_en", "category", "status", "status_type", "status_on", "answer",
                   "answer_ru", "answer_kk", "work_ids", "source", "supporters", "money_kzt",
                   "url")


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


def needs_table(dataset, ids, lang, root):
    """The public columns of the needs ``ids`` (in that order): a GeoDataFrame.

    ``title`` and ``answer`` are in ``lang`` (falling back as :mod:`web.labels` does;
    ``answer`` is None when there is none in any language), ``money_kzt`` is the
    funding of the works answering the need (:func:`geo.needs.need_money_kzt`) and
    ``url`` its page, ``root`` + ``needs/<id>`` (``root`` ends with ``/``).
    """
    needs = dataset.needs.loc[ids]
    table = needs[list(NEED_COLUMNS)].copy()
    table.insert(table.columns.get_loc("title_ru"), "title", name_column(needs, "title", lang))
    table.insert(table.columns.get_loc("answer_ru"), "answer", _answer(needs, lang))
    money = dataset.memo(("need_money_kzt",), lambda: need_money_kzt(dataset))
    table["money_kzt"] = money.reindex(table.index).to_numpy()
    plain = table.index.str.fullmatch(r"[A-Za-z0-9._~-]+")  # most ids need no quoting
    table["url"] = [f"{root}needs/{need_id if ok else quote(need_id, safe='')}"
                    for need_id, ok in zip(table.index, plain)]
    return gpd.GeoDataFrame(table, geometry=needs.geometry.to_numpy(), crs=needs.crs)


def need_labels(table, lang):
    """``table`` with the names of its codes in ``lang`` beside them (for spreadsheets)."""
    table = table.copy()
    for column, vocabulary in (("category", vocab.CATEGORIES), ("status", vocab.NEED_STATUSES),
                               ("status_type", vocab.NEED_STATUS_TYPES),
                               ("source", vocab.NEED_SOURCES)):
        table.insert(table.columns.get_loc(column) + 1, f"{column}_name",
                     [vocab.label(vocabulary, code, lang) for code in table[column]])
    return table


def _answer(needs, lang):
    given = pd.Series(False, index=needs.index)
    for column in ("answer_ru", "answer_kk"):
        given |= needs[column].fillna("").astype(str).str.strip() != ""
    return name_column(needs, "answer", lang).where(given, None)


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
