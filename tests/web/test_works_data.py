"""The compact works payload of the maps and the Folium elements that carry it."""

import json

import numpy as np
import pytest
from hypothesis import given, strategies as st

from web.maps.base import new_map, render_map
from web.maps.city import city_map
from web.maps.elements import Popup
from web.maps.works_data import pack, script_json, works_payload

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def unpack(column):
    """What works.js does, in Python."""
    width, digits = column["w"], column["s"]
    values = []
    for i in range(0, len(digits), width):
        value = 0
        for char in digits[i:i + width]:
            value = value * 64 + ALPHABET.index(char)
        values.append(value - 1)
    return values


@given(st.lists(st.integers(min_value=-1, max_value=10**11)))
def test_pack_round_trips(values):
    assert unpack(pack(values)) == values


def test_pack_width_and_refusal():
    assert pack([-1, 0, 62]) == {"w": 1, "s": "AB_"}
    assert pack([63])["w"] == 2
    with pytest.raises(ValueError):
        pack([-2])


def test_payload_of_the_tiny_city(tiny_dataset):
    works = tiny_dataset.works.loc[["p1", "road", "p22"]]
    payload = works_payload(works, tiny_dataset.districts, lang="en", work_url="/w/", query="?lang=en")
    assert payload["ids"] == ["p1", "road", "p22"] and payload["titles"] == ["Work p1", "Work road", "Work p22"]
    x, y = unpack(payload["x"]), unpack(payload["y"])
    lon = [payload["origin"][0] + v / payload["scale"] for v in x]
    lat = [payload["origin"][1] + v / payload["scale"] for v in y]
    assert np.allclose(lon, [82.605, 82.61, 82.505]) and np.allclose(lat, [49.945, 49.945, 49.905])
    assert unpack(payload["kzt"]) == [1000, 1001, 500]
    assert [payload["year0"] + v for v in unpack(payload["year"])] == [2023, 2023, 2022]
    assert [payload["statuses"][v][0] for v in unpack(payload["st"])] == ["done", "done", "done"]
    names = [payload["districts"][v][1] for v in unpack(payload["dist"])]
    assert names[0] == "Alpha" and names[1] in ("Alpha", "Beta") and names[2] == "Gamma"
    assert payload["shapes"] == [[1, "l", [unpack(payload["x"])[0], y[0], x[0] + 1000, y[0]]]]


def test_script_json_is_safe_in_a_script_and_for_jinja():
    text = script_json({"t": "</script><!-- {{ 7*7 }} {% x %} {# c #} & \u2028"})
    assert "</" not in text and "{{" not in text and "{%" not in text and "{#" not in text
    assert json.loads(text) == {"t": "</script><!-- {{ 7*7 }} {% x %} {# c #} & \u2028"}


def test_popup_braces_are_inert_in_folium():
    import folium

    m = new_map(center=(82.6, 49.9))
    folium.Marker((49.9, 82.6), popup=Popup("{{ 7*7 }} {% if %}")).add_to(m)
    script = str(render_map(m).script)  # would raise TemplateSyntaxError or show 49
    assert "\\u0026#123;\\u0026#123; 7*7 \\u0026#125;\\u0026#125;" in script  # tojson of the entities


def test_city_map_sends_works_as_one_payload(tiny_dataset):
    script = str(render_map(city_map(tiny_dataset).map).script)
    assert script.count("okraina.worksLayer(") == 1 and "L.marker(" not in script
    assert "L.control.layers" in script
