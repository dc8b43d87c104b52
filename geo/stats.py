"""District statistics, city totals, the balance index and the underserved rule.

The underserved rule
--------------------
An outskirt (a district of kind ``microdistrict`` or ``settlement``) is
*underserved* in a period when at least one of these holds:

1. ``low_funding``: its funding per resident in the period is below
   ``underserved_ratio`` (default 0.5) times the median funding per resident
   of all districts in the same period;
2. ``no_works``: it has had no work for ``underserved_idle_years`` (default 2)
   or more consecutive programme years up to the end of the period.

The centre is never flagged: the rule is about the outskirts catching up.
Districts are ranked most underserved first: flagged before unflagged, then by
funding per resident (lowest first), then years without work (most first),
then population (largest first), then id, so ties are always ordered the same.

The balance index
-----------------
Outskirts' share of the funding allocated to districts divided by their share
of the population; 1.0 means balanced, below 1 the outskirts receive less than
their share. It is ``None`` when nothing was funded.
"""

import numpy as np
import pandas as pd

from geo import vocab
from geo.select import Selection, select_allocations, select_works

REASON_LOW_FUNDING = "low_funding"
REASON_NO_WORKS = "no_works"

STATUS_COLUMNS = [f"works_{code}" for code in vocab.STATUSES]
CATEGORY_COLUMNS = [f"category_{code}" for code in vocab.CATEGORIES]


def district_totals(dataset, selection=Selection()):
    """One row per district with every figure of the planner's table.

    Parameters
    ----------
    dataset : Dataset
    selection : Selection
        The period and filters; the district filter is ignored here.

    Returns
    -------
    DataFrame
        Indexed by district id, ranked most underserved first, with columns
        ``name_ru``, ``name_kk``, ``name_en``, ``kind``, ``population``,
        ``area_km2``, ``distance_km``, ``works``, ``works_<status>``,
        ``category_<code>``, ``funding_kzt``, ``funding_per_resident_kzt``,
        ``funding_per_km2_kzt``, ``share_done``, ``years_without_work``,
        ``underserved``, ``underserved_reasons`` (tuple of codes) and ``rank``.
        The frame is a fresh copy; ``attrs`` holds the median funding per
        resident and the low-funding threshold.
    """
    selection = Selection(selection.years, selection.categories, selection.statuses, None)
    table = dataset.memo(("district_totals", selection),
                         lambda: _district_totals(dataset, selection))
    copy = table.copy()
    copy.attrs = dict(table.attrs)
    return copy


def _district_totals(dataset, selection):
    districts = dataset.districts
    table = districts[["name_ru", "name_kk", "name_en", "kind", "population", "area_km2",
                       "distance_km"]].copy()
    table = table.join(_work_counts(dataset, selection))
    funding = select_allocations(dataset, selection).groupby("district_id")["amount_kzt"].sum()
    table["funding_kzt"] = funding.reindex(table.index).fillna(0).astype("int64")
    population = table["population"].where(table["population"] > 0)
    table["funding_per_resident_kzt"] = table["funding_kzt"] / population
    table["funding_per_km2_kzt"] = table["funding_kzt"] / table["area_km2"].where(
        table["area_km2"] > 0)
    table["share_done"] = table["works_done"] / table["works"].where(table["works"] > 0)
    table["years_without_work"] = _years_without_work(dataset, selection)
    table = _flag_underserved(table, dataset.city)
    return _rank(table)


def _memberships(dataset, selection, *, with_years=True):
    rows = dataset.memberships
    mask = np.ones(len(rows), dtype=bool)
    if with_years and selection.years is not None:
        first, last = selection.years
        mask &= ((rows["year"] >= first) & (rows["year"] <= last)).to_numpy()
    if selection.categories:
        mask &= rows["category"].isin(selection.categories).to_numpy()
    if selection.statuses:
        mask &= rows["status"].isin(selection.statuses).to_numpy()
    return rows[mask]


def _work_counts(dataset, selection):
    """Works per district, and per district and status or category, counted on the
    memberships' codes (hashing 250,000 ids for a group-by held ~20 MiB more while a
    city's first page was drawn)."""
    rows = _memberships(dataset, selection)
    district = rows["district_id"].array
    ids = district.categories
    parts = [pd.Series(np.bincount(district.codes[district.codes >= 0], minlength=len(ids)),
                       index=ids, name="works").to_frame()]
    for column, codes, prefix in (("status", vocab.STATUSES, "works"),
                                  ("category", vocab.CATEGORIES, "category")):
        values = rows[column].array
        known = (district.codes >= 0) & (values.codes >= 0)
        width = len(values.categories)
        cells = district.codes[known].astype(np.int64) * width + values.codes[known]
        table = pd.DataFrame(np.bincount(cells, minlength=len(ids) * width).reshape(len(ids), width),
                             index=ids, columns=list(values.categories))
        table = table.reindex(columns=list(codes), fill_value=0)
        parts.append(table.rename(columns=lambda code: f"{prefix}_{code}"))
    counts = pd.concat(parts, axis=1).reindex(dataset.districts.index)
    return counts.fillna(0).astype("int64")


def programme_years(dataset, selection):
    """The programme years from the first in the data to the end of the period."""
    years = dataset.years
    if not years:
        return []
    last = selection.years[1] if selection.years else years[-1]
    return list(range(years[0], last + 1))


def _years_without_work(dataset, selection):
    """Consecutive programme years with no work, counted back from the period's end."""
    years = programme_years(dataset, selection)
    rows = _memberships(dataset, selection, with_years=False)
    # The distinct (district, year) pairs from the codes: a tuple per row held ~20 MiB
    # at 250,000 works while a page was first drawn.
    members = rows["district_id"].array
    row_years = rows["year"].to_numpy().astype(np.int64)
    low, span = (int(row_years.min()), int(row_years.max() - row_years.min()) + 1) if len(row_years) \
        else (0, 1)
    placed = members.codes >= 0
    pairs = np.unique(members.codes[placed].astype(np.int64) * span + (row_years[placed] - low))
    worked = {(members.categories[pair // span], int(pair % span) + low) for pair in pairs.tolist()}
    result = {}
    for district in dataset.districts.index:
        idle = 0
        for year in reversed(years):
            if (district, year) in worked:
                break
            idle += 1
        result[district] = idle
    return pd.Series(result, dtype="int64")


def _flag_underserved(table, city):
    outskirts = table["kind"].isin(vocab.OUTSKIRT_KINDS)
    median = table["funding_per_resident_kzt"].median()
    threshold = city.underserved_ratio * median if np.isfinite(median) else np.nan
    low = outskirts & (table["funding_per_resident_kzt"] < threshold)
    idle = outskirts & (table["years_without_work"] >= city.underserved_idle_years)
    reasons = []
    for is_low, is_idle in zip(low, idle):
        codes = ((REASON_LOW_FUNDING,) if is_low else ()) + ((REASON_NO_WORKS,) if is_idle else ())
        reasons.append(codes)
    table["underserved"] = low | idle
    table["underserved_reasons"] = reasons
    table.attrs["median_funding_per_resident_kzt"] = float(median) if np.isfinite(median) else None
    table.attrs["low_funding_threshold_kzt"] = float(threshold) if np.isfinite(threshold) else None
    return table


def _rank(table):
    ordered = table.assign(_flag=~table["underserved"],
                           _per=table["funding_per_resident_kzt"].fillna(np.inf),
                           _idle=-table["years_without_work"], _pop=-table["population"],
                           _id=table.index)
    ordered = ordered.sort_values(["_flag", "_per", "_idle", "_pop", "_id"])
    ordered = ordered.drop(columns=["_flag", "_per", "_idle", "_pop", "_id"])
    ordered["rank"] = np.arange(1, len(ordered) + 1)
    ordered.attrs = table.attrs
    return ordered


def balance_index(dataset, selection=Selection()):
    """Outskirts' share of district funding ÷ their share of population, or ``None``."""
    funding = select_allocations(dataset, Selection(selection.years, selection.categories,
                                                    selection.statuses))
    funding = funding[funding["district_id"].notna()]
    kinds = dataset.districts["kind"]
    outskirts = kinds.index[kinds.isin(vocab.OUTSKIRT_KINDS)]
    total = funding["amount_kzt"].sum()
    population = dataset.districts["population"]
    if total <= 0 or population.sum() <= 0:
        return None
    funding_share = funding.loc[funding["district_id"].isin(outskirts), "amount_kzt"].sum() / total
    population_share = population.loc[outskirts].sum() / population.sum()
    if population_share <= 0:
        return None
    return float(funding_share / population_share)


def balance_by_year(dataset, selection=Selection()):
    """The balance index for each programme year in the selection (or in the data)."""
    years = dataset.years
    if selection.years:
        years = [y for y in years if selection.has_year(y)]
    rows = []
    for year in years:
        one = Selection((year, year), selection.categories, selection.statuses)
        rows.append({"year": year, "balance_index": balance_index(dataset, one)})
    return pd.DataFrame(rows, columns=["year", "balance_index"])


def city_totals(dataset, selection=Selection()):
    """City-wide figures for a selection: works by status, funding, balance index.

    Returns
    -------
    dict
        ``works``, ``works_<status>``, ``funding_kzt`` (all records of the
        period, including unassigned), ``unassigned_kzt``, ``population``,
        ``funding_per_resident_kzt`` and ``balance_index``.
    """
    return dict(dataset.memo(("city_totals", selection), lambda: _city_totals(dataset, selection)))


def _city_totals(dataset, selection):
    works = select_works(dataset, selection)
    allocations = select_allocations(dataset, selection)
    totals = {"works": int(len(works))}
    counts = works["status"].value_counts()
    for code in vocab.STATUSES:
        totals[f"works_{code}"] = int(counts.get(code, 0))
    totals["funding_kzt"] = int(allocations["amount_kzt"].sum())
    totals["unassigned_kzt"] = int(allocations.loc[allocations["district_id"].isna(),
                                                   "amount_kzt"].sum())
    population = int(dataset.districts["population"].sum())
    totals["population"] = population
    totals["funding_per_resident_kzt"] = totals["funding_kzt"] / population if population else None
    totals["balance_index"] = balance_index(dataset, selection)
    return totals


def year_summary(dataset):
    """``{year: {"works": N, "funding_kzt": N}}`` for every year in the data."""
    summary = {}
    for year in dataset.years:
        works = int((dataset.works["year"] == year).sum())
        funding = int(dataset.funding.loc[dataset.funding["year"] == year, "amount_kzt"].sum())
        summary[str(year)] = {"works": works, "funding_kzt": funding}
    return summary
