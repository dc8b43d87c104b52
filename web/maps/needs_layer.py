"""A Folium layer that draws residents' needs from one compact payload with ``needs.js``."""

from web.maps.works_layer import PayloadLayer


class NeedsLayer(PayloadLayer):
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

    factory = "needsLayer"
    # needs.js puts the layer on the map itself when it starts shown (a hidden one is never
    # added, so its needs are not fetched until the reader switches it on).
    remove_when_hidden = False

    def __init__(self, payload, *, name="needs", show=False, link_target=None, url_param=None,
                 src=None, messages=None):
        super().__init__(payload, {"linkTarget": link_target, "urlParam": url_param, "show": show,
                                   "messages": dict(messages or {})}, name=name, show=show, src=src)
