"""Figures on residents' needs: share met, time to meet, waiting longest, money.

The rules, stated once
----------------------
Period
    A need belongs to the period of the meeting where it was raised (its ``year``
    field: an online need takes the district's next cycle-1 meeting, so a need
    written in December can belong to the next year). With a period ``(first,
    last)`` a need counts as met when its status is ``met`` and its ``status_on``
    is on or before 31 December of ``last``; with no period (all years) a need
    counts as met when its status is ``met``.
Share met
    met ÷ (raised − duplicate − not_responsible), over the needs raised in the
    period, for a district, the outskirts (kinds ``microdistrict`` and
    ``settlement``), the centre (kind ``center``) or the city. ``declined`` needs
    stay in the denominator: the akimat said no. The count (the denominator) is
    always given; below :data:`TOO_FEW` (5) the share is ``None`` and
    ``too_few`` is true ("too few to judge").
Time to meet
    For the needs counted as met: days from ``raised_on`` to ``status_on``, their
    median, and the akim's classes by calendar months from ``raised_on``:
    ``under_1_month`` when met before the same day of the next month;
    ``1_to_6_months`` before the same day six months on; ``6_to_12_months``
    before the same day a year on; ``over_1_year`` on that day or later (a year
    to the day is "a year or more"). 15 March -> 15 April is 1–6 months; a day
    missing in the target month is its month's last day (31 Aug + 6 months =
    28/29 Feb).
Waiting
    A need waits while its status type is ``open`` (``open``, ``accepted``,
    ``scheduled``); its age is days from ``raised_on`` to the date ``as_of``. It
    waits over a year when ``as_of`` is on or after the same day a year on (the
    boundary of ``over_1_year``). ``as_of`` defaults to :func:`data_date`, the
    latest date written in the needs, so figures of a data set do not drift with
    the clock; a server may pass today.
Money
    A need's money is the funding (all records, ``funding_kzt`` of the works) of
    the known works that answer it. A total over several needs sums each work
    once, however many of those needs it answers.
"""

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from geo import vocab
from geo.select import Rows, Selection

TOO_FEW = 5
_CLASS_MONTHS = (("under_1_month", 1), ("1_to_6_months", 6), ("6_to_12_months", 12))
# The needs figures of the planner table, /api/stats and the CSV, per district and city-wide.
STATS_KEYS = ("needs_raised", "needs_met", "needs_met_share", "needs_counted",
              "needs_waiting_over_year")


@dataclass(frozen=True)
class MetShare:
    """The share of needs met with its count: ``share`` is None when too few to judge."""

    met: int
    counted: int  # raised - duplicate - not_responsible: the denominator
    raised: int

    @property
    def too_few(self):
        return self.counted < TOO_FEW

    @property
    def share(self):
        return None if self.too_few else self.met / self.counted

    def as_dict(self):
        return dict(asdict(self), share=self.share, too_few=self.too_few)


@dataclass(frozen=True)
class MeetTimes:
    """Time to meet: ``count`` needs met, their ``median_days`` (None when none) and
    ``classes`` ``{class code: count}`` in the order of ``vocab.MEET_TIME_CLASSES``."""

    count: int
    median_days: float | None
    classes: dict


def select_needs(dataset, selection=Selection(), status_types=(), statuses=()):
    """The needs raised in ``selection``'s years, of its categories and district.

    Parameters
    ----------
    dataset : Dataset
    selection : Selection
        ``years`` filter the meeting year, ``categories`` the need's category,
        ``district`` its district; ``statuses`` (the works' vocabulary) is ignored.
    status_types : tuple of str
        ``open``, ``met``, ``closed``; empty for all.
    statuses : tuple of str
        Need statuses (``vocab.NEED_STATUSES``); empty for all.

    Returns
    -------
    GeoDataFrame
        A filtered view of ``dataset.needs`` (same columns, indexed by id).
    """
    needs = dataset.needs
    return needs[_needs_mask(Rows(needs), selection, status_types, statuses)]


def need_positions(dataset, selection=Selection(), status_types=(), statuses=(), among=None):
    """The positions in ``dataset.needs`` of the needs :func:`select_needs` selects,
    ascending; ``among``: ascending positions to choose from (``None``: all needs)."""
    rows = Rows(dataset.needs, among)
    return rows.positions[_needs_mask(rows, selection, status_types, statuses)]


def _needs_mask(rows, selection, status_types, statuses):
    mask = np.ones(len(rows), dtype=bool)
    if selection.years is not None:
        mask &= rows["year"].between(*selection.years).to_numpy()
    if selection.categories:
        mask &= rows["category"].isin(selection.categories).to_numpy()
    if selection.district is not None:
        mask &= (rows["district_id"] == selection.district).to_numpy()
    if status_types:
        mask &= rows["status_type"].isin(status_types).to_numpy()
    if statuses:
        mask &= rows["status"].isin(statuses).to_numpy()
    return mask


def data_date(dataset):
    """The latest ``raised_on`` or ``status_on`` of the needs: the default ``as_of``."""
    needs = dataset.needs
    if needs.empty:
        return None
    return max(needs["raised_on"].max(), needs["status_on"].max())


def share_met(dataset, selection=Selection(), *, kinds=None):
    """The share of needs met over ``selection`` (see the module docstring).

    Parameters
    ----------
    dataset : Dataset
    selection : Selection
        Its ``district`` gives a district's share.
    kinds : iterable of str, optional
        District kinds to keep: ``vocab.OUTSKIRT_KINDS`` for the outskirts,
        ``{"center"}`` for the centre; None for every district.

    Returns
    -------
    MetShare
    """
    return _met_share(_in_kinds(dataset, select_needs(dataset, selection), kinds), selection)


def time_to_meet(dataset, selection=Selection(), *, kinds=None):
    """Median days from raised to met, and met needs in the akim's classes.

    Parameters are those of :func:`share_met`; the needs counted are those it
    counts as met.

    Returns
    -------
    MeetTimes
    """
    needs = _in_kinds(dataset, select_needs(dataset, selection), kinds)
    met = needs[_met_mask(needs, selection)]
    days = (met["status_on"] - met["raised_on"]).dt.days
    classes = _meet_classes(met["raised_on"], met["status_on"])
    counts = {code: int((classes == code).sum()) for code in vocab.MEET_TIME_CLASSES}
    median = float(days.median()) if len(days) else None
    return MeetTimes(count=len(met), median_days=median, classes=counts)


def waiting_longest(dataset, selection=Selection(), *, as_of=None, limit=None):
    """Open needs ranked by age, oldest first (ties by id), per district or city-wide.

    Parameters
    ----------
    dataset : Dataset
    selection : Selection
        Its ``district`` ranks one district's needs; None the city's.
    as_of : date-like, optional
        Defaults to :func:`data_date`.
    limit : int, optional
        Keep the first ``limit`` needs.

    Returns
    -------
    GeoDataFrame
        The waiting needs with ``age_days`` and ``over_year`` (bool) added.
    """
    as_of = resolve_as_of(dataset, as_of)
    waiting = select_needs(dataset, selection, status_types=("open",))
    waiting = waiting.assign(age_days=(as_of - waiting["raised_on"]).dt.days,
                             over_year=waits_over_year(waiting["raised_on"], as_of))
    waiting = waiting.sort_values(["raised_on", "id"], kind="stable")
    return waiting if limit is None else waiting.head(limit)


def works_of_need(dataset, need_id):
    """The ids of the known works answering ``need_id``, in its ``work_ids`` order."""
    if need_id not in dataset.needs.index:
        return ()
    known = set(_known_links(dataset)["work_id"])
    return tuple(w for w in dataset.needs.at[need_id, "work_ids"] if w in known)


def needs_of_work(dataset, work_id):
    """The ids of the needs a work answers, sorted (a binary search: no scan per call)."""
    links = dataset.need_links  # sorted by work_id, then need_id
    first = links["work_id"].searchsorted(work_id, side="left")
    last = links["work_id"].searchsorted(work_id, side="right")
    return tuple(links["need_id"].iloc[first:last])


def need_money_kzt(dataset):
    """A Series: each need's money (its known works' funding), in whole tenge."""
    links = _known_links(dataset)
    funding = links["work_id"].map(dataset.works["funding_kzt"])
    per_need = funding.groupby(links["need_id"].to_numpy()).sum()
    return per_need.reindex(dataset.needs.index, fill_value=0).astype("int64")


def needs_money_kzt(dataset, need_ids):
    """The money of a set of needs: each answering work counted once, in whole tenge."""
    links = _known_links(dataset)
    works = links.loc[links["need_id"].isin(list(need_ids)), "work_id"].unique()
    return int(dataset.works["funding_kzt"].reindex(works).sum())


def district_needs(dataset, selection=Selection(), *, as_of=None):
    """Per district: the needs figures of ``selection`` (its ``district`` is ignored).

    Returns
    -------
    DataFrame
        Indexed by district id, every district: ``needs_raised``,
        ``needs_counted``, ``needs_met``, ``needs_met_share`` (None when too
        few), ``needs_too_few``, ``needs_waiting``, ``needs_waiting_over_year``,
        ``needs_median_days_to_met`` (NaN when none met) and
        ``needs_money_kzt``.
    """
    as_of = resolve_as_of(dataset, as_of)
    key = ("geo.needs.district_needs", _whole_city(selection), as_of)
    return dataset.memo(key, lambda: _district_needs(dataset, _whole_city(selection), as_of))


def _district_needs(dataset, selection, as_of):
    needs = select_needs(dataset, selection)
    by = needs["district_id"]
    waiting = needs["status_type"] == "open"
    columns = {
        "needs_raised": needs["id"].groupby(by).size(),
        "needs_counted": counted_mask(needs).groupby(by).sum(),
        "needs_met": _met_mask(needs, selection).groupby(by).sum(),
        "needs_waiting": waiting.groupby(by).sum(),
        "needs_waiting_over_year": (waiting & waits_over_year(needs["raised_on"], as_of)).groupby(
            by).sum(),
    }
    table = pd.DataFrame(columns).reindex(dataset.districts.index).fillna(0).astype("int64")
    table["needs_too_few"] = table["needs_counted"] < TOO_FEW
    share = table["needs_met"] / table["needs_counted"].where(table["needs_counted"] > 0)
    table["needs_met_share"] = share.astype(object).where(~table["needs_too_few"], None)
    met = needs[_met_mask(needs, selection)]
    days = (met["status_on"] - met["raised_on"]).dt.days
    table["needs_median_days_to_met"] = days.groupby(met["district_id"]).median().reindex(
        table.index).astype("float64")
    table["needs_money_kzt"] = _money_by_district(dataset, needs).reindex(
        table.index, fill_value=0).astype("int64")
    return table


def city_needs(dataset, selection=Selection(), *, as_of=None):
    """The city-wide needs figures of ``selection`` (its ``district`` is ignored).

    Returns
    -------
    dict
        ``STATS_KEYS`` as plain ints / floats: ``needs_raised``, ``needs_met``,
        ``needs_met_share`` (None when too few), ``needs_counted`` and
        ``needs_waiting_over_year``; the per-district figures are
        :func:`planner_needs_columns`, from the same table.
    """
    table = district_needs(dataset, selection, as_of=as_of)
    city = share_met(dataset, _whole_city(selection))
    return {"needs_raised": city.raised, "needs_met": city.met, "needs_met_share": city.share,
            "needs_counted": city.counted,
            "needs_waiting_over_year": int(table["needs_waiting_over_year"].sum())}


def needs_balance(dataset, selection=Selection()):
    """Outskirts against centre on needs: both shares met and their ratio.

    Returns
    -------
    dict
        ``{"outskirts": MetShare, "centre": MetShare, "ratio": float or None}``:
        ratio = outskirts' share met ÷ the centre's (1.0 = balanced, below 1 the
        outskirts' needs are met less often); None when either is too few to
        judge or the centre met none.
    """
    selection = _whole_city(selection)
    outskirts = share_met(dataset, selection, kinds=vocab.OUTSKIRT_KINDS)
    centre = share_met(dataset, selection, kinds={"center"})
    ratio = None
    if outskirts.share is not None and centre.share:
        ratio = outskirts.share / centre.share
    return {"outskirts": outskirts, "centre": centre, "ratio": ratio}


def planner_needs_columns(dataset, selection=Selection(), *, as_of=None):
    """The planner's needs columns per district: ``STATS_KEYS`` (``needs_met_share``
    None when too few to judge)."""
    table = district_needs(dataset, selection, as_of=as_of)
    return table[list(STATS_KEYS)]


# ---- small steps (counted_mask, waits_over_year and resolve_as_of are shared with
# geo.needs_timeline) ---------------------------------------------------------

def _whole_city(selection):
    return Selection(selection.years, selection.categories)


def _in_kinds(dataset, needs, kinds):
    if kinds is None:
        return needs
    districts = dataset.districts.index[dataset.districts["kind"].isin(list(kinds))]
    return needs[needs["district_id"].isin(districts)]


def counted_mask(needs):
    """Whether each need counts in the share met (neither a duplicate nor not the akimat's)."""
    return ~needs["status"].isin(("duplicate", "not_responsible"))


def _met_mask(needs, selection):
    met = needs["status_type"] == "met"
    if selection.years is not None:
        met &= needs["status_on"] <= pd.Timestamp(selection.years[1], 12, 31)
    return met


def _met_share(needs, selection):
    return MetShare(met=int(_met_mask(needs, selection).sum()),
                    counted=int(counted_mask(needs).sum()), raised=len(needs))


def _meet_classes(raised_on, met_on):
    """The class code of each met need (see the module docstring)."""
    codes = np.full(len(raised_on), "over_1_year", dtype=object)
    decided = np.zeros(len(raised_on), dtype=bool)
    for code, months in _CLASS_MONTHS:
        before = (met_on < raised_on + pd.DateOffset(months=months)).to_numpy() & ~decided
        codes[before] = code
        decided |= before
    return pd.Series(codes, index=raised_on.index)


def meet_class(raised_on, met_on):
    """The akim's class (a ``vocab.MEET_TIME_CLASSES`` code) of one need met on ``met_on``."""
    return _meet_classes(pd.Series([pd.Timestamp(raised_on)]), pd.Series([pd.Timestamp(met_on)])).iloc[0]


def waits_over_year(raised_on, as_of):
    """Whether a need raised on ``raised_on`` has waited a year or more on ``as_of``."""
    return as_of >= raised_on + pd.DateOffset(years=1)


def resolve_as_of(dataset, as_of):
    """``as_of`` as a Timestamp, or :func:`data_date` (today for a city without needs)."""
    if as_of is not None:
        return pd.Timestamp(as_of)
    return data_date(dataset) or pd.Timestamp.today().normalize()


def _known_links(dataset):
    links = dataset.need_links
    return links[links["known"]]


def _money_by_district(dataset, needs):
    links = _known_links(dataset)
    links = links[links["need_id"].isin(needs.index)]
    pairs = pd.DataFrame({"district_id": links["need_id"].map(needs["district_id"]).to_numpy(),
                          "work_id": links["work_id"].to_numpy()}).drop_duplicates()
    pairs["funding_kzt"] = pairs["work_id"].map(dataset.works["funding_kzt"]).to_numpy()
    return pairs.groupby("district_id")["funding_kzt"].sum()
