"""Folium elements that are safe with data text and need no jQuery.

Folium's ``Popup`` builds its content with jQuery and its ``Tooltip`` puts text in a
JavaScript template literal; these pass the content as JSON instead. They subclass
Folium's so that ``folium.Marker(popup=Popup(...), tooltip=Tooltip(...))`` keeps them. Plain strings
are escaped; pass ``markupsafe.Markup`` for HTML you built (and escaped) yourself.
"""

import folium
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import remove_empty
from markupsafe import escape


def inert_html(content):
    """``content`` escaped as HTML (unless ``Markup``) with ``{`` and ``}`` as entities.

    Folium's ``MacroElement.render`` compiles each element's rendered script as a
    new Jinja template, so ``{{ ... }}`` or ``{% ... %}`` in data would be evaluated
    on the server (template injection) or break the page; as entities they are inert
    and still show as braces.
    """
    return str(escape(content)).replace("{", "&#123;").replace("}", "&#125;")


class Popup(folium.Popup):
    """A Leaflet popup with escaped (or ``Markup``) content."""

    # folium.Popup.render puts the whole template (no macros) in the page's script.
    _template = Template("""
        {{ this._parent.get_name() }}.bindPopup({{ this.content|tojson }},
            {{ this.options|tojavascript }});
    """)

    def __init__(self, content, max_width=300, **options):
        MacroElement.__init__(self)  # not Folium's: it would build jQuery content
        self._name = "Popup"
        self.content = inert_html(content)
        self.options = remove_empty(max_width=max_width, **options)


class Tooltip(folium.Tooltip):
    """A Leaflet tooltip with escaped (or ``Markup``) content."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindTooltip({{ this.content|tojson }},
                {{ this.options|tojavascript }});
        {% endmacro %}
    """)

    def __init__(self, content, sticky=True, **options):
        MacroElement.__init__(self)  # not Folium's: it would build jQuery content
        self._name = "Tooltip"
        self.content = inert_html(content)
        self.options = remove_empty(sticky=sticky, **options)
