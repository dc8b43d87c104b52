"""Spatial clusters of a district variable: Local Moran's I (PySAL ``esda``).

Weights are Queen contiguity (districts sharing an edge or a corner are
neighbours) built from the district polygons with ``libpysal`` and
row-standardised. Significance is a pseudo p-value from conditional
permutations with a fixed seed, so the same data always gives the same map.

Districts with no neighbours (islands)
--------------------------------------
Several outlying settlements touch no other district. Local Moran's I compares
a district with its neighbours, so it is not defined for them: they are
labelled ``island`` with no statistic and no p-value, never dropped. Their
values still take part in the city-wide mean and variance that the other
districts are compared against. We chose not to give islands k-nearest
neighbours: the nearest district of a settlement can be kilometres away across
the river, and a "cluster" made of such a link would come from the choice of k
rather than from the map (the planner table already shows the distance from the
centre). Districts without a value (no residents) are labelled ``no_data``
and left out of the weights, which may turn a neighbour of theirs into an island.
"""

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

QUADRANTS = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}  # esda's codes for the Moran quadrants
NOT_SIGNIFICANT = "ns"
ISLAND = "island"
NO_DATA = "no_data"
DEFAULT_SIGNIFICANCE = 0.05
DEFAULT_PERMUTATIONS = 999
SEED = 20220101  # fixed: the permutations, and so the p-values, are reproducible
MIN_DISTRICTS = 3  # with fewer, a permutation test cannot say anything

# PySAL (esda, libpysal) is imported where a statistic is computed, not with this
# module: it loads SciPy and scikit-learn (~120 MiB), which a web worker that never
# serves the planner should not hold.


@dataclass(frozen=True)
class LocalClusters:
    """The result of :func:`local_moran`.

    Attributes
    ----------
    table : DataFrame
        Indexed by district id: ``moran_i`` and ``p_value`` (NaN for islands,
        districts without data and when no test is possible), ``quadrant``
        (``HH``, ``LL``, ``HL``, ``LH`` when significant, else ``ns``,
        ``island`` or ``no_data``) and ``neighbours`` (how many).
    significance : float
        The level a p-value must not exceed for a district to be in a cluster.
    permutations : int
    seed : int
    weights : str
        How neighbours were defined, in words.
    """

    table: pd.DataFrame
    significance: float
    permutations: int
    seed: int
    weights: str = "queen contiguity, row-standardised"

    def count(self, quadrant):
        return int((self.table["quadrant"] == quadrant).sum())


def local_moran(districts, values, *, significance=DEFAULT_SIGNIFICANCE,
                permutations=DEFAULT_PERMUTATIONS, seed=SEED):
    """Local Moran's I of ``values`` over the district polygons.

    Parameters
    ----------
    districts : GeoDataFrame
        District polygons indexed by id.
    values : Series
        The variable by district id (for example funding per resident);
        missing ids or NaN mean "no data".
    significance : float
        The significance level, strictly between 0 and 1 (default 0.05).
    permutations : int
        Conditional permutations for the pseudo p-values (default 999, so the
        smallest p-value is 0.001).
    seed : int
        Seed of the permutations.

    Returns
    -------
    LocalClusters

    Raises
    ------
    ValueError
        If ``significance`` is not between 0 and 1 or ``permutations`` < 1.
    """
    if not 0 < significance < 1:
        raise ValueError("the significance level must be between 0 and 1, for example 0.05")
    if permutations < 1:
        raise ValueError("at least one permutation is needed")
    values = pd.Series(values, dtype="float64").reindex(districts.index)
    table = pd.DataFrame({"moran_i": np.nan, "p_value": np.nan, "quadrant": NO_DATA,
                          "neighbours": 0}, index=districts.index)
    known = values.notna()
    if known.sum() >= 1:
        weights = _queen_weights(districts.loc[known])
        table.loc[known, "neighbours"] = [weights.cardinalities[i] for i in table.index[known]]
        table.loc[known, "quadrant"] = NOT_SIGNIFICANT
        table.loc[table.index[known][_islands(weights, table.index[known])], "quadrant"] = ISLAND
        if _testable(values[known], weights):
            _fill_statistics(table, values[known], weights, significance, permutations, seed)
    table["neighbours"] = table["neighbours"].astype("int64")
    return LocalClusters(table, float(significance), int(permutations), int(seed))


def _queen_weights(districts):
    import libpysal

    frame = districts[[districts.geometry.name]].copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "not fully connected": islands are handled here
        weights = libpysal.weights.Queen.from_dataframe(frame, use_index=True,
                                                      silence_warnings=True)
    weights.transform = "r"
    return weights


def _islands(weights, ids):
    islands = set(weights.islands)
    return np.array([i in islands for i in ids], dtype=bool)


def _testable(values, weights):
    connected = len(values) - len(weights.islands)
    return connected >= MIN_DISTRICTS and values.nunique() > 1


def _fill_statistics(table, values, weights, significance, permutations, seed):
    import esda

    ids = list(weights.id_order)
    y = values.reindex(ids).to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # islands divide by zero in esda's z_sim
        moran = esda.Moran_Local(y, weights, transformation="r", permutations=permutations,
                                 seed=seed, n_jobs=1, keep_simulations=False)
    result = pd.DataFrame({"moran_i": moran.Is, "p_value": moran.p_sim, "q": moran.q},
                          index=ids)
    result = result[table.loc[ids, "quadrant"] != ISLAND]
    table.loc[result.index, "moran_i"] = result["moran_i"].astype(float)
    table.loc[result.index, "p_value"] = result["p_value"].astype(float)
    significant = result.index[result["p_value"] <= significance]
    table.loc[significant, "quadrant"] = result.loc[significant, "q"].map(QUADRANTS)
