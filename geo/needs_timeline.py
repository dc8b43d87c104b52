"""A district's needs year by year along the three meeting cycles, as plain data.

For each year: what was raised (cycle 1), what was scheduled by cycle 2 with its
works, what was met by cycle 3 (by the cycle-3 meeting's date, or 31 December
when the year has none) with the share and its count, and what still waits,
oldest first. The share follows :mod:`geo.needs` with the period ending on that
date.
"""

import pandas as pd

from geo.needs import MetShare, counted_mask, resolve_as_of, select_needs, waits_over_year
from geo.select import Selection

_NEED_FIELDS = ("id", "title_ru", "title_kk", "title_en", "category", "status", "status_type",
                "source", "answer_ru", "answer_kk")
_WORK_FIELDS = ("id", "title_ru", "title_kk", "title_en", "category", "status")


def district_timeline(dataset, district_id, *, as_of=None):
    """The needs loop of one district, one entry per year with needs or meetings.

    Parameters
    ----------
    dataset : Dataset
    district_id : str
    as_of : date-like, optional
        For "still waiting"; defaults to :func:`geo.needs.data_date`.

    Returns
    -------
    list of dict
        Ascending years, each ``{"year", "meetings": {1: date or None, 2: ...,
        3: ...}, "raised": [need], "scheduled": [{"need": need, "works":
        [work]}], "met": {"needs": [need], "share": MetShare}, "waiting":
        [need]}``. A need is a dict of its texts and codes, ``raised_on`` and
        ``status_on`` (``datetime.date``), ``supporters`` (int or None),
        ``work_ids`` and, when waiting, ``age_days`` and ``over_year``. A work
        is a dict of its texts, ``status``, ``progress``, ``start``, ``finish``
        (date or None) and ``funding_kzt``. A need is scheduled when it is
        linked to a known work or its status is ``scheduled``.
    """
    as_of = resolve_as_of(dataset, as_of)
    needs = select_needs(dataset, Selection(district=district_id))
    meetings = dataset.meetings[dataset.meetings["district_id"] == district_id]
    years = sorted(set(needs["year"].astype(int)) | set(meetings["year"].astype(int)))
    return [_year(dataset, needs[needs["year"] == year], meetings[meetings["year"] == year],
                  year, as_of) for year in years]


def _year(dataset, needs, meetings, year, as_of):
    needs = needs.sort_values(["raised_on", "id"], kind="stable")
    dates = {int(c): pd.Timestamp(d) for c, d in zip(meetings["cycle"], meetings["date"])}
    review = dates.get(3, pd.Timestamp(year, 12, 31))
    met = needs[(needs["status_type"] == "met") & (needs["status_on"] <= review)]
    share = MetShare(met=len(met), counted=int(counted_mask(needs).sum()), raised=len(needs))
    waiting = needs[needs["status_type"] == "open"]
    over = waits_over_year(waiting["raised_on"], as_of)
    return {
        "year": year,
        "meetings": {cycle: _date(dates.get(cycle)) for cycle in (1, 2, 3)},
        "raised": [_need(row) for _, row in needs.iterrows()],
        "scheduled": _scheduled(dataset, needs),
        "met": {"needs": [_need(row) for _, row in met.iterrows()], "share": share},
        "waiting": [dict(_need(row), age_days=int((as_of - row["raised_on"]).days),
                         over_year=bool(over.loc[need_id]))
                    for need_id, row in waiting.iterrows()],
    }


def _scheduled(dataset, needs):
    works = dataset.works
    entries = []
    for _, row in needs.iterrows():
        linked = [w for w in row["work_ids"] if w in works.index]
        if linked or row["status"] == "scheduled":
            entries.append({"need": _need(row), "works": [_work(works.loc[w]) for w in linked]})
    return entries


def _need(row):
    record = {field: _text(row[field]) for field in _NEED_FIELDS}
    supporters = row["supporters"]
    record.update(raised_on=_date(row["raised_on"]), status_on=_date(row["status_on"]),
                  supporters=None if pd.isna(supporters) else int(supporters),
                  work_ids=tuple(row["work_ids"]))
    return record


def _work(row):
    record = {field: _text(row[field]) for field in _WORK_FIELDS}
    progress = row["progress"]
    record.update(progress=None if pd.isna(progress) else int(progress),
                  start=_date(row["start"]), finish=_date(row["finish"]),
                  funding_kzt=int(row["funding_kzt"]))
    return record


def _text(value):
    return None if value is None or (isinstance(value, float) and value != value) else value


def _date(value):
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()
