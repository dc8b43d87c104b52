"""Figures of one district's page, from a Dataset (no Flask): funding tables, the
comparison with the city median, and the meeting timeline."""

from dataclasses import dataclass
from datetime import date, time

import pandas as pd

from geo import vocab
from geo.meetings import parse_meeting_time
from geo.select import Selection, select_allocations
from geo.stats import district_totals


def funding_table(dataset, district_id, selection=Selection()):
    """The district's share of funding as ``(years, sources, cells, year_totals, source_totals, total)``.

    ``cells[(year, source)]`` is whole tenge; only sources with money are kept, in
    the vocabulary's order.
    """
    allocations = select_allocations(dataset, Selection(selection.years, selection.categories,
                                                        selection.statuses, district_id))
    sums = allocations.groupby(["year", "source"])["amount_kzt"].sum()
    years = sorted(int(y) for y in allocations["year"].unique())
    present = set(allocations["source"])
    sources = [s for s in vocab.FUNDING_SOURCES if s in present] + sorted(present - set(vocab.FUNDING_SOURCES))
    cells = {(int(y), s): int(v) for (y, s), v in sums.items()}
    year_totals = {y: sum(cells.get((y, s), 0) for s in sources) for y in years}
    source_totals = {s: sum(cells.get((y, s), 0) for y in years) for s in sources}
    return years, sources, cells, year_totals, source_totals, int(allocations["amount_kzt"].sum())


@dataclass(frozen=True)
class WorksMoney:
    """The listed works' money: in full and the district's part of it.

    ``parts[work_id]`` is ``(amount_kzt, share)`` for each work that crosses the
    district's border (its funding split by length or area, as in ``geo.join``).
    """

    full_kzt: int
    in_district_kzt: int
    parts: dict


def works_money(dataset, district_id, works):
    """The district's part of the money of ``works`` (the works listed on its page)."""
    allocations = dataset.allocations
    mine = allocations[(allocations["district_id"] == district_id)
                       & allocations["work_id"].isin(works.index)]
    in_district = mine.groupby("work_id")["amount_kzt"].sum()
    shares = dataset.shares[dataset.shares["district_id"] == district_id].set_index("work_id")["share"]
    crossing = works.index[works["district_ids"].map(len) > 1]
    parts = {work_id: (int(in_district.get(work_id, 0)), float(shares.get(work_id, 0.0)))
             for work_id in crossing}
    return WorksMoney(int(works["funding_kzt"].sum()), int(in_district.sum()), parts)


@dataclass(frozen=True)
class Comparison:
    """The district's funding per resident next to the median of all districts."""

    per_resident_kzt: float | None
    median_kzt: float | None
    ratio: float | None
    underserved: bool
    reasons: tuple
    rank: int
    districts: int


def compare_with_city(dataset, district_id, selection=Selection()):
    table = district_totals(dataset, selection)
    row = table.loc[district_id]
    per = row["funding_per_resident_kzt"]
    per = None if pd.isna(per) else float(per)
    median = table.attrs.get("median_funding_per_resident_kzt")
    ratio = per / median if per is not None and median else None
    return Comparison(per, median, ratio, bool(row["underserved"]), tuple(row["underserved_reasons"]),
                      int(row["rank"]), len(table))


@dataclass(frozen=True)
class Meeting:
    year: int
    cycle: int
    day: date | None
    attendees: int | None
    summary: str
    future: bool
    place: str = ""
    start: time | None = None  # both or neither: the meeting's time, else all day
    end: time | None = None


def meetings_of(dataset, district_id, lang, today):
    """The district's meetings, oldest first, with the summary in ``lang`` (else Russian)."""
    rows = dataset.meetings[dataset.meetings["district_id"] == district_id]
    rows = rows.sort_values(["year", "cycle", "date"])
    result = []
    for row in rows.itertuples():
        day = None if pd.isna(row.date) else row.date.date()
        summary = getattr(row, f"summary_{lang}", None) if lang in ("ru", "kk") else None
        if not isinstance(summary, str) or not summary.strip():
            summary = next((s for s in (row.summary_ru, row.summary_kk) if isinstance(s, str) and s.strip()), "")
        attendees = None if pd.isna(row.attendees) else int(row.attendees)
        start, end = _times(getattr(row, "time", None))
        result.append(Meeting(int(row.year), int(row.cycle), day, attendees, summary,
                              day is not None and day >= today, _text(getattr(row, "place", None)),
                              start, end))
    return result


def _text(value):
    return value.strip() if isinstance(value, str) else ""


def _times(value):
    # The loader has checked the column; a frame built by hand may still hold junk.
    try:
        return parse_meeting_time(value) if _text(value) else (None, None)
    except ValueError:
        return None, None


def timeline(meetings):
    """``[(year, [meeting of cycle 1, 2, 3 or None])]``, newest year first."""
    years = sorted({m.year for m in meetings}, reverse=True)
    cycles = sorted(vocab.MEETING_CYCLES)
    by_key = {(m.year, m.cycle): m for m in meetings}
    return [(year, [(cycle, by_key.get((year, cycle))) for cycle in cycles]) for year in years]


def next_meeting(meetings):
    """The first meeting on or after today, or ``None``."""
    upcoming = [m for m in meetings if m.future]
    return min(upcoming, key=lambda m: (m.day, m.cycle)) if upcoming else None


def last_meeting(meetings):
    """The latest meeting before today, or ``None``."""
    held = [m for m in meetings if m.day is not None and not m.future]
    return max(held, key=lambda m: (m.day, m.cycle)) if held else None
