"""The interactive map of an embed: shaded districts and the selected works.

A minimal builder written before the city map builder (branch ``pages``) landed;
the lead can fold it into ``web.maps.city``. The data travel as one compact JSON
value (coordinates rounded to ~1 m, two properties per feature) drawn by a few
lines of Leaflet, and every text lands through ``textContent``, never as HTML.
"""

import json

import shapely
from branca.element import MacroElement
from folium.template import Template

from geo import vocab
from geo.select import select_works
from web.maps.base import new_map
from web.maps.works_data import script_json

DIGITS = 5  # 1e-5 degree is about a metre


class EmbedLayers(MacroElement):
    """Districts filled by ``c`` named ``n`` (``x``: selected); works by status ``s`` titled ``t``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, data) {
            function text(value) {
                return function () { var s = document.createElement("span"); s.textContent = value; return s; };
            }
            L.geoJSON(data.districts, {
                style: function (f) {
                    return f.properties.x ? {fillColor: f.properties.c, fillOpacity: 0.7, color: "#1d2428", weight: 3}
                                          : {fillColor: f.properties.c, fillOpacity: 0.7, color: "#fff", weight: 1};
                },
                onEachFeature: function (f, layer) { layer.bindTooltip(text(f.properties.n), {sticky: true}); }
            }).addTo(map);
            L.geoJSON(data.works, {
                pointToLayer: function (f, latlng) { return L.circleMarker(latlng, {radius: 6}); },
                style: function (f) {
                    var c = data.colours[f.properties.s];
                    return {color: c, weight: 4, fillColor: c, fillOpacity: 0.9};
                },
                onEachFeature: function (f, layer) {
                    layer.bindTooltip(text(f.properties.t + " \\u2014 " + data.statuses[f.properties.s]));
                }
            }).addTo(map);
        })({{ this._parent.get_name() }}, {{ this.data_json }});
        {% endmacro %}
    """)

    def __init__(self, data):
        super().__init__()
        self._name = "EmbedLayers"
        self.data = data
        # Folium compiles the rendered script again as a Jinja template: script_json
        # escapes "{{", "{%" and "{#" inside strings so that data is never evaluated.
        self.data_json = script_json(data)


def embed_map(dataset, selection, shading, *, lang, tiles=None, attribution=None, gesture_text=None):
    """A ``folium.Map`` of the selection, framed on its district (or the whole city)."""
    districts = dataset.districts
    framed = districts if selection.district is None else districts.loc[[selection.district]]
    bounds = tuple(float(v) for v in framed.total_bounds) if not framed.empty else None
    m = new_map(center=dataset.center, zoom=11, tiles=tiles, attribution=attribution,
                bounds=bounds, gesture_text=gesture_text)
    EmbedLayers(layer_data(dataset, selection, shading, lang)).add_to(m)
    return m


def layer_data(dataset, selection, shading, lang):
    """The JSON value ``EmbedLayers`` draws."""
    districts = dataset.districts
    names = districts[f"name_{lang}"].fillna(districts["name_ru"]) if f"name_{lang}" in districts \
        else districts["name_ru"]
    works = select_works(dataset, selection)
    titles = works[f"title_{lang}"].fillna(works["title_ru"]) if f"title_{lang}" in works \
        else works["title_ru"]
    return {
        "districts": _features(districts.geometry, [
            {"n": name, "c": shading.colours.get(d), **({"x": 1} if d == selection.district else {})}
            for d, name in names.items()]),
        "works": _features(works.geometry, [
            {"t": title, "s": status} for title, status in zip(titles, works["status"])]),
        "colours": {code: vocab.status_colour(code) for code in vocab.STATUSES},
        "statuses": {code: vocab.label(vocab.STATUSES, code, lang) for code in vocab.STATUSES},
    }


def _features(geometries, properties):
    rounded = shapely.set_precision(geometries.to_numpy(), 10 ** -DIGITS)
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(geom))}
        for geom, props in zip(rounded, properties) if geom is not None and not geom.is_empty]}
