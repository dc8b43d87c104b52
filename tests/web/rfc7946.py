"""Checks that a GeoJSON document follows RFC 7946, shared by the web tests."""

import shapely


def check_feature_collection(document, extent=(-180, -90, 180, 90)):
    """Assert RFC 7946 rules on a FeatureCollection dict; return its features."""
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document
    for feature in document["features"]:
        check_feature(feature, extent)
    return document["features"]


def check_feature(feature, extent=(-180, -90, 180, 90)):
    """Type, no ``crs``, lon/lat order inside ``extent``, right-hand-rule rings, 7 decimals."""
    assert feature["type"] == "Feature"
    assert "crs" not in feature
    assert isinstance(feature["id"], (str, int))
    assert isinstance(feature["properties"], dict)
    geometry = feature["geometry"]
    if geometry is None:
        return
    minlon, minlat, maxlon, maxlat = extent
    for lon, lat in _positions(geometry["coordinates"]):
        assert minlon <= lon <= maxlon and minlat <= lat <= maxlat, (lon, lat)
        assert round(lon, 7) == lon and round(lat, 7) == lat
    for ring, exterior in _rings(geometry):
        ccw = shapely.LinearRing(ring).is_ccw
        assert ccw == exterior, f"{'exterior' if exterior else 'interior'} ring winds wrongly"


def _positions(coordinates):
    if coordinates and isinstance(coordinates[0], (int, float)):
        yield coordinates
        return
    for part in coordinates:
        yield from _positions(part)


def _rings(geometry):
    polygons = {"Polygon": [geometry["coordinates"]],
                "MultiPolygon": geometry["coordinates"]}.get(geometry["type"], [])
    for polygon in polygons:
        for i, ring in enumerate(polygon):
            yield ring, i == 0
