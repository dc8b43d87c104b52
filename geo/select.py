"""Selecting works and funding from a Dataset by period, category, status, district.

"Works of a period" are the works whose programme ``year`` falls in it; "funding
of a period" is the funding records whose ``year`` falls in it (DESIGN.md).
"""

import functools
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Selection:
    """What to show: an inclusive year range and optional filters.

    ``years`` is ``(first, last)`` or ``None`` for all years; ``categories`` and
    ``statuses`` are tuples of codes or empty for all; ``district`` an id or
    ``None``.
    """

    years: tuple | None = None
    categories: tuple = ()
    statuses: tuple = ()
    district: str | None = None

    def __post_init__(self):
        if self.years is not None:
            first, last = self.years
            if first > last:
                raise ValueError(f"the period {first}-{last} ends before it starts")

    def has_year(self, year):
        return self.years is None or self.years[0] <= year <= self.years[1]


class Rows:
    """Some rows of a frame, read a column at a time: ``Rows(works, [3, 7])["year"]``.

    Choosing among the 1,000 works a spatial index found in 100,000 then reads 1,000
    values of the columns a filter names and copies no frame.

    Parameters
    ----------
    frame : DataFrame
    positions : array of int, optional
        Ascending positions of the rows; ``None`` for all of them.
    """

    def __init__(self, frame, positions=None):
        self.frame = frame
        self.positions = (every_position(len(frame)) if positions is None
                          else np.asarray(positions, dtype=np.int64))
        self._all = positions is None

    def __len__(self):
        return len(self.positions)

    def __getitem__(self, name):
        column = self.frame[name]
        return column if self._all else column.take(self.positions)


@functools.lru_cache(maxsize=4)  # the works and the needs, of this snapshot and the next
def every_position(count):
    """``np.arange(count)``, read-only and shared: an unfiltered request at 250,000 works
    otherwise built its own 2 MB of positions (and a copy when all matched), four
    threads at once. Kept per length, a few lengths at most (a reload's new counts push
    the old ones out)."""
    positions = np.arange(count)
    positions.flags.writeable = False
    return positions


def _filtered(frame, mask):
    """``frame[mask]``; when every row is kept, a shallow copy (copy-on-write shares the
    columns) instead of a copy of every column (~30 MiB of the works at 250,000, on
    every unfiltered view that built one)."""
    mask = np.asarray(mask, dtype=bool)
    return frame.copy(deep=False) if mask.all() else frame[mask]


def select_works(dataset, selection=Selection()):
    """The works of ``dataset`` matching ``selection`` (a filtered view, same columns)."""
    return _filtered(dataset.works, _works_mask(dataset, selection, Rows(dataset.works)))


def work_positions(dataset, selection=Selection(), among=None):
    """The positions in ``dataset.works`` of the works matching ``selection``.

    Parameters
    ----------
    dataset : Dataset
    selection : Selection
    among : array of int, optional
        Ascending positions to choose from (those a spatial index found); ``None``
        for every work. Only these rows are read.

    Returns
    -------
    ndarray of int64
        Ascending, so in Dataset order; not to be written to (when every work of
        ``among`` matches it is ``among`` itself, or the shared :func:`every_position`).
    """
    rows = Rows(dataset.works, among)
    mask = _works_mask(dataset, selection, rows)
    return rows.positions if mask.all() else rows.positions[mask]


def _works_mask(dataset, selection, rows):
    """Which of ``rows`` (:class:`Rows` of ``dataset.works``) match ``selection``, as a
    boolean array."""
    mask = np.ones(len(rows), dtype=bool)
    if selection.years is not None:
        mask &= _year_mask(rows["year"], selection).to_numpy()
    if selection.categories:
        mask &= rows["category"].isin(selection.categories).to_numpy()
    if selection.statuses:
        mask &= rows["status"].isin(selection.statuses).to_numpy()
    if selection.district is not None:
        member = np.zeros(len(dataset.works), dtype=bool)
        member[_work_positions_by_district(dataset).get(selection.district, [])] = True
        mask &= member[rows.positions]
    return mask


def _work_positions_by_district(dataset):
    """``{district id: positions of the works touching it}``, once per snapshot: finding
    one district's works in the memberships costs ~4 ms at 100,000 works."""
    def compute():
        members = dataset.memberships
        positions = members["position"].to_numpy()
        return {district: positions[rows] for district, rows
                in members.groupby("district_id", observed=True).indices.items()}
    return dataset.memo("work_positions_by_district", compute)


def ordered_work_ids(dataset, selection, by, ascending):
    """The ids of the works matching ``selection``, sorted by the columns ``by``.

    Memoised per snapshot: at 100,000 works sorting by year and id costs ~0.14 s,
    which a list beside a map would otherwise pay on every view.
    """
    key = ("ordered_work_ids", selection, tuple(by), tuple(ascending))

    def compute():
        # Sorted as integers: the ids by their ranks, numbers as they are (negated when
        # descending). Sorting the filtered frame copied every column twice and hashed
        # every id (~33 MiB at 250,000 works, while a city's first page was drawn).
        rows = work_positions(dataset, selection)
        keys = []
        for column, up in zip(by, ascending):
            values = dataset.near.id_ranks[rows] if column == "id" else \
                dataset.works[column].to_numpy()[rows]
            if values.dtype.kind not in "iu":
                return dataset.works[list(by)].iloc[rows].sort_values(
                    list(by), ascending=list(ascending)).index
            keys.append(values.astype(np.int64) if up else -values.astype(np.int64))
        return dataset.works.index[rows[np.lexsort(keys[::-1])]] if keys else dataset.works.index[rows]
    return dataset.memo(key, compute)


def select_allocations(dataset, selection=Selection()):
    """Funding allocations (records split by district) matching ``selection``.

    Category and status filters keep only records of works with those values;
    the district filter keeps only that district's part of each record.
    """
    allocations = dataset.allocations
    mask = _year_mask(allocations["year"], selection)
    if selection.categories or selection.statuses:
        works = dataset.works
        keep = works.index
        if selection.categories:
            keep = keep[works["category"].isin(selection.categories)]
        if selection.statuses:
            keep = keep.intersection(works.index[works["status"].isin(selection.statuses)])
        mask &= allocations["work_id"].isin(keep)
    if selection.district is not None:
        mask &= allocations["district_id"] == selection.district
    return _filtered(allocations, mask)


def select_funding(dataset, selection=Selection()):
    """Funding records (whole, not split) of the selected works and period."""
    funding = dataset.funding
    mask = _year_mask(funding["year"], selection)
    if selection.categories or selection.statuses or selection.district is not None:
        works = select_works(dataset, Selection(None, selection.categories, selection.statuses,
                                                selection.district))
        mask &= funding["work_id"].isin(works.index)
    return _filtered(funding, mask)


def _year_mask(years, selection):
    if selection.years is None:
        return years.notna() | years.isna()
    first, last = selection.years
    return (years >= first) & (years <= last)
