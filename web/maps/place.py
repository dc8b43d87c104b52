"""The small map of the "raise a need" form: a tap (or the browser's location) fills lon/lat.

``place.js`` moves one marker and fills the form's inputs; typed coordinates move
the marker too. Nothing is sent until the resident submits the form.
"""

from branca.element import JavascriptLink
from folium.elements import JSCSSMixin

from web.maps.base import new_map
from web.maps.detail import district_outlines
from web.maps.works_data import script_json
from web.maps.works_layer import RawScript


class PlacePicker(JSCSSMixin):
    """A tap on the map sets ``lon``/``lat`` of the form ``form_id``."""

    default_js = [("okraina_place_js", "")]

    def __init__(self, form_id, point=None):
        super().__init__()
        self._name = "PlacePicker"
        self.form_id, self.point = form_id, point

    def render(self, **kwargs):
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        options = {"form": self.form_id, "point": self.point}
        figure.script.add_child(RawScript(
            f"okraina.pickPlace({self._parent.get_name()}, {script_json(options)});\n"),
            name=self.get_name())


def place_map(dataset, *, point=None, lang="ru", districts_layer="Districts", form_id="need-form",
              tiles=None, attribution=None):
    """The city with its district outlines; ``point`` ``(lon, lat)`` is marked when given."""
    bounds = tuple(float(v) for v in dataset.districts.total_bounds) if len(dataset.districts) else None
    center = point or dataset.center
    m = new_map(center=center, zoom=15 if point else 11, tiles=tiles, attribution=attribution,
                bounds=None if point else bounds)
    if len(dataset.districts):
        district_outlines(dataset.districts, lang=lang, name=districts_layer).add_to(m)
    PlacePicker(form_id, point=list(point) if point else None).add_to(m)
    return m
