"""Classing a numeric variable (funding per resident) for a choropleth legend.

The classes come from ``mapclassify`` (Fisher–Jenks natural breaks or
quantiles). A class is ``(lower, upper]``, except the first, which also holds
its lower bound (the minimum): the convention of ``mapclassify``. Districts
without a value (no residents) are in no class.
"""

import warnings
from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd

SCHEMES = {"fisher_jenks": mapclassify.FisherJenks, "quantiles": mapclassify.Quantiles}
DEFAULT_SCHEME = "fisher_jenks"
DEFAULT_K = 5
K_MIN, K_MAX = 2, 7  # a reader tells apart at most about seven shades of one hue


@dataclass(frozen=True)
class Classes:
    """The result of :func:`classify`.

    Attributes
    ----------
    scheme : str
        ``fisher_jenks`` or ``quantiles``.
    k_requested : int
        The number of classes asked for.
    lower, upper : tuple of float
        The bounds of each class, ascending; ``len(lower)`` is the number of
        classes actually made, which is less than asked when there are fewer
        distinct values than classes (it is never an empty class).
    counts : tuple of int
        How many values fall in each class.
    class_of : Series
        The class (0-based) of each value, ``<NA>`` where the value is missing.
    """

    scheme: str
    k_requested: int
    lower: tuple
    upper: tuple
    counts: tuple
    class_of: pd.Series

    @property
    def k(self):
        return len(self.upper)

    def labels(self, number=lambda v: f"{v:,.0f}"):
        """One legend label per class, ``"lower – upper"``, numbers formatted by ``number``."""
        return [f"{number(lo)} – {number(hi)}" for lo, hi in zip(self.lower, self.upper)]


def classify(values, scheme=DEFAULT_SCHEME, k=DEFAULT_K):
    """Class ``values`` with a ``mapclassify`` scheme into at most ``k`` classes.

    Parameters
    ----------
    values : Series
        The numbers to class (for example funding per resident by district id);
        NaN values are left out of every class.
    scheme : {"fisher_jenks", "quantiles"}
    k : int
        The number of classes wanted, from ``K_MIN`` to ``K_MAX``. Fewer are
        made when the values have fewer distinct numbers, and classes that
        would be empty (quantiles of tied values) are merged away.

    Returns
    -------
    Classes

    Raises
    ------
    ValueError
        For an unknown scheme or a ``k`` out of bounds.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown classification scheme {scheme!r}; use one of "
                         f"{', '.join(SCHEMES)}")
    if not isinstance(k, (int, np.integer)) or not K_MIN <= k <= K_MAX:
        raise ValueError(f"the number of classes must be a whole number from {K_MIN} to {K_MAX}")
    values = pd.Series(values, dtype="float64")
    present = values.dropna()
    if present.empty:
        return Classes(scheme, int(k), (), (), (), pd.Series(pd.NA, index=values.index,
                                                              dtype="Int64"))
    upper = _upper_bounds(present.to_numpy(), scheme, min(int(k), present.nunique()))
    class_of = pd.Series(np.searchsorted(upper, present.to_numpy(), side="left"),
                         index=present.index)
    class_of = class_of.reindex(values.index).astype("Int64")
    counts = tuple(int((class_of == i).sum()) for i in range(len(upper)))
    lower = (float(present.min()),) + tuple(upper[:-1])
    return Classes(scheme, int(k), lower, tuple(upper), counts, class_of)


def _upper_bounds(y, scheme, k):
    if k < 2:
        return [float(y.max())]
    with warnings.catch_warnings():
        # "Numba not installed" and "not enough unique values": both handled here.
        warnings.simplefilter("ignore")
        bins = SCHEMES[scheme](y, k=k).bins
    # Quantiles of tied values repeat a bound or leave a class empty: keep only
    # the bounds that close a non-empty class, so every class in the legend is real.
    bins = np.unique(np.asarray(bins, dtype="float64"))
    bins[-1] = max(bins[-1], y.max())
    index = np.searchsorted(bins, y, side="left")
    return [float(b) for i, b in enumerate(bins) if (index == i).any()]
