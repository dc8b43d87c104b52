"""Selecting works and funding from a Dataset by period, category, status, district.

"Works of a period" are the works whose programme ``year`` falls in it; "funding
of a period" is the funding records whose ``year`` falls in it (DESIGN.md).
"""

from dataclasses import dataclass


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


def select_works(dataset, selection=Selection()):
    """The works of ``dataset`` matching ``selection`` (a filtered view, same columns)."""
    works = dataset.works
    mask = _year_mask(works["year"], selection)
    if selection.categories:
        mask &= works["category"].isin(selection.categories)
    if selection.statuses:
        mask &= works["status"].isin(selection.statuses)
    if selection.district is not None:
        members = dataset.memberships
        mask &= works.index.isin(members.loc[members["district_id"] == selection.district,
                                             "work_id"])
    return works[mask]


def ordered_work_ids(dataset, selection, by, ascending):
    """The ids of the works matching ``selection``, sorted by the columns ``by``.

    Memoised per snapshot: at 100,000 works sorting by year and id costs ~0.14 s,
    which a list beside a map would otherwise pay on every view.
    """
    key = ("ordered_work_ids", selection, tuple(by), tuple(ascending))
    return dataset.memo(key, lambda: select_works(dataset, selection).sort_values(
        list(by), ascending=list(ascending)).index)


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
    return allocations[mask]


def select_funding(dataset, selection=Selection()):
    """Funding records (whole, not split) of the selected works and period."""
    funding = dataset.funding
    mask = _year_mask(funding["year"], selection)
    if selection.categories or selection.statuses or selection.district is not None:
        works = select_works(dataset, Selection(None, selection.categories, selection.statuses,
                                                selection.district))
        mask &= funding["work_id"].isin(works.index)
    return funding[mask]


def _year_mask(years, selection):
    if selection.years is None:
        return years.notna() | years.isna()
    first, last = selection.years
    return (years >= first) & (years <= last)
