"""The city map of the front page and of ``/embed/map``: districts as a choropleth, works on top.

Built from plain values (a Dataset, the selected works, the selection and
the words to show), so it is testable without a request. An embed asks for
gesture handling, links that open in a new tab and a frame on the selected district.
"""

from dataclasses import dataclass, field, fields

import folium

from geo.needs import select_needs
from geo.select import Selection
from web.maps.base import new_map
from web.maps.choropleth import shade_districts
from web.maps.districts_layer import district_layer, legend_of
from web.maps.needs_data import needs_payload
from web.maps.needs_layer import NeedsLayer
from web.maps.works_data import works_payload
from web.maps.tiles_data import layer_spec
from web.maps.works_layer import TiledLayer, WorksLayer
from web.labels import name_column
from web.metrics import CITY_DEFAULT, METRICS


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
    needs_layer: str = "Residents' needs"
    need_popup: dict = field(default_factory=lambda: {
        "kind": "Residents' need", "status": "Status", "category": "Category", "raised": "Raised",
        "cycle": "meeting %s", "district": "District", "more": "Open the need's page",
        "loading": "Loading the needs…",
        "failed": "The needs could not be loaded. Switch the layer on again to retry."})
    tiles: dict = field(default_factory=lambda: {
        "works": "Works: %s. Zoom in to see them", "needs": "Residents' needs: %s. Zoom in to see them",
        "loading": "Loading…", "failed": "The details could not be loaded. Try again.",
        "map_failed": "This part of the map could not be loaded. Move the map to try again."})

    def __hash__(self):
        return _hash_fields(self)


@dataclass(frozen=True)
class MapOptions:
    """Everything a city map depends on besides its data: the options *are* its cache key.

    ``value_format`` writes a metric value ``"with_unit"`` (the front page), ``"plain"``
    (the embed, whose legend names the unit) or with ``str``. A work's link is
    ``work_url + id + query``, opened in ``link_target``; ``focus_selected`` frames the
    map on the selected district; ``gesture_text`` turns on gesture handling (see
    ``new_map``); with ``works_tiles`` (the ``/api/map/tiles/works/{z}/{x}/{y}.json``
    URL template of the same selection) the browser fetches the works of its view
    (``tiles.js``) instead of finding them all in the page.
    """

    metric: str = CITY_DEFAULT
    lang: str = "ru"
    text: MapText = MapText()
    value_format: str | None = None
    district_links: dict | None = None  # district id -> its page
    work_url: str = "/works/"
    query: str = ""
    list_id: str | None = None
    tiles: str | None = None
    attribution: str | None = None
    focus_selected: bool = False
    link_target: str | None = None
    gesture_text: dict | None = None
    layer_control: bool = True
    works_tiles: str | None = None
    needs: "NeedsOptions | None" = None  # None: no needs layer

    def __hash__(self):
        return _hash_fields(self)

    def value_text(self):
        if self.value_format is None:
            return str
        return METRICS[self.metric].value_text(with_unit=self.value_format == "with_unit")


@dataclass(frozen=True)
class NeedsOptions:
    """The needs layer of a map: switched on at first (``shown``), of which status types
    (empty: all), each need linked to ``need_url + id`` (+ the map's ``query``), and the
    query parameter the page keeps in step when the reader switches it (``url_param``)."""

    shown: bool = False
    status_types: tuple = ()
    need_url: str = "/needs/"
    url_param: str | None = None
    src: str | None = None  # /api/map/needs of the same selection: fetched when switched on
    tiles: str | None = None  # or the URL template of its tiles: the view's fetched (big cities)


def _hash_fields(value):
    # Dicts (words, links) hashed by their items, so that the whole value can key a memo.
    return hash(tuple(tuple(v.items()) if isinstance(v, dict) else v
                      for v in (getattr(value, f.name) for f in fields(value))))


@dataclass(frozen=True)
class CityMap:
    """The Folium map and the legend of its choropleth (for the page beside the map)."""

    map: folium.Map
    legend: list


def city_map(dataset, works=None, *, selection=Selection(), options=MapOptions()):
    """The city map: ``works`` (default: all) over districts shaded by ``options.metric``.

    Districts are shaded for ``selection`` like the PNG; everything else is ``options``.
    """
    o = options
    works = dataset.works if works is None else works
    districts = dataset.districts
    selected = selection.district if o.focus_selected else None
    bounds = _bounds(districts if selected is None else districts.loc[[selected]])
    center = getattr(dataset, "center", None) or dataset.city.center or _middle(bounds)
    m = new_map(center=center, zoom=11, tiles=o.tiles, attribution=o.attribution, bounds=bounds,
                gesture_text=o.gesture_text)
    shading = shade_districts(dataset, selection, o.metric)
    district_layer(
        districts, shading, name_column(districts, "name", o.lang), name=o.text.districts_layer,
        value_label=o.text.metric_label, value_text=o.value_text(), links=o.district_links,
        link_text=o.text.district_link, selected=selected).add_to(m)
    if o.works_tiles is None:
        # Serialised here on every build: the pages keep the whole rendered map per
        # snapshot (web.maps.base.render_map_memo), and big selections are tiled.
        payload = works_payload(works, dataset.districts, lang=o.lang, labels=o.text.popup,
                                work_url=o.work_url, query=o.query)
        layer = WorksLayer(payload, name=o.text.works_layer, list_id=o.list_id, link_target=o.link_target)
    else:
        layer = TiledLayer(_tiles_spec("works", o.works_tiles, o), name=o.text.works_layer,
                           list_id=o.list_id, link_target=o.link_target,
                           messages={"failed": o.text.tiles["map_failed"]})
    layer.add_to(m)
    if o.needs is not None:
        needs_layer(dataset, selection, o).add_to(m)
    if o.layer_control:
        folium.LayerControl(collapsed=True).add_to(m)
    return CityMap(m, legend_of(shading))


def needs_layer(dataset, selection, options):
    """The needs of ``selection`` (years, categories, district) as ``options.needs`` says:
    fetched from ``options.needs.src`` if given, else inside the page."""
    n = options.needs
    if n.tiles is not None:
        return TiledLayer(_tiles_spec("needs", n.tiles, options), name=options.text.needs_layer, show=n.shown,
                          link_target=options.link_target, url_param=n.url_param,
                          messages={"failed": options.text.tiles["map_failed"]})
    payload = None
    if n.src is None:
        needs = select_needs(dataset, selection, status_types=tuple(n.status_types))
        payload = needs_payload(needs, dataset.districts, lang=options.lang, labels=options.text.need_popup,
                                need_url=n.need_url, query=options.query)
    messages = {key: options.text.need_popup.get(key) for key in ("loading", "failed")}
    return NeedsLayer(payload, src=n.src, messages=messages, name=options.text.needs_layer, show=n.shown,
                      link_target=options.link_target, url_param=n.url_param)


def _tiles_spec(kind, template, options):
    """What ``tiles.js`` draws the ``kind`` layer with: the tiles, the details of a popup
    (``/api/map/<kind>/<id>`` beside the tiles) and the words."""
    detail = template.split("/api/map/tiles/")[0] + f"/api/map/{kind}/"
    words = options.text.tiles
    labels = {"cluster": words[kind], "loading": words["loading"], "failed": words["failed"],
              "show": options.text.popup["show"]}
    return layer_spec(kind, options.lang, template=template, detail_url=detail,
                      query=f"?lang={options.lang}", labels=labels)


def _bounds(districts):
    if districts is None or districts.empty:
        return None
    return tuple(float(v) for v in districts.total_bounds)


def _middle(bounds):
    if bounds is None:
        return (0.0, 0.0)
    minlon, minlat, maxlon, maxlat = bounds
    return ((minlon + maxlon) / 2, (minlat + maxlat) / 2)
