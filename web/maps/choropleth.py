"""The district metrics a map can shade by, their classes (``geo.classify``) and colours.

Shared by the interactive embed and the static PNG so that both show the same classes
as the planner's choropleth (Fisher–Jenks, at most five classes).
"""

from dataclasses import dataclass, replace

import numpy as np
from branca.colormap import linear
from geo.classify import classify
from geo.select import Selection
from geo.stats import district_totals
from web.metrics import EMBED_DEFAULT, METRICS

MAX_CLASSES = 5
NO_DATA_COLOUR = "#e0e0e0"
# ColorBrewer's sequential YlGnBu (9 classes), interpolated: branca ships it with Folium,
# so no web worker imports Matplotlib to colour a map.
PALETTE = linear.YlGnBu_09


def class_colours(k):
    """``k`` shades of YlGnBu, light = little; the ramp's near-white and near-black
    ends are left out so that the lightest class still shows on a light base map."""
    if k <= 0:
        return []
    stops = np.linspace(0.12, 0.88, k) if k > 1 else [0.5]
    return [PALETTE.rgb_hex_str(float(x)) for x in stops]


@dataclass(frozen=True)
class Shading:
    """Per-district colour and value, plus the legend's class bounds and colours."""

    metric: str
    values: dict  # district id -> float or None
    colours: dict  # district id -> hex colour
    bounds: tuple  # (lower, upper) per class
    class_colours: tuple


def shade_districts(dataset, selection=Selection(), metric=EMBED_DEFAULT):
    """Class the districts by ``metric`` for ``selection`` (its district filter is ignored).

    Memoised per snapshot: the totals, classes and colours of a selection take ~10 ms
    at 100,000 works and 200 districts, which every view of a map would otherwise pay
    again. Treat the result as read-only.
    """
    key = ("shading", replace(selection, district=None), metric)
    memo = getattr(dataset, "memo", None)
    build = lambda: _shade(dataset, selection, metric)  # noqa: E731
    return memo(key, build) if memo else build()


def _shade(dataset, selection, metric):
    values = district_totals(dataset, selection)[METRICS[metric].column].astype(float)
    classes = classify(values, k=MAX_CLASSES)
    shades = tuple(class_colours(classes.k))
    colours = {d: NO_DATA_COLOUR for d in values.index}
    colours.update({d: shades[int(c)] for d, c in classes.class_of.dropna().items()})
    return Shading(metric, {d: (None if v != v else float(v)) for d, v in values.items()},
                   colours, tuple(zip(classes.lower, classes.upper)), shades)
