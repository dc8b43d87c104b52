"""The city map of the front page and of ``/embed/map``: districts as a choropleth, works on top.

Built from plain values (a Dataset, the selected works, the selection and
the words to show), so it is testable without a request. An embed asks for
gesture handling, links that open in a new tab and a frame on the selected district.
"""

from dataclasses import dataclass, field

import folium

from geo.select import Selection
from web.maps.base import new_map
from web.maps.choropleth import shade_districts
from web.maps.districts_layer import district_layer, legend_of
from web.maps.works_data import works_payload
from web.maps.works_layer import WorksLayer
from web.labels import name_column
from web.metrics import CITY_DEFAULT


@dataclass(frozen=True)
class MapText:
    """The words a map shows, already translated (English defaults for scripts/tests)."""

    works_layer: str = "Works"
    districts_layer: str = "Districts"
    metric_label: str = "Funding"
    district_link: str = "District page"
    popup: dict = field(default_factory=lambda: {
        "category": "Category", "status": "Status", "progress": "Progress", "year": "Year",
        "funding": "Funding", "district": "District", "more": "Open the work's page",
        "show": "Show on the map"})
    loading: dict = field(default_factory=lambda: {
        "loading": "Loading the works…", "failed": "The works could not be loaded. Reload the page to try again."})


@dataclass(frozen=True)
class CityMap:
    """The Folium map and the legend of its choropleth (for the page beside the map)."""

    map: folium.Map
    legend: list


def city_map(dataset, works=None, *, selection=Selection(), metric=CITY_DEFAULT, lang="ru", text=MapText(),
             value_text=str, district_links=None, work_url="/works/", query="", list_id=None,
             tiles=None, attribution=None, focus_selected=False, link_target=None, gesture_text=None,
             layer_control=True, works_src=None):
    """The city map: ``works`` (default: all) over districts coloured by ``metric``.

    Districts are shaded by ``metric`` (a key of ``web.metrics.METRICS``)
    for ``selection`` like the PNG; ``value_text`` formats a metric value;
    ``district_links`` maps district ids to their pages; a work's link is
    ``work_url + id + query``, opened in ``link_target`` (e.g. ``"_blank"``).
    ``focus_selected`` frames the map on ``selection.district`` and outlines it;
    ``gesture_text`` turns on gesture handling (see ``new_map``). With ``works_src``
    (the ``/api/map/works`` URL of the same selection) the works are fetched by the
    browser instead of travelling in the page.
    """
    works = dataset.works if works is None else works
    districts = dataset.districts
    selected = selection.district if focus_selected else None
    bounds = _bounds(districts if selected is None else districts.loc[[selected]])
    center = getattr(dataset, "center", None) or dataset.city.center or _middle(bounds)
    m = new_map(center=center, zoom=11, tiles=tiles, attribution=attribution, bounds=bounds,
                gesture_text=gesture_text)
    shading = shade_districts(dataset, selection, metric)
    district_layer(
        districts, shading, name_column(districts, "name", lang), name=text.districts_layer,
        value_label=text.metric_label, value_text=value_text, links=district_links,
        link_text=text.district_link, selected=selected).add_to(m)
    if works_src is None:
        # Serialised here on every build: the pages keep the whole rendered map per
        # snapshot (web.maps.base.render_map_memo), and big selections are fetched.
        payload = works_payload(works, dataset.districts, lang=lang, labels=text.popup,
                                work_url=work_url, query=query)
        layer = WorksLayer(payload, name=text.works_layer, list_id=list_id, link_target=link_target)
    else:
        layer = WorksLayer(None, src=works_src, messages=text.loading, name=text.works_layer,
                           list_id=list_id, link_target=link_target)
    layer.add_to(m)
    if layer_control:
        folium.LayerControl(collapsed=True).add_to(m)
    return CityMap(m, legend_of(shading))


def _bounds(districts):
    if districts is None or districts.empty:
        return None
    return tuple(float(v) for v in districts.total_bounds)


def _middle(bounds):
    if bounds is None:
        return (0.0, 0.0)
    minlon, minlat, maxlon, maxlat = bounds
    return ((minlon + maxlon) / 2, (minlat + maxlat) / 2)
