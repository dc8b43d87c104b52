"""The city map of the front page."""

from web.maps.base import new_map


def city_map(dataset, *, tiles=None, attribution=None):
    """The city's base map, framed on its districts (the works layer comes later)."""
    bounds = _bounds(dataset)
    center = getattr(dataset, "center", None) or dataset.city.center or _middle(bounds)
    return new_map(center=center, zoom=11, tiles=tiles, attribution=attribution, bounds=bounds)


def _bounds(dataset):
    districts = dataset.districts
    if districts is None or districts.empty:
        return None
    return tuple(float(v) for v in districts.total_bounds)


def _middle(bounds):
    if bounds is None:
        return (0.0, 0.0)
    minlon, minlat, maxlon, maxlat = bounds
    return ((minlon + maxlon) / 2, (minlat + maxlat) / 2)
