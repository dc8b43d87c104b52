"""Pages reference only the app's own assets, and every one of them is served."""

import re

import folium
import pytest
from folium.plugins import MarkerCluster

from web.maps.base import localize_assets, new_map, render_map
from web.maps.elements import Popup

URL = re.compile(r'(?:src|href)="([^"]+)"')


def _page_assets(html):
    return [url for url in URL.findall(html) if url.startswith("/assets/")]


def test_front_page_has_no_third_party_url(client):
    html = client.get("/").get_data(as_text=True)
    # absolute URLs only to the app itself (oEmbed discovery must be absolute)
    absolute = re.findall(r'(?:src|href)="((?:https?:)?//[^"]*)"', html)
    assert [url for url in absolute if not url.startswith("http://localhost/")] == []
    for name in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers", "glyphicons", "cdn"):
        assert name not in html.lower()


def test_every_asset_on_the_front_page_answers_200_with_long_cache(client):
    assets = _page_assets(client.get("/").get_data(as_text=True))
    assert {"leaflet.js", "leaflet.css", "okraina.css", "map.css"} <= {a.rsplit("/", 1)[1] for a in assets}
    for url in assets:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "immutable" in response.headers["Cache-Control"]
        assert "max-age=31536000" in response.headers["Cache-Control"]
        assert response.mimetype in ("text/css", "text/javascript", "application/javascript", "image/svg+xml")


def test_images_referenced_by_leaflet_css_are_served(client):
    css = client.get("/assets/leaflet/1.9.3/leaflet.css").get_data(as_text=True)
    for image in set(re.findall(r"url\((images/[^)]+)\)", css)):
        assert client.get(f"/assets/leaflet/1.9.3/{image}").status_code == 200


@pytest.mark.parametrize("url", [
    "/assets/leaflet/0.7/leaflet.js", "/assets/nope/1/x.js", "/assets/leaflet/1.9.3/../../../etc/passwd",
    "/assets/leaflet/1.9.3/missing.js", "/static/okraina.css",
])
def test_wrong_versions_and_paths_are_404(client, url):
    assert client.get(url).status_code == 404


def test_map_with_plugins_references_only_app_urls():
    m = new_map(center=(82.6, 49.95), tiles=None, gesture_text={"touch": "t", "scroll": "s", "scrollMac": "m"})
    cluster = MarkerCluster().add_to(m)
    folium.Marker((49.95, 82.6), popup=Popup("<b>raw</b> `${x}`")).add_to(cluster)
    folium.GeoJson({"type": "FeatureCollection", "features": []},
                   tooltip=folium.GeoJsonTooltip(fields=[])).add_to(m)
    folium.LayerControl().add_to(m)
    parts = render_map(m, nonce="N", root="/app")
    head = str(parts.head)
    assert not re.search(r"https?://", head + str(parts.html))
    for name in ("leaflet.js", "leaflet.markercluster.js", "MarkerCluster.Default.css",
                 "leaflet-gesture-handling.min.js"):
        assert f"/app/assets/" in head and name in head
    # escaped, as JSON; braces as entities so that Folium's re-compiling of scripts ignores them
    assert r"\u0026lt;b\u0026gt;raw\u0026lt;/b\u0026gt; `$\u0026#123;x\u0026#125;`" in str(parts.script)
    assert '"maxZoom": 19' in str(parts.script)


def test_jquery_elements_are_refused():
    m = new_map(center=(0, 0))
    folium.Marker((0, 0), popup="text").add_to(m)
    with pytest.raises(ValueError, match="jQuery"):
        localize_assets(m)


def test_unknown_cdn_asset_is_refused():
    m = new_map(center=(0, 0))
    folium.plugins.Fullscreen().add_to(m)
    with pytest.raises(ValueError, match="does not serve"):
        localize_assets(m)


def test_building_a_map_leaves_folium_classes_untouched():
    before = (list(folium.Map.default_js), list(MarkerCluster.default_js))
    m = new_map(center=(0, 0))
    MarkerCluster().add_to(m)
    render_map(m)
    assert (list(folium.Map.default_js), list(MarkerCluster.default_js)) == before
    assert any("cdn" in url for _, url in folium.Map.default_js)


def test_assets_do_not_vary_on_language(client):
    response = client.get("/assets/leaflet/1.9.3/leaflet.css")
    assert "Accept-Language" not in response.headers.get("Vary", "")
