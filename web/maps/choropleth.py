"""The district metrics a map can shade by, their classes and colours.

Shared by the interactive embed and the static PNG so both show the same
classes. Classes come from ``mapclassify`` (Fisher–Jenks); the lead may fold
this into the planner's ``geo.classify`` once both are on main.
"""

import warnings
from dataclasses import dataclass

import mapclassify
import numpy as np
from flask_babel import lazy_gettext
from matplotlib import colormaps
from matplotlib.colors import to_hex

from geo.select import Selection
from geo.stats import district_totals

# metric code -> (column of geo.stats.district_totals, label, unit is tenge)
METRICS = {
    "funding_per_resident": ("funding_per_resident_kzt", lazy_gettext("Funding per resident"), True),
    "funding": ("funding_kzt", lazy_gettext("Funding"), True),
    "works": ("works", lazy_gettext("Number of works"), False),
    "share_done": ("share_done", lazy_gettext("Share of works done"), False),
}
DEFAULT_METRIC = "funding_per_resident"
MAX_CLASSES = 5
NO_DATA_COLOUR = "#e0e0e0"
PALETTE = "YlGnBu"


@dataclass(frozen=True)
class Shading:
    """Per-district colour and value, plus the legend's class bounds and colours."""

    metric: str
    values: dict  # district id -> float or None
    colours: dict  # district id -> hex colour
    bounds: tuple  # (lower, upper) per class
    class_colours: tuple


def shade_districts(dataset, selection=Selection(), metric=DEFAULT_METRIC):
    """Class the districts by ``metric`` for ``selection`` (its district filter is ignored)."""
    column = METRICS[metric][0]
    values = district_totals(dataset, selection)[column].astype(float)
    known = values.dropna()
    bounds, class_of = _classes(known.to_numpy())
    palette = colormaps[PALETTE].resampled(max(len(bounds), 1) + 1)
    class_colours = tuple(to_hex(palette(i + 1)) for i in range(len(bounds)))
    colours = {d: NO_DATA_COLOUR for d in values.index}
    colours.update({d: class_colours[c] for d, c in zip(known.index, class_of)})
    return Shading(metric, {d: (None if np.isnan(v) else float(v)) for d, v in values.items()},
                   colours, bounds, class_colours)


def _classes(values):
    if values.size == 0:
        return (), []
    distinct = np.unique(values)
    if distinct.size <= MAX_CLASSES:  # one class per value; Jenks would warn
        return tuple((float(v), float(v)) for v in distinct), list(np.searchsorted(distinct, values))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Numba not installed": the pure version is fast enough here
        classifier = mapclassify.FisherJenks(values, k=MAX_CLASSES)
    uppers = [float(v) for v in classifier.bins]
    lowers = [float(values.min())] + uppers[:-1]
    return tuple(zip(lowers, uppers)), list(classifier.yb)
