"""Classing a numeric variable (funding per resident) for a choropleth legend.

Fisher–Jenks natural breaks come from ``jenkspy`` (the exact algorithm in C),
quantiles from ``numpy.quantile`` (linear, as ``mapclassify.Quantiles``). A class
is ``(lower, upper]``, except the first, which also holds its lower bound (the
minimum): the convention of ``mapclassify``. Districts without a value (no
residents) are in no class.

Not ``mapclassify`` itself: importing it loads SciPy, scikit-learn and Matplotlib
(~117 MiB in every web worker, since every city map is shaded), and its pure-Python
Fisher–Jenks takes ~0.14 s for 200 districts against ~0.2 ms here. The tests check
that the breaks found are as good as ``mapclassify``'s.
"""

from dataclasses import dataclass

import jenkspy
import numpy as np
import pandas as pd


def _fisher_jenks(y, k):
    """Upper bounds of the ``k`` classes that minimise the within-class squared deviations."""
    return jenkspy.jenks_breaks(y, n_classes=k)[1:]


def _quantiles(y, k):
    """Upper bounds at the 1/k, 2/k ... 1 quantiles (linear interpolation)."""
    return np.quantile(y, np.arange(1, k + 1) / k)


SCHEMES = {"fisher_jenks": _fisher_jenks, "quantiles": _quantiles}
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
    """Class ``values`` by ``scheme`` into at most ``k`` classes.

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
    bins = SCHEMES[scheme](np.sort(y), k)
    # Quantiles of tied values repeat a bound or leave a class empty: keep only
    # the bounds that close a non-empty class, so every class in the legend is real.
    bins = np.unique(np.asarray(bins, dtype="float64"))
    bins[-1] = max(bins[-1], y.max())
    index = np.searchsorted(bins, y, side="left")
    return [float(b) for i, b in enumerate(bins) if (index == i).any()]
