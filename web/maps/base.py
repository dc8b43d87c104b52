"""The app's Folium map: app-served assets only, no jQuery, rendered into page parts.

``new_map`` builds a map; ``render_map`` points every element's assets at
``/assets/...`` (no CDN, no jQuery/Bootstrap/Font Awesome), adds the CSP nonce and
returns the pieces a template places in ``<head>``, in the body and at the end.
Nothing here changes Folium's classes: assets are set per element instance.
"""

from dataclasses import dataclass

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template
from markupsafe import Markup

from web.assets import asset_path
from web.security import add_nonce

DEFAULT_MAX_ZOOM = 19  # MarkerCluster needs a maxZoom even when there are no tiles

# Folium asset name -> (package, file) served by web.assets
APP_ASSETS = {
    "leaflet": ("leaflet", "leaflet.js"),
    "leaflet_css": ("leaflet", "leaflet.css"),
    "markerclusterjs": ("markercluster", "leaflet.markercluster.js"),
    "markerclustercss": ("markercluster", "MarkerCluster.css"),
    "markerclusterdefaultcss": ("markercluster", "MarkerCluster.Default.css"),
    "gesturehandling_js": ("gesturehandling", "leaflet-gesture-handling.min.js"),
    "gesturehandling_css": ("gesturehandling", "leaflet-gesture-handling.min.css"),
    "okraina_map_css": ("okraina", "map.css"),
    "okraina_map_js": ("okraina", "map.js"),
    "okraina_works_js": ("okraina", "works.js"),
    "okraina_works_css": ("okraina", "works.css"),
    "okraina_near_js": ("okraina", "near.js"),
    "okraina_needs_js": ("okraina", "needs.js"),
    "okraina_tiles_js": ("okraina", "tiles.js"),
    "okraina_needs_css": ("okraina", "needs.css"),
    "okraina_place_js": ("okraina", "place.js"),
}
# Folium's defaults that the app's maps do without.
DROPPED_ASSETS = frozenset({
    "jquery", "bootstrap", "bootstrap_css", "glyphicons_css", "awesome_markers",
    "awesome_markers_css", "awesome_markers_font_css", "awesome_rotate_css",
})


class AppMap(folium.Map):
    """``folium.Map`` without a page-wide viewport/size override and without jQuery."""

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>#{{ this.get_name() }} { position: {{ this.position }};
                width: {{ this.width[0] }}{{ this.width[1] }}; height: {{ this.height[0] }}{{ this.height[1] }}; }
            </style>
            <script>
                L_NO_TOUCH = {{ this.global_switches.no_touch|tojson }};
                L_DISABLE_3D = {{ this.global_switches.disable_3d|tojson }};
            </script>
        {% endmacro %}

        {% macro html(this, kwargs) %}
            <div class="folium-map okraina-map" id={{ this.get_name()|tojson }}></div>
        {% endmacro %}

        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map(
                {{ this.get_name()|tojson }},
                {center: {{ this.location|tojson }}, crs: L.CRS.{{ this.crs }},
                 ...{{ this.options|tojavascript }}}
            );
            {%- if this.control_scale %}
            L.control.scale({imperial: false}).addTo({{ this.get_name() }});
            {%- endif %}
            {%- if this.zoom_control_position %}
            L.control.zoom({position: {{ this.zoom_control|tojson }}}).addTo({{ this.get_name() }});
            {%- endif %}
            {% if this.objects_to_stay_in_front %}
            function objects_in_front() {
                {%- for obj in this.objects_to_stay_in_front %}
                {{ obj.get_name() }}.bringToFront();
                {%- endfor %}
            };
            {{ this.get_name() }}.on("overlayadd", objects_in_front);
            document.addEventListener("DOMContentLoaded", objects_in_front);
            {%- endif %}
        {% endmacro %}
    """)


def new_map(*, center, zoom=12, tiles=None, attribution=None, bounds=None,
            max_zoom=DEFAULT_MAX_ZOOM, gesture_text=None, height="100%", **options):
    """An empty ``AppMap`` with the base layer (or none when ``tiles`` is ``None``).

    ``center`` is ``(lon, lat)`` like everything in okraina; ``bounds`` is
    ``(minlon, minlat, maxlon, maxlat)`` to fit; ``gesture_text`` (``{"touch",
    "scroll", "scrollMac"}``) turns on Leaflet.GestureHandling (for embeds, so that a
    page scrolls past the map). Extra ``options`` go to ``L.map``.
    """
    lon, lat = center
    if gesture_text:
        options.update(gestureHandling=True, gestureHandlingOptions={"text": dict(gesture_text)})
    m = AppMap(location=(lat, lon), zoom_start=zoom, tiles=None, max_zoom=max_zoom,
               height=height, control_scale=True, **options)
    m.options["max_zoom"] = max_zoom
    gesture = ["gesturehandling_js", "gesturehandling_css"] if gesture_text else []
    m.default_js = _links(["leaflet", "okraina_map_js"] + gesture[:1])
    m.default_css = _links(["leaflet_css", "okraina_map_css"] + gesture[1:])
    if tiles:
        folium.TileLayer(tiles=tiles, attr=attribution, max_zoom=max_zoom, name="base").add_to(m)
    if bounds is not None:
        minlon, minlat, maxlon, maxlat = bounds
        FitToFrame([(minlat, minlon), (maxlat, maxlon)]).add_to(m)
    return m


class FitToFrame(MacroElement):
    """The first view: ``bounds`` (``[[lat, lon], [lat, lon]]``) clear of the map's controls.

    ``okraina.fitBounds`` (``map.js``) pads by the controls in each corner, is not animated
    (nothing, a popup opened from the list or a test, starts while the map still zooms)
    and fits again when the frame is resized until the reader moves the map.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            okraina.fitBounds({{ this.bounds|tojson }}, {{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, bounds):
        super().__init__()
        self._name = "FitToFrame"
        self.bounds = [[float(lat), float(lon)] for lat, lon in bounds]


@dataclass(frozen=True)
class MapParts:
    """A rendered map: ``head`` goes in ``<head>``, ``html`` in the page, ``script`` last."""

    head: Markup
    html: Markup
    script: Markup


def render_map(m, *, nonce=None, root=""):
    """Render ``m`` into ``MapParts`` whose assets are all ``root + /assets/...``."""
    localize_assets(m, root)
    figure = m.get_root()
    figure.header._children.pop("meta_http", None)  # the page has its own <meta charset>
    figure.render()
    script = f"<script>{figure.script.render()}</script>"
    parts = (figure.header.render(), figure.html.render(), script)
    if nonce:
        parts = tuple(add_nonce(part, nonce) for part in parts)
    return MapParts(*(Markup(part) for part in parts))


def render_map_memo(dataset, key, build, *, nonce=None, root=""):
    """``render_map`` of the map ``build()`` returns as ``(map, extra)``, memoised.

    The rendered parts (without a nonce) and ``extra`` are kept per Dataset snapshot
    under ``key``, which must name everything the map depends on (selection, metric,
    language, links, tiles); each call only adds this response's nonce. Rendering
    a map of 200 districts costs ~60 ms that every view would otherwise pay again.
    Returns ``(MapParts, extra)``.
    """
    def rendered():
        m, extra = build()
        parts = render_map(m, root=root)
        return (str(parts.head), str(parts.html), str(parts.script)), extra

    memo = getattr(dataset, "memo", None)
    parts, extra = memo(("rendered_map", *key, root), rendered) if memo else rendered()
    if nonce:
        parts = tuple(add_nonce(part, nonce) for part in parts)
    return MapParts(*(Markup(part) for part in parts)), extra


def localize_assets(element, root=""):
    """Point the assets of ``element`` and its descendants at the app's copies.

    Raises ``ValueError`` for an element that needs an asset the app does not
    serve (add it to ``APP_ASSETS`` and ``web.assets``) or that needs jQuery.
    """
    if isinstance(element, (folium.Popup, folium.Tooltip)) and type(element).__module__.startswith("folium"):
        raise ValueError(f"{type(element).__name__} needs jQuery or breaks on quotes: "
                         "use web.maps.elements.Popup/Tooltip")
    if isinstance(element, JSCSSMixin):
        element.default_js = _localized(element, element.default_js, root)
        element.default_css = _localized(element, element.default_css, root)
    for child in list(element._children.values()):
        localize_assets(child, root)


def _links(names, root=""):
    return [(name, asset_path(*APP_ASSETS[name], root=root)) for name in names]


def _localized(element, links, root):
    result = []
    for name, url in links:
        if name in DROPPED_ASSETS:
            continue
        if name not in APP_ASSETS:
            raise ValueError(f"{type(element).__name__} needs {name} ({url}), which the app does not serve")
        result.append((name, asset_path(*APP_ASSETS[name], root=root)))
    return result
