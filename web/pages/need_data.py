"""One need's trail, from a Dataset (no Flask): raised at which meeting -> the answer ->
the works with their progress and money -> met, closed or still waiting."""

from dataclasses import dataclass

import pandas as pd

from geo.needs import meet_class, needs_money_kzt, resolve_as_of, waits_over_year, works_of_need
from geo.needs_timeline import district_timeline
from web.labels import data_name, name_column


@dataclass(frozen=True)
class Outcome:
    """Where the need stands: ``kind`` is its status type; ``day`` the date of its status;
    ``days`` from raised to met (met), or its age on the data's date (waiting)."""

    kind: str
    status: str
    day: object
    days: int | None
    over_year: bool = False
    meet_class: str | None = None


def need_trail(dataset, need_id, lang, *, as_of=None):
    """Everything ``need.html`` shows of ``need_id`` (which must exist), as plain values."""
    row = dataset.needs.loc[need_id]
    raised_on, status_on = _day(row["raised_on"]), _day(row["status_on"])
    work_ids = works_of_need(dataset, need_id)
    district = row["district_id"]
    names = name_column(dataset.districts, "name", lang)
    point = row.geometry if row.geometry is not None and not row.geometry.is_empty else None
    return {
        "id": need_id, "title": data_name(row, "title", lang, default=need_id),
        "category": row["category"], "status": row["status"], "status_type": row["status_type"],
        "year": int(row["year"]), "cycle": int(row["cycle"]), "raised_on": raised_on,
        "meeting_day": meeting_day(dataset, district, int(row["year"]), int(row["cycle"])),
        "source": row["source"], "supporters": None if pd.isna(row["supporters"]) else int(row["supporters"]),
        "answer": answer_text(row, lang), "district_id": district, "district": names.get(district, district),
        "point": point, "work_ids": work_ids,
        "money_kzt": needs_money_kzt(dataset, [need_id]),
        "outcome": outcome(dataset, row, raised_on, status_on, as_of),
    }


def answer_text(need, lang):
    """The akimat's answer in ``lang`` (ru/kk; English readers get Russian), else ``""``."""
    return data_name(need, "answer", lang if lang in ("ru", "kk") else "ru", default="")


def meeting_day(dataset, district_id, year, cycle):
    meetings = dataset.meetings
    rows = meetings[(meetings["district_id"] == district_id) & (meetings["year"] == year)
                    & (meetings["cycle"] == cycle)]
    return _day(rows["date"].min()) if len(rows) else None


def outcome(dataset, row, raised_on, status_on, as_of=None):
    kind = row["status_type"]
    if kind == "met":
        days = (status_on - raised_on).days if status_on and raised_on else None
        return Outcome(kind, row["status"], status_on, days, meet_class=meet_class(row["raised_on"], row["status_on"]))
    if kind == "open":
        as_of = resolve_as_of(dataset, as_of)
        age = int((as_of - row["raised_on"]).days)
        return Outcome(kind, row["status"], status_on, age,
                       over_year=bool(waits_over_year(row["raised_on"], as_of)))
    return Outcome(kind, row["status"], status_on, None)


def need_items(dataset, need_ids, lang):
    """``[{"id", "title", "status", "category", "year"}]`` of ``need_ids`` in their order."""
    needs = dataset.needs.loc[list(need_ids)]
    titles = name_column(needs, "title", lang)
    return [{"id": need_id, "title": titles[need_id], "status": row.status, "category": row.category,
             "year": int(row.year)} for need_id, row in zip(needs.index, needs.itertuples())]


def localized_timeline(dataset, district_id, lang, *, as_of=None):
    """:func:`geo.needs_timeline.district_timeline`, newest year first, each need and work
    given its ``title`` (and a need its ``answer``) in ``lang``."""
    years = district_timeline(dataset, district_id, as_of=as_of)
    for year in years:
        needs = year["raised"] + [entry["need"] for entry in year["scheduled"]] \
            + year["met"]["needs"] + year["waiting"]
        for need in needs:
            need["title"] = data_name(need, "title", lang, default=need["id"])
            need["answer"] = answer_text(need, lang)
        for entry in year["scheduled"]:
            for work in entry["works"]:
                work["title"] = data_name(work, "title", lang, default=work["id"])
    return [year for year in reversed(years) if year["raised"] or year["waiting"]]


def _day(value):
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()
