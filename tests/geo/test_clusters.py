import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from geo.clusters import ISLAND, NO_DATA, NOT_SIGNIFICANT, local_moran

SIZE = 6
LOW_BLOCK = {(r, c) for r in range(3) for c in range(3)}  # the 3x3 corner of the grid


def grid(size=SIZE, extra=()):
    """A size x size grid of unit squares ``r<row>c<col>``, plus extra (id, polygon) pairs."""
    ids = [f"r{r}c{c}" for r in range(size) for c in range(size)]
    geoms = [box(c, r, c + 1, r + 1) for r in range(size) for c in range(size)]
    for id_, geom in extra:
        ids.append(id_)
        geoms.append(geom)
    return gpd.GeoDataFrame({"id": ids}, geometry=geoms, index=ids, crs="EPSG:3857")


def block_values(districts, seed=1):
    rng = np.random.default_rng(seed)
    values = pd.Series(rng.uniform(9000, 11000, len(districts)), index=districts.index)
    for r, c in LOW_BLOCK:
        values[f"r{r}c{c}"] = rng.uniform(0, 500)
    return values


def test_finds_the_block_of_low_funded_districts():
    districts = grid()
    got = local_moran(districts, block_values(districts))
    low = got.table.index[got.table["quadrant"] == "LL"]
    # The inner cells of the block are surrounded by low neighbours: significant LL.
    assert {"r0c0", "r0c1", "r1c0", "r1c1"} <= set(low)
    assert set(low) <= {f"r{r}c{c}" for r, c in LOW_BLOCK}
    assert got.count("HL") == 0 and got.count(ISLAND) == 0
    assert (got.table.loc[low, "p_value"] <= 0.05).all()
    assert (got.table.loc[low, "moran_i"] > 0).all()
    assert got.significance == 0.05 and got.permutations == 999


def test_finds_almost_nothing_in_a_random_pattern():
    districts = grid()
    rng = np.random.default_rng(7)
    values = pd.Series(rng.uniform(0, 10000, len(districts)), index=districts.index)
    got = local_moran(districts, values)
    significant = (~got.table["quadrant"].isin([NOT_SIGNIFICANT])).sum()
    # At the 5 % level about 1.8 of 36 districts come out significant by chance.
    assert significant <= 4
    # The same seed gives the same answer.
    again = local_moran(districts, values)
    pd.testing.assert_frame_equal(got.table, again.table)


def test_islands_are_labelled_not_dropped():
    far = box(20, 20, 21, 21)
    districts = grid(extra=[("settlement", far)])
    values = block_values(districts)
    values["settlement"] = 0.0
    got = local_moran(districts, values)
    row = got.table.loc["settlement"]
    assert row["quadrant"] == ISLAND and row["neighbours"] == 0
    assert np.isnan(row["moran_i"]) and np.isnan(row["p_value"])
    assert len(got.table) == SIZE * SIZE + 1
    assert got.count("LL") >= 4  # the grid is still tested


def test_districts_without_a_value_are_no_data_and_out_of_the_weights():
    districts = grid(size=3)
    values = pd.Series(np.arange(9.0), index=districts.index)
    values["r1c1"] = np.nan  # the centre: its neighbours stay connected around it
    got = local_moran(districts, values.drop("r2c2"))
    assert got.table.loc["r1c1", "quadrant"] == NO_DATA
    assert got.table.loc["r2c2", "quadrant"] == NO_DATA
    assert got.table.loc["r0c0", "neighbours"] == 2  # r0c1 and r1c0, not the centre


def test_too_few_districts_or_equal_values_give_no_clusters():
    districts = grid(size=3)
    equal = local_moran(districts, pd.Series(5.0, index=districts.index))
    assert set(equal.table["quadrant"]) == {NOT_SIGNIFICANT}
    assert equal.table["p_value"].isna().all()
    pair = local_moran(districts.iloc[:2], pd.Series([1.0, 2.0], index=districts.index[:2]))
    assert set(pair.table["quadrant"]) == {NOT_SIGNIFICANT}


def test_queen_contiguity_counts_corners():
    got = local_moran(grid(size=3), pd.Series(np.arange(9.0), index=grid(size=3).index))
    assert got.table.loc["r1c1", "neighbours"] == 8
    assert got.table.loc["r0c0", "neighbours"] == 3


@pytest.mark.parametrize("level", [0, 1, -0.1, 5])
def test_significance_level_must_be_a_probability(level):
    districts = grid(size=3)
    with pytest.raises(ValueError, match="significance"):
        local_moran(districts, pd.Series(1.0, index=districts.index), significance=level)
