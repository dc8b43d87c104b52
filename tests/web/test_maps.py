from web.config import OSM_ATTRIBUTION, OSM_TILES
from web.maps.base import render_map
from web.maps.city import MapOptions, city_map


def test_city_map_is_built_without_a_request(tiny_dataset):
    parts = render_map(city_map(tiny_dataset, options=MapOptions(tiles=OSM_TILES, attribution=OSM_ATTRIBUTION)).map)
    assert "[49.945, 82.61]" in parts.script  # the city's centre, lat/lon for Leaflet
    assert "fitBounds" in parts.script and "[[49.9, 82.5], [49.95, 82.62]]" in parts.script
    assert "tile.openstreetmap.org" in parts.script and "OpenStreetMap" in parts.script


def test_city_map_without_tiles_has_no_tile_layer_but_a_max_zoom(tiny_dataset):
    script = str(render_map(city_map(tiny_dataset).map).script)
    assert "tileLayer" not in script and '"maxZoom": 19' in script
