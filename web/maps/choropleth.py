"""Districts coloured by one figure (a choropleth) and the legend that explains it.

Classes are Fisher-Jenks natural breaks from ``mapclassify`` (at most five, fewer
when there are fewer distinct values); districts without a value are grey.
Every text that reaches the map is escaped here (``inert_html``): Folium's GeoJson
tooltips and popups insert property values as HTML, and Folium compiles the
rendered script as a Jinja template.
"""

import warnings
from dataclasses import dataclass

import folium
import mapclassify
import numpy as np

from web.maps.elements import inert_html

# ColorBrewer YlGnBu, light (little) to dark (much).
PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
NO_DATA = "#d9d9d9"


@dataclass(frozen=True)
class LegendEntry:
    """One class: its colour and the values it covers (``None`` bounds = no data)."""

    colour: str
    lower: float | None
    upper: float | None


def classify(values, k=len(PALETTE)):
    """``(colours, legend)``: a colour per value and the legend entries, low to high."""
    values = np.asarray(values, dtype=float)
    finite = values[np.isfinite(values)]
    colours = np.full(len(values), NO_DATA, dtype=object)
    legend = []
    if len(finite):
        distinct = np.unique(finite)
        k = min(k, len(distinct))
        if k < 2:
            bins, classes = np.array([distinct[0]]), np.zeros(len(finite), dtype=int)
        else:
            with warnings.catch_warnings():  # "Numba not installed": fine for a few districts
                warnings.simplefilter("ignore", UserWarning)
                scheme = mapclassify.FisherJenks(finite, k=k)
            bins, classes = scheme.bins, scheme.yb
        palette = _spread(len(bins))
        colours[np.isfinite(values)] = [palette[c] for c in classes]
        lower = float(finite.min())
        for colour, upper in zip(palette, bins):
            legend.append(LegendEntry(colour, lower, float(upper)))
            lower = float(upper)
    if not np.isfinite(values).all():
        legend.append(LegendEntry(NO_DATA, None, None))
    return colours.tolist(), legend


def _spread(count):
    """``count`` colours from the palette, spread from light to dark."""
    if count == 1:
        return [PALETTE[2]]
    picks = np.round(np.linspace(0, len(PALETTE) - 1, count)).astype(int)
    return [PALETTE[i] for i in picks]


def district_layer(districts, values, names, *, name, value_label, value_text=str,
                   links=None, link_text="", selected=None):
    """A ``folium.GeoJson`` of ``districts`` filled by ``values``, with its legend.

    ``names`` and ``values`` align with ``districts``; ``value_text`` formats a value
    for the tooltip; ``links`` (district id -> URL) adds a link to each popup;
    ``selected`` (an id) is outlined more strongly.
    """
    colours, legend = classify(values)
    features = []
    for (district_id, geometry), name_text, value, colour in zip(
            districts.geometry.items(), names, values, colours):
        value_shown = value_text(value) if np.isfinite(value) else "—"
        link = f'<a href="{inert_html(links[district_id])}">{inert_html(link_text)}</a>' if links else ""
        features.append({"type": "Feature", "id": inert_html(district_id), "geometry": geometry.__geo_interface__,
                         "properties": {"name": inert_html(name_text), "value": inert_html(value_shown),
                                        "link": link, "fill": colour,
                                        "selected": district_id == selected}})
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features}, name=name,
        style_function=_style, highlight_function=lambda feature: {"weight": 3, "color": "#0b5c8a"},
        tooltip=folium.GeoJsonTooltip(fields=["name", "value"],
                                      aliases=["", inert_html(value_label)], labels=True),
        popup=folium.GeoJsonPopup(fields=["name", "value", "link"], labels=False) if links else None,
    )
    return layer, legend


def _style(feature):
    properties = feature["properties"]
    return {"fillColor": properties["fill"], "fillOpacity": 0.55, "color": "#1d2428",
            "weight": 3 if properties["selected"] else 1, "opacity": 0.7}
