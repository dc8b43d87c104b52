"""The staff's map of one submission: its place, the needs and works around it (duplicates)."""

import folium

from web.maps.base import FitToFrame, new_map
from web.maps.detail import district_outlines
from web.maps.elements import Tooltip
from web.maps.works_data import works_payload
from web.maps.works_layer import WorksLayer


def submission_map(dataset, lon, lat, *, needs, works, radius_m, text, lang="ru", tiles=None,
                   attribution=None):
    """``needs`` (a needs frame) and ``works`` (a works frame) near ``(lon, lat)``.

    ``text`` has ``works_layer``, ``districts_layer``, ``need`` (tooltip prefix) and
    ``popup`` (the works' popup words).
    """
    m = new_map(center=(lon, lat), zoom=16, tiles=tiles, attribution=attribution)
    if len(dataset.districts):
        district_outlines(dataset.districts, lang=lang, name=text["districts_layer"]).add_to(m)
    folium.Circle((lat, lon), radius=radius_m, color="#0b5c8a", weight=1, fill=False,
                  interactive=False).add_to(m)
    for need_id, need in needs.iterrows():
        if need.geometry is None:
            continue
        marker = folium.CircleMarker((need.geometry.y, need.geometry.x), radius=7, color="#6a3d9a",
                                     weight=2, fill=True, fill_color="#cab2d6", fill_opacity=0.9)
        Tooltip(f"{text['need']} {need_id}: {need['title_ru']}").add_to(marker)
        marker.add_to(m)
    if len(works):
        payload = works_payload(works, dataset.districts, lang=lang, labels=text["popup"])
        WorksLayer(payload, name=text["works_layer"]).add_to(m)
    folium.CircleMarker((lat, lon), radius=9, color="#1d2428", weight=3, fill=True,
                        fill_color="#e6ab02", fill_opacity=1, interactive=False).add_to(m)
    dlat = radius_m / 111_320
    FitToFrame([(lat - dlat, lon - dlat * 1.6), (lat + dlat, lon + dlat * 1.6)]).add_to(m)
    return m
