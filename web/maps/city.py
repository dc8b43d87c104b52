"""The city map of the front page: districts as a choropleth, works on top.

Built from plain values (a Dataset, the selected works, the selection and
the words to show), so it is testable without a request.
"""

from dataclasses import dataclass, field

import folium

from geo.select import Selection
from web.maps.base import new_map
from web.maps.choropleth import shade_districts
from web.maps.districts_layer import district_layer, legend_of
from web.maps.works_data import works_payload
from web.maps.works_layer import WorksLayer
from web.names import name_column

# the page's metric parameter -> the shared shading's metric (web.maps.choropleth.METRICS)
METRICS = {"funding": "funding", "per_resident": "funding_per_resident", "works": "works"}
DEFAULT_METRIC = "funding"


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


@dataclass(frozen=True)
class CityMap:
    """The Folium map and the legend of its choropleth (for the page beside the map)."""

    map: folium.Map
    legend: list


def city_map(dataset, works=None, *, selection=Selection(), metric=DEFAULT_METRIC, lang="ru", text=MapText(),
             value_text=str, district_links=None, work_url="/works/", query="", list_id=None,
             tiles=None, attribution=None):
    """The city map: ``works`` (default: all) over districts coloured by ``metric``.

    Districts are shaded by ``metric`` for ``selection`` like embeds and the PNG;
    ``value_text`` formats a metric value; ``district_links`` maps district
    ids to their pages; a work's link is ``work_url + id + query``.
    """
    works = dataset.works if works is None else works
    bounds = _bounds(dataset)
    center = getattr(dataset, "center", None) or dataset.city.center or _middle(bounds)
    m = new_map(center=center, zoom=11, tiles=tiles, attribution=attribution, bounds=bounds)
    districts = dataset.districts
    shading = shade_districts(dataset, selection, METRICS[metric])
    district_layer(
        districts, shading, name_column(districts, "name", lang), name=text.districts_layer,
        value_label=text.metric_label, value_text=value_text, links=district_links,
        link_text=text.district_link).add_to(m)
    payload = works_payload(works, districts, lang=lang, labels=text.popup, work_url=work_url,
                            query=query)
    WorksLayer(payload, name=text.works_layer, list_id=list_id).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    return CityMap(m, legend_of(shading))


def _bounds(dataset):
    districts = dataset.districts
    if districts is None or districts.empty:
        return None
    return tuple(float(v) for v in districts.total_bounds)


def _middle(bounds):
    if bounds is None:
        return (0.0, 0.0)
    minlon, minlat, maxlon, maxlat = bounds
    return ((minlon + maxlon) / 2, (minlat + maxlat) / 2)
