"""A Folium layer that draws residents' needs from one compact payload with ``needs.js``."""

from branca.element import CssLink, JavascriptLink
from folium.elements import JSCSSMixin
from folium.map import Layer

from web.maps.works_data import script_json
from web.maps.works_layer import RawScript


class NeedsLayer(JSCSSMixin, Layer):
    """Square markers, clustered apart from the works, for the needs in ``payload``
    (:func:`web.maps.needs_data.needs_payload`); colour and sign = status type.

    ``payload`` is ``None`` when ``src`` names the URL (``/api/map/needs``) that
    ``needs.js`` fetches it from, the first time the layer is switched on, with
    ``messages["failed"]`` shown if that fails. ``show`` is whether the layer starts
    switched on; ``url_param`` names the query parameter the page keeps in step when the
    reader switches it (``needs``); ``link_target`` is where a popup's link opens
    (``"_blank"`` in an embed).
    """

    default_js = [("markerclusterjs", ""), ("okraina_works_js", ""), ("okraina_needs_js", "")]
    default_css = [("markerclustercss", ""), ("markerclusterdefaultcss", ""), ("okraina_needs_css", "")]

    def __init__(self, payload, *, name="needs", show=False, link_target=None, url_param=None,
                 src=None, messages=None):
        super().__init__(name=name, overlay=True, control=True, show=show)
        if (payload is None) == (src is None):
            raise ValueError("NeedsLayer takes a payload or a src URL, not both or neither")
        self._name = "NeedsLayer"
        self.payload_json = script_json(payload)
        self.options_json = script_json({"linkTarget": link_target, "urlParam": url_param, "show": show,
                                         "src": src, "messages": dict(messages or {})})

    def render(self, **kwargs):
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        # needs.js puts the layer on the map itself when it starts shown (a hidden one is never
        # added, so its needs are not fetched until the reader switches it on).
        code = (f"var {self.get_name()} = okraina.needsLayer({self._parent.get_name()}, "
                f"{self.payload_json}, {self.options_json});\n")
        figure.script.add_child(RawScript(code), name=self.get_name())
