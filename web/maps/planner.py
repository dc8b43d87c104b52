"""The planner's map: a choropleth of funding per resident and a layer of clusters.

Fill colour = the class of funding per resident (``geo.classify``; the page's legend
states the bounds), in the shades of every other map (``choropleth.class_colours``).
The clusters layer outlines the districts of significant Local Moran clusters (and
dashes the districts with no neighbours) and writes the quadrant on them, so
clusters read by text and line, not only by colour.
"""

import folium
import pandas as pd
from shapely.geometry import shape

from web.maps.base import new_map
from web.maps.choropleth import class_colours
from web.maps.elements import inert_html

NO_CLASS = "#d9d9d9"  # districts without residents
# quadrant -> (outline colour, dash pattern or None)
CLUSTER_STYLES = {
    "HH": ("#b2182b", None), "LL": ("#2166ac", None), "HL": ("#ef8a62", None),
    "LH": ("#67a9cf", None), "island": ("#555555", "4 4"),
}
SIGNIFICANT = ("HH", "LL", "HL", "LH")


def planner_map(districts, report, *, tooltips, layer_names, tiles=None, attribution=None):
    """The planner's Folium map.

    Parameters
    ----------
    districts : GeoDataFrame
        The district polygons (EPSG:4326) indexed by id.
    report : PlannerReport
    tooltips : dict
        District id -> list of plain-text lines (escaped here).
    layer_names : dict
        ``funding`` and ``clusters``: the names shown in the layer control.
    """
    bounds = tuple(float(v) for v in districts.total_bounds) if len(districts) else None
    center = ((bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2) if bounds else (0, 0)
    m = new_map(center=center, zoom=11, tiles=tiles, attribution=attribution, bounds=bounds)
    features = _features(districts, report, tooltips)
    _choropleth(features, layer_names["funding"]).add_to(m)
    _clusters(features, layer_names["clusters"]).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    return m


def _features(districts, report, tooltips):
    colours = class_colours(report.classes.k)
    features = []
    for district_id, row in report.table.iterrows():
        funding_class = row["funding_class"]
        fill = NO_CLASS if pd.isna(funding_class) else colours[int(funding_class) - 1]
        # inert_html: escaped, and braces as entities (Folium re-compiles scripts as Jinja)
        tip = "<br>".join(inert_html(line) for line in tooltips.get(district_id, []))
        features.append({
            "type": "Feature", "id": inert_html(district_id),
            "geometry": districts.geometry[district_id].__geo_interface__,
            "properties": {"tip": tip, "fill": fill, "cluster": row["cluster"]},
        })
    return features


def _choropleth(features, name):
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features}, name=name,
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "fillOpacity": 0.8,
                                  "color": "#ffffff", "weight": 1},
        highlight_function=lambda f: {"weight": 3, "color": "#1d2428"},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    )


def _clusters(features, name):
    group = folium.FeatureGroup(name=name)
    marked = [f for f in features if f["properties"]["cluster"] in CLUSTER_STYLES]
    if marked:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": marked},
            style_function=_cluster_style, interactive=False,
        ).add_to(group)
    for feature in features:
        quadrant = feature["properties"]["cluster"]
        if quadrant not in SIGNIFICANT:
            continue
        point = _label_point(feature["geometry"])
        folium.Marker((point[1], point[0]), icon=folium.DivIcon(
            html=f'<span class="cluster-label cluster-{quadrant}">{quadrant}</span>',
            icon_size=(28, 18), icon_anchor=(14, 9), class_name="cluster-icon"),
            interactive=False).add_to(group)
    return group


def _cluster_style(feature):
    colour, dash = CLUSTER_STYLES[feature["properties"]["cluster"]]
    style = {"color": colour, "weight": 4 if dash is None else 2, "fill": False}
    if dash:
        style["dashArray"] = dash
    return style


def _label_point(geometry):
    point = shape(geometry).representative_point()
    return (point.x, point.y)
