"""The near-me map: the chosen point, its radius and the works within it.

A click on the map picks a new point (``near.js`` fills the page's form and sends it).
"""

import math

import folium
from branca.element import JavascriptLink
from folium.elements import JSCSSMixin

from web.maps.base import FitToFrame, new_map
from web.maps.city import MapText
from web.maps.detail import district_outlines
from web.maps.works_data import script_json, works_payload
from web.maps.works_layer import RawScript, WorksLayer


class PointPicker(JSCSSMixin):
    """Clicking the map fills ``lat``/``lon`` of the form ``form_id`` and submits it."""

    default_js = [("okraina_near_js", "")]

    def __init__(self, form_id):
        super().__init__()
        self._name = "PointPicker"
        self.form_id = form_id

    def render(self, **kwargs):
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        figure.script.add_child(RawScript(
            f"okraina.pickPoint({self._parent.get_name()}, {script_json({'form': self.form_id})});\n"),
            name=self.get_name())


def near_map(dataset, result=None, *, lang="ru", text=MapText(), work_url="/works/", query="",
             list_id=None, form_id="near-form", tiles=None, attribution=None):
    """The city (no point yet) or the circle of ``result`` with its works."""
    if result is None:
        bounds = tuple(float(v) for v in dataset.districts.total_bounds) if len(dataset.districts) else None
        m = new_map(center=dataset.center, zoom=11, tiles=tiles, attribution=attribution, bounds=bounds)
    else:
        m = new_map(center=(result.lon, result.lat), zoom=14, tiles=tiles, attribution=attribution)
    if len(dataset.districts):
        # Outlines (and "your district") so the map is a map before, or without, the tiles.
        selected = None if result is None else result.district_id
        district_outlines(dataset.districts, lang=lang, name=text.districts_layer,
                          selected=selected).add_to(m)
    if result is not None:
        circle = folium.Circle((result.lat, result.lon), radius=result.radius_m, color="#0b5c8a",
                               weight=2, fill=True, fill_opacity=0.05, interactive=False)
        circle.add_to(m)  # not interactive: a click inside picks a new point
        folium.CircleMarker((result.lat, result.lon), radius=6, color="#1d2428", weight=2,
                            fill=True, fill_color="#e6ab02", fill_opacity=1, interactive=False).add_to(m)
        FitToFrame(_circle_bounds(result)).add_to(m)
        payload = works_payload(result.works, dataset.districts, lang=lang, labels=text.popup,
                                work_url=work_url, query=query)
        WorksLayer(payload, name=text.works_layer, list_id=list_id).add_to(m)
    PointPicker(form_id).add_to(m)
    return m


def _circle_bounds(result):
    """The box around the circle, in Leaflet's ``[[lat, lon], [lat, lon]]``."""
    dlat = result.radius_m / 111_320
    dlon = result.radius_m / (111_320 * max(math.cos(math.radians(result.lat)), 0.01))
    return [(result.lat - dlat, result.lon - dlon), (result.lat + dlat, result.lon + dlon)]
