"""A Folium layer that draws works from one compact payload with ``works.js``."""

from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from web.maps.works_data import script_json


class WorksLayer(JSCSSMixin, Layer):
    """Clustered markers plus lines/polygons for the works in ``payload``.

    ``payload`` comes from :func:`web.maps.works_data.works_payload`; ``list_id``
    names the page's ``<ol>`` of works to keep in step with the map (optional).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = okraina.worksLayer({{ this._parent.get_name() }},
                {{ this.payload_json }}, {{ this.options_json }});
        {% endmacro %}
    """)
    # Names resolved to the app's copies by web.maps.base.localize_assets.
    default_js = [("markerclusterjs", ""), ("okraina_works_js", "")]
    default_css = [("markerclustercss", ""), ("markerclusterdefaultcss", ""), ("okraina_works_css", "")]

    def __init__(self, payload, *, name="works", list_id=None, show=True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "WorksLayer"
        self.payload_json = script_json(payload)
        self.options_json = script_json({"listId": list_id})
