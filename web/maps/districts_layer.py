"""The districts of the city map as a Folium layer coloured by a shading
(:func:`web.maps.choropleth.shade_districts`, shared with embeds and the PNG), and
the legend that explains it.

Every text that reaches the map is escaped here (``inert_html``): Folium's GeoJson
tooltips and popups insert property values as HTML, and Folium compiles the
rendered script as a Jinja template.
"""

from dataclasses import dataclass

import folium

from web.maps.choropleth import NO_DATA_COLOUR
from web.maps.elements import inert_html


@dataclass(frozen=True)
class LegendEntry:
    """One class: its colour and the values it covers (``None`` bounds = no data)."""

    colour: str
    lower: float | None
    upper: float | None


def legend_of(shading):
    """The legend entries of a shading, low to high, then "no data" if any district has none."""
    entries = [LegendEntry(colour, lower, upper)
               for colour, (lower, upper) in zip(shading.class_colours, shading.bounds)]
    if any(value is None for value in shading.values.values()):
        entries.append(LegendEntry(NO_DATA_COLOUR, None, None))
    return entries


def district_layer(districts, shading, names, *, name, value_label, value_text=str,
                   links=None, link_text="", selected=None):
    """A ``folium.GeoJson`` of ``districts`` filled as ``shading`` says.

    ``names`` aligns with ``districts``; ``value_text`` formats a value for the
    tooltip; ``links`` (district id -> URL) adds a link to each popup; the
    ``selected`` district is outlined and drawn last, so no neighbour covers its edge.
    """
    features = []
    for (district_id, geometry), name_text in zip(districts.geometry.items(), names):
        value = shading.values.get(district_id)
        link = f'<a href="{inert_html(links[district_id])}">{inert_html(link_text)}</a>' if links else ""
        features.append({"type": "Feature", "id": inert_html(district_id), "geometry": geometry.__geo_interface__,
                         "properties": {"name": inert_html(name_text),
                                        "value": inert_html("—" if value is None else value_text(value)),
                                        "link": link,
                                        "fill": shading.colours.get(district_id, NO_DATA_COLOUR),
                                        "selected": district_id == selected}})
    features.sort(key=lambda feature: feature["properties"]["selected"])
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features}, name=name,
        style_function=_style, highlight_function=lambda feature: {"weight": 3, "color": "#0b5c8a"},
        tooltip=folium.GeoJsonTooltip(fields=["name", "value"],
                                      aliases=["", inert_html(value_label)], labels=True),
        popup=folium.GeoJsonPopup(fields=["name", "value", "link"], labels=False) if links else None,
    )


def _style(feature):
    selected = feature["properties"]["selected"]
    return {"fillColor": feature["properties"]["fill"], "fillOpacity": 0.55, "color": "#1d2428",
            "weight": 3 if selected else 1, "opacity": 1 if selected else 0.7}
