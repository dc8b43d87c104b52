"""The planner's report: every figure of the planner page and ``/api/stats`` at once.

It composes :mod:`geo.stats` (the table, the underserved rule, the balance
index), :mod:`geo.classify` (classes of funding per resident),
:mod:`geo.clusters` (Local Moran's I) and :mod:`geo.needs` (needs met and
waiting, beside the rule, not part of it); it computes nothing of its own, so
the page, the CSV and the API cannot disagree.
"""

from dataclasses import dataclass

import pandas as pd

from geo import vocab
from geo.classify import DEFAULT_K, DEFAULT_SCHEME, Classes, classify
from geo.clusters import DEFAULT_SIGNIFICANCE, LocalClusters, local_moran
from geo.needs import STATS_KEYS, city_needs, needs_balance, planner_needs_columns
from geo.select import Selection
from geo.stats import STATUS_COLUMNS, balance_by_year, city_totals, district_totals

# geo.needs.planner_needs_columns: raised, met, share met (None below 5), its count,
# waiting over a year.
NEEDS_COLUMNS = list(STATS_KEYS)
# The planner table's columns, in order (the district id is the index).
TABLE_COLUMNS = [
    "rank", "name_ru", "name_kk", "name_en", "kind", "population", "distance_km", "works",
    *STATUS_COLUMNS, "funding_kzt", "funding_per_resident_kzt", "share_done",
    "years_without_work", "underserved", "underserved_reasons", *NEEDS_COLUMNS,
    "funding_class", "cluster", "moran_i", "p_value",
]


@dataclass(frozen=True)
class PlannerReport:
    """Figures for one period.

    Attributes
    ----------
    selection : Selection
    table : DataFrame
        Indexed by district id, ranked most underserved first, with
        ``TABLE_COLUMNS``: those of :func:`geo.stats.district_totals` plus
        ``funding_class`` (1-based class of funding per resident, ``<NA>``
        without residents), ``cluster`` (the Local Moran quadrant, ``ns``,
        ``island`` or ``no_data``), ``moran_i``, ``p_value`` and the
        ``NEEDS_COLUMNS`` of :func:`geo.needs.planner_needs_columns`.
    totals : dict
        :func:`geo.stats.city_totals` of the period and :func:`geo.needs.city_needs`.
    balance : DataFrame
        ``year``, ``balance_index`` and ``in_period`` for every programme year.
    classes : Classes
    clusters : LocalClusters
    rule : dict
        The underserved rule's parameters and this period's thresholds.
    needs_balance : dict
        :func:`geo.needs.needs_balance`: outskirts against centre on needs met.
    """

    selection: Selection
    table: pd.DataFrame
    totals: dict
    balance: pd.DataFrame
    classes: Classes
    clusters: LocalClusters
    rule: dict
    needs_balance: dict

    @property
    def period(self):
        """``(first, last)`` of the period, or of the data when the selection has none."""
        if self.selection.years:
            return self.selection.years
        years = list(self.balance["year"])
        return (years[0], years[-1]) if years else None


def planner_report(dataset, selection=Selection(), *, scheme=DEFAULT_SCHEME, k=DEFAULT_K,
                   significance=DEFAULT_SIGNIFICANCE):
    """Build the :class:`PlannerReport` of ``dataset`` for ``selection``.

    Parameters
    ----------
    dataset : Dataset
    selection : Selection
        The period (and category/status filters); the district filter is ignored.
    scheme, k
        Passed to :func:`geo.classify.classify`.
    significance : float
        Passed to :func:`geo.clusters.local_moran`.

    Returns
    -------
    PlannerReport
        Kept per snapshot for the same arguments (``Dataset.memo``): treat it as
        read-only.

    Raises
    ------
    ValueError
        For a bad scheme, ``k`` or significance level.
    """
    selection = Selection(selection.years, selection.categories, selection.statuses, None)
    key = ("planner_report", selection, scheme, k, significance)
    return dataset.memo(key, lambda: _planner_report(dataset, selection, scheme, k, significance))


def _planner_report(dataset, selection, scheme, k, significance):
    totals_table = district_totals(dataset, selection)
    per_resident = totals_table["funding_per_resident_kzt"]
    classes = classify(per_resident, scheme, k)
    clusters = local_moran(dataset.districts, per_resident, significance=significance)
    table = totals_table.assign(
        funding_class=classes.class_of.reindex(totals_table.index) + 1,
        cluster=clusters.table["quadrant"].reindex(totals_table.index),
        moran_i=clusters.table["moran_i"].reindex(totals_table.index),
        p_value=clusters.table["p_value"].reindex(totals_table.index),
    ).join(planner_needs_columns(dataset, selection))[TABLE_COLUMNS]
    return PlannerReport(
        selection=selection, table=table,
        totals={**city_totals(dataset, selection), **city_needs(dataset, selection)},
        balance=_balance(dataset, selection), classes=classes, clusters=clusters,
        rule=rule_parameters(dataset.city, totals_table),
        needs_balance=needs_balance(dataset, selection),
    )


def _balance(dataset, selection):
    every_year = Selection(None, selection.categories, selection.statuses)
    balance = balance_by_year(dataset, every_year)
    balance["in_period"] = [selection.has_year(int(y)) for y in balance["year"]]
    return balance


def rule_parameters(city, table):
    """The underserved rule's parameters (from the city) and thresholds (from ``table``)."""
    return {
        "outskirt_kinds": sorted(vocab.OUTSKIRT_KINDS),
        "underserved_ratio": city.underserved_ratio,
        "underserved_idle_years": city.underserved_idle_years,
        "median_funding_per_resident_kzt": table.attrs.get("median_funding_per_resident_kzt"),
        "low_funding_threshold_kzt": table.attrs.get("low_funding_threshold_kzt"),
    }
