"""A Folium layer that draws works from one compact payload with ``works.js``."""

from branca.element import CssLink, Element, JavascriptLink
from folium.elements import JSCSSMixin
from folium.map import Layer

from web.maps.works_data import script_json


class RawScript(Element):
    """Finished JavaScript added to the page as is.

    Folium's ``MacroElement.render`` compiles each rendered script as a new Jinja
    template: for a payload of thousands of works that is slow, and ``{{`` in data
    would be evaluated. This element's ``render`` returns its code untouched.
    """

    def __init__(self, code):
        super().__init__()
        self.code = code

    def render(self, **kwargs):
        return self.code


class PayloadLayer(JSCSSMixin, Layer):
    """A layer drawn by one of the app's scripts from a compact payload (or a URL to fetch it
    from): ``okraina.<factory>(map, payload, options)``. Subclasses name the ``factory`` and
    their assets, and build ``options``."""

    factory = None
    remove_when_hidden = True  # False: the script adds the layer itself when it starts shown

    def __init__(self, payload, options, *, name, show, src):
        super().__init__(name=name, overlay=True, control=True, show=show)
        if (payload is None) == (src is None):
            raise ValueError(f"{type(self).__name__} takes a payload or a src URL, not both or neither")
        self._name = type(self).__name__
        # A str is the payload already serialised by script_json (cached per snapshot).
        self.payload_json = payload if isinstance(payload, str) else script_json(payload)
        self.options_json = script_json({**options, "src": src})

    def render(self, **kwargs):
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        code = (f"var {self.get_name()} = okraina.{self.factory}({self._parent.get_name()}, "
                f"{self.payload_json}, {self.options_json});\n")
        if self.remove_when_hidden and not self.show:
            code += f"{self._parent.get_name()}.removeLayer({self.get_name()});\n"
        figure.script.add_child(RawScript(code), name=self.get_name())


class WorksLayer(PayloadLayer):
    """Clustered markers plus lines/polygons for the works in ``payload``.

    ``payload`` comes from :func:`web.maps.works_data.works_payload`, or is ``None``
    and ``src`` is the URL ``works.js`` fetches it from (``/api/map/works``), with
    ``messages`` (``loading``, ``failed``) shown on the map meanwhile or on failure;
    ``list_id`` names the page's ``<ol>`` of works to keep in step with the map
    (optional); ``link_target`` is where a popup's link to the work opens
    (``"_blank"`` in an embed, with ``rel=noopener``).
    """

    # Names resolved to the app's copies by web.maps.base.localize_assets.
    default_js = [("markerclusterjs", ""), ("okraina_works_js", "")]
    default_css = [("markerclustercss", ""), ("markerclusterdefaultcss", ""), ("okraina_works_css", "")]

    factory = "worksLayer"

    def __init__(self, payload, *, name="works", list_id=None, link_target=None, show=True,
                 src=None, messages=None):
        super().__init__(payload, {"listId": list_id, "linkTarget": link_target,
                                   "messages": dict(messages or {})}, name=name, show=show, src=src)


class TiledLayer(PayloadLayer):
    """Works or needs served per view as tiles of clusters (``tiles.js``, ``/api/map/tiles``):
    ``spec`` from :func:`web.maps.tiles_data.layer_spec`; ``show``: on the map at first;
    ``list_id``: the page's list of works to keep in step; ``url_param``: the query parameter
    kept in step when the reader switches the layer (the needs); ``messages["failed"]``."""

    default_js = [("okraina_works_js", ""), ("okraina_needs_js", ""), ("okraina_tiles_js", "")]
    default_css = [("markerclustercss", ""), ("markerclusterdefaultcss", ""), ("okraina_works_css", ""),
                   ("okraina_needs_css", "")]

    factory = "tiledLayer"
    remove_when_hidden = False  # tiles.js adds the layer when it starts shown

    def __init__(self, spec, *, name, show=True, list_id=None, link_target=None, url_param=None,
                 messages=None):
        super().__init__(spec, {"show": show, "listId": list_id, "linkTarget": link_target,
                                "urlParam": url_param, "messages": dict(messages or {})},
                         name=name, show=show, src=None)
