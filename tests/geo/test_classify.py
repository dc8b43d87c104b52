import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.classify import K_MAX, K_MIN, SCHEMES, classify


def series(values):
    return pd.Series(values, index=[f"d{i}" for i in range(len(values))], dtype="float64")


def test_fisher_jenks_finds_the_natural_breaks():
    got = classify(series([1, 2, 3, 100, 101, 102, 1000]), "fisher_jenks", 3)
    assert got.upper == (3.0, 102.0, 1000.0)
    assert got.lower == (1.0, 3.0, 102.0)
    assert got.counts == (3, 3, 1)
    assert list(got.class_of) == [0, 0, 0, 1, 1, 1, 2]


def test_quantiles_split_the_districts_evenly():
    got = classify(series(range(1, 9)), "quantiles", 4)
    assert got.counts == (2, 2, 2, 2)
    assert got.upper == (2.75, 4.5, 6.25, 8.0)


def test_fewer_distinct_values_than_classes():
    for scheme in ("fisher_jenks", "quantiles"):
        got = classify(series([0, 0, 0, 0, 5, 5, 10]), scheme, 5)
        assert got.k == 3, scheme
        assert got.upper == (0.0, 5.0, 10.0)
        assert got.counts == (4, 2, 1)
        assert got.k_requested == 5


def test_one_value_makes_one_class_and_missing_values_none():
    got = classify(series([7, 7, np.nan]), "quantiles", 5)
    assert got.upper == (7.0,) and got.lower == (7.0,) and got.counts == (2,)
    assert list(got.class_of[:2]) == [0, 0] and got.class_of.isna().iloc[2]


def test_no_values_makes_no_class():
    got = classify(series([np.nan, np.nan]))
    assert got.k == 0 and got.labels() == [] and got.class_of.isna().all()


def test_labels_state_the_bounds():
    got = classify(series([1000, 2000, 50000, 60000]), "fisher_jenks", 2)
    assert got.labels() == ["1,000 – 2,000", "2,000 – 60,000"]
    assert got.labels(lambda v: f"{v:.0f} ₸") == ["1000 ₸ – 2000 ₸", "2000 ₸ – 60000 ₸"]


@pytest.mark.parametrize("scheme, k", [("natural", 5), ("quantiles", K_MIN - 1),
                                       ("quantiles", K_MAX + 1), ("quantiles", 2.5)])
def test_bad_scheme_or_k_is_refused(scheme, k):
    with pytest.raises(ValueError):
        classify(series([1, 2, 3]), scheme, k)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.floats(0, 1e6), st.sampled_from([0.0, 10.0])), min_size=1,
                max_size=30),
       st.sampled_from(["fisher_jenks", "quantiles"]), st.integers(K_MIN, K_MAX))
def test_every_value_is_in_one_non_empty_class_within_its_bounds(values, scheme, k):
    got = classify(series(values), scheme, k)
    assert 1 <= got.k <= k and sum(got.counts) == len(values) and min(got.counts) >= 1
    assert list(got.upper) == sorted(set(got.upper))
    for value, c in zip(values, got.class_of):
        assert got.lower[c] <= value <= got.upper[c]
        if c > 0:
            assert value > got.lower[c]


def _within_class_deviation(values, upper):
    classes = np.searchsorted(np.asarray(upper), values, side="left")
    return sum(((values[classes == c] - values[classes == c].mean()) ** 2).sum()
               for c in np.unique(classes))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.floats(0, 1e6), st.integers(0, 20).map(float)), min_size=8,
                max_size=120),
       st.integers(K_MIN, K_MAX))
def test_breaks_are_those_of_mapclassify(values, k):
    """jenkspy and numpy give mapclassify's classes: Fisher–Jenks breaks are optimal
    (ties may put an equal-cost break elsewhere), quantile bounds are equal (before
    empty classes are dropped, which float noise in the last digit can decide)."""
    mapclassify = pytest.importorskip("mapclassify")
    y = np.asarray(values, dtype="float64")
    k = min(k, len(np.unique(y)))
    if k < K_MIN:
        return
    ours = classify(series(values), "fisher_jenks", k)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = mapclassify.FisherJenks(y, k=k).bins
        quantiles = mapclassify.Quantiles(y, k=k).bins
    assert _within_class_deviation(y, ours.upper) <= _within_class_deviation(y, theirs) * (
        1 + 1e-9) + 1e-6
    np.testing.assert_allclose(_distinct(SCHEMES["quantiles"](np.sort(y), k)),
                               _distinct(quantiles), rtol=1e-9, atol=1e-9)


def _distinct(bounds):
    """Sorted bounds with the ones equal but for float noise counted once."""
    bounds = np.sort(np.asarray(bounds, dtype="float64"))
    return bounds[np.r_[True, ~np.isclose(bounds[1:], bounds[:-1], rtol=1e-9, atol=1e-9)]]
