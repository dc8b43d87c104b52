"""Maps of one place: a district with its works, or one work with its districts."""

import folium

from web.maps.base import new_map
from web.maps.city import MapText
from web.maps.elements import inert_html
from web.maps.works_data import works_payload
from web.maps.works_layer import WorksLayer
from web.labels import name_column

MIN_SPAN_DEG = 0.004  # about 300-400 m: a point work is not shown at the maximum zoom


def detail_map(dataset, works, district_ids, *, lang="ru", text=MapText(), work_url="/works/",
               query="", list_id=None, tiles=None, attribution=None):
    """``works`` over the outlines of ``district_ids``, framed on both."""
    districts = dataset.districts.loc[list(district_ids)]
    bounds = _bounds(districts, works)
    center = ((bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2) if bounds else dataset.center
    m = new_map(center=center, zoom=14, tiles=tiles, attribution=attribution, bounds=bounds)
    if len(districts):
        district_outlines(districts, lang=lang, name=text.districts_layer).add_to(m)
    payload = works_payload(works, dataset.districts, lang=lang, labels=text.popup,
                            work_url=work_url, query=query)
    WorksLayer(payload, name=text.works_layer, list_id=list_id).add_to(m)
    return m


def district_outlines(districts, *, lang="ru", name="Districts", selected=None):
    """The outlines of ``districts`` named in tooltips; ``selected`` (an id) drawn bolder, last."""
    names = name_column(districts, "name", lang)
    features = [{"type": "Feature", "geometry": geometry.__geo_interface__,
                 "properties": {"name": inert_html(names[district_id]), "selected": district_id == selected}}
                for district_id, geometry in districts.geometry.items()]
    features.sort(key=lambda feature: feature["properties"]["selected"])
    return folium.GeoJson({"type": "FeatureCollection", "features": features}, name=name,
                          style_function=_outline_style,
                          tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False))


def _outline_style(feature):
    if feature["properties"]["selected"]:
        return {"color": "#0b5c8a", "weight": 4, "fillColor": "#0b5c8a", "fillOpacity": 0.12}
    return {"color": "#0b5c8a", "weight": 2, "fillColor": "#0b5c8a", "fillOpacity": 0.06}


def _bounds(districts, works):
    frames = [f.geometry for f in (districts, works) if len(f)]
    boxes = [tuple(float(v) for v in g.total_bounds) for g in frames if g.notna().any()]
    boxes = [b for b in boxes if all(v == v for v in b)]  # NaN bounds of empty geometries
    if not boxes:
        return None
    minx, miny = min(b[0] for b in boxes), min(b[1] for b in boxes)
    maxx, maxy = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad_x, pad_y = max(0.0, MIN_SPAN_DEG - (maxx - minx)) / 2, max(0.0, MIN_SPAN_DEG - (maxy - miny)) / 2
    return (minx - pad_x, miny - pad_y, maxx + pad_x, maxy + pad_y)
