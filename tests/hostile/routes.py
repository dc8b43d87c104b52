"""Every route of the app with sample URLs, derived from ``app.url_map``.

``SAMPLES`` maps a rule (as Flask spells it) to a function of the data set's ids
that returns the URLs to request for it. ``sample_urls`` walks the app's rules and
raises for a rule that has no sample, so a new route cannot escape the suite:
add its samples here. Rules of branches not merged yet may be listed in advance;
a sample for a rule the app lacks is ignored.
"""

from dataclasses import dataclass
from urllib.parse import quote

from web.assets import asset_path

CENTRE = "lat=49.945&lon=82.605&radius=2000"


@dataclass(frozen=True)
class Ids:
    """Ids of the data set to put in URLs (raw, quoted by the samples)."""

    works: tuple
    districts: tuple
    needs: tuple = ()
    streets: tuple = ()  # the keys of the streets search finds in the addresses
    work_tiles: tuple = ()  # "z/x/y" of map tiles showing the works (one by one, and clustered)
    need_tiles: tuple = ()

    @classmethod
    def of(cls, dataset):
        from geo.search import streets

        return cls(tuple(dataset.works.index), tuple(dataset.districts.index),
                   tuple(dataset.needs.index), tuple(entry.id for entry in streets(dataset.works)),
                   _tiles(dataset.works), _tiles(dataset.needs))


def _tiles(frame):
    """The zoom-18 tiles of ``frame``'s markers (each work alone, so its title is in the tile)
    and the tiles at zoom 10 (clusters)."""
    from geo.map_tiles import to_mercator
    from web.maps.tiles_data import anchors

    lon, lat = anchors(frame.geometry.to_numpy())
    x, y = to_mercator(lon[lon == lon], lat[lon == lon])
    return tuple(sorted({f"{z}/{int(a * 2**z)}/{int(b * 2**z)}" for z in (10, 18) for a, b in zip(x, y)}))


def q(value):
    return quote(str(value), safe="")


def _each(template, values):
    return [template.format(q(v)) for v in values]


SAMPLES = {
    "/": lambda ids: ["/", "/?lang=kk", "/?lang=en", f"/?district={q(ids.districts[-1])}&year=2023",
                      "/?needs=1&lang=kk", "/?needs=1&need_status=open,closed&year=2022-2023"],
    "/healthz": lambda ids: ["/healthz"],
    "/planner": lambda ids: ["/planner", "/planner?lang=kk", "/planner?lang=en&year=2022-2023",
                             "/planner?year=2023"],  # 2023: the hostile district is underserved
    "/planner.csv": lambda ids: ["/planner.csv?lang=en"],
    "/api/stats": lambda ids: ["/api/stats"],
    "/api/districts": lambda ids: ["/api/districts?lang=en"],
    "/api/works": lambda ids: ["/api/works", "/api/works?limit=2&offset=1"],
    "/api/works/<path:work_id>": lambda ids: _each("/api/works/{}", ids.works),
    "/api/needs": lambda ids: ["/api/needs", "/api/needs?lang=kk&status_type=open",
                               "/api/needs?limit=2&offset=1&lang=en",
                               f"/api/needs?district={q(ids.districts[-1])}"],
    "/api/needs/<path:need_id>": lambda ids: _each("/api/needs/{}", ids.needs)
        + _each("/api/needs/{}?lang=en", ids.needs[-1:]),
    "/api/map/works": lambda ids: ["/api/map/works", "/api/map/works?lang=kk&year=2023",
                                   f"/api/map/works?district={q(ids.districts[-1])}"],
    "/api/map/tiles/works/<int:z>/<int:x>/<int:y>.json": lambda ids:
        [f"/api/map/tiles/works/{t}.json" for t in ids.work_tiles]
        + [f"/api/map/tiles/works/{t}.json?lang=kk&year=2023" for t in ids.work_tiles[:3]],
    "/api/map/tiles/needs/<int:z>/<int:x>/<int:y>.json": lambda ids:
        [f"/api/map/tiles/needs/{t}.json?lang=en" for t in ids.need_tiles],
    "/api/map/works/<path:work_id>": lambda ids: _each("/api/map/works/{}", ids.works)
        + _each("/api/map/works/{}?lang=kk", ids.works[-1:]),
    "/api/map/needs/<path:need_id>": lambda ids: _each("/api/map/needs/{}?lang=en", ids.needs),
    "/list": lambda ids: ["/list", "/list?lang=kk&bbox=82.5,49.8,82.8,50.1",
                          f"/list?district={q(ids.districts[-1])}&year=2023&offset=1"],
    "/api/map/needs": lambda ids: ["/api/map/needs", "/api/map/needs?lang=kk&need_status=open",
                                   f"/api/map/needs?district={q(ids.districts[-1])}&year=2022"],
    "/assets/<package>/<version>/<path:filename>": lambda ids: [
        asset_path("okraina", "okraina.css"), asset_path("leaflet", "leaflet.js")],
    "/ogc": lambda ids: ["/ogc", "/ogc?f=html"],
    "/ogc/conformance": lambda ids: ["/ogc/conformance", "/ogc/conformance?f=html"],
    "/ogc/api": lambda ids: ["/ogc/api"],
    "/ogc/collections": lambda ids: ["/ogc/collections", "/ogc/collections?f=html"],
    "/ogc/collections/<collection_id>": lambda ids: [
        "/ogc/collections/works", "/ogc/collections/districts?f=html",
        "/ogc/collections/needs", "/ogc/collections/needs?f=html&lang=kk"],
    "/ogc/collections/<collection_id>/items": lambda ids: [
        "/ogc/collections/works/items", "/ogc/collections/works/items?f=html",
        "/ogc/collections/districts/items?f=html&lang=kk",
        "/ogc/collections/needs/items", "/ogc/collections/needs/items?f=html",
        "/ogc/collections/needs/items?f=html&lang=en&status_type=closed"],
    "/ogc/collections/<collection_id>/queryables": lambda ids: [
        f"/ogc/collections/{c}/queryables{f}" for c in ("works", "districts", "needs")
        for f in ("", "?f=html")],
    "/ogc/collections/<collection_id>/items/<path:feature_id>": lambda ids: (
        _each("/ogc/collections/works/items/{}", ids.works)
        + _each("/ogc/collections/works/items/{}?f=html", ids.works)
        + _each("/ogc/collections/districts/items/{}?f=html", ids.districts)
        + _each("/ogc/collections/needs/items/{}", ids.needs)
        + _each("/ogc/collections/needs/items/{}?f=html&lang=kk", ids.needs)),
    "/download": lambda ids: ["/download", "/download?lang=en"],
    "/download/<layer>.<fmt>": lambda ids: [
        f"/download/{layer}.{fmt}?lang=en" for layer in ("works", "districts", "needs")
        for fmt in ("csv", "geojson", "gpkg")] + ["/download/needs.csv?lang=kk&year=2023"],
    "/download/funding.csv": lambda ids: ["/download/funding.csv"],
    # branch pages
    "/districts/<district_id>": lambda ids: _each("/districts/{}", ids.districts)
        + _each("/districts/{}?lang=kk", ids.districts[-1:]),
    "/districts/<district_id>/meetings.ics": lambda ids: _each("/districts/{}/meetings.ics", ids.districts),
    "/districts/<district_id>/feed.atom": lambda ids: _each("/districts/{}/feed.atom", ids.districts),
    "/works/<work_id>": lambda ids: _each("/works/{}", ids.works),
    "/needs/<need_id>": lambda ids: _each("/needs/{}", ids.needs) + _each("/needs/{}?lang=kk", ids.needs[-2:]),
    "/near": lambda ids: ["/near", f"/near?{CENTRE}", f"/near?{CENTRE}&lang=en"],
    "/near/feed.atom": lambda ids: [f"/near/feed.atom?{CENTRE}"],
    "/api/near": lambda ids: [f"/api/near?{CENTRE}"],
    "/search": lambda ids: ["/search", "/search?q=address", "/search?q=street", "/search?lang=kk&q=district",
                            "/search?lang=en&q=" + q("work <script>"), "/search?q=" + q(ids.works[-1])]
        + [f"/search?q=address&street={q(key)}" for key in ids.streets[:2]],
    "/api/search": lambda ids: ["/api/search?q=address", "/api/search?q=street", "/api/search?q=district&lang=kk&kind=district",
                                "/api/search?q=" + q(ids.works[-1]) + "&limit=50"],
    # branch embed
    "/embed/map": lambda ids: ["/embed/map", f"/embed/map?district={q(ids.districts[-1])}&lang=kk",
                               "/embed/map?needs=1&lang=en",
                               "/embed/map?title=" + q("<script>window.__pwned=1</script>${1}")],
    "/embed": lambda ids: ["/embed", "/embed?lang=en", "/embed?needs=1&need_status=met"],
    "/embed/map.png": lambda ids: ["/embed/map.png?width=400&height=300",
                                   "/embed/map.png?title=" + q("$x^$ {{7*7}} <b>"),
                                   f"/embed/map.png?district={q(ids.districts[-1])}",
                                   "/embed/map.png?needs=1&width=400&height=300"],
    "/embed/resize.js": lambda ids: ["/embed/resize.js"],
    "/oembed": lambda ids: [
        "/oembed?format=json&url=" + q("http://localhost/embed/map"),
        "/oembed?url=" + q(f"http://localhost/districts/{q(ids.districts[-1])}"),
        *["/oembed?url=" + q(f"http://localhost/needs/{q(n)}") for n in ids.needs[-2:]]],
    # The write path (issue 16). Its private pages answer 200 only with a secret (a status
    # token, a staff login), so they have no anonymous sample here: tests/web/test_raise_need.py
    # and tests/web/test_staff.py send hostile text through each of them with one; the rules'
    # bad ids and headers are still checked by the hostile suite.
    "/needs/new": lambda ids: ["/needs/new", "/needs/new?lang=kk&lat=49.95&lon=82.6&category=roads",
                               "/needs/new?lat=" + q("<b>1</b>") + "&lon=" + q("{{7*7}}")],
    "/needs/status/<token>": lambda ids: [],
    "/staff/": lambda ids: ["/staff/", "/staff/?lang=kk"],
    "/staff/submissions/<int:submission_id>": lambda ids: [],
    "/staff/submissions/<int:submission_id>/photo": lambda ids: [],
    "/staff/needs": lambda ids: [],
    "/staff/needs/<need_id>": lambda ids: [],
    "/staff/audit": lambda ids: [],
    "/staff/accounts": lambda ids: [],
}

# Rules whose responses are HTML pages a person reads (the rest are data or files).
HTML_RULES = {
    "/", "/planner", "/download", "/districts/<district_id>", "/works/<work_id>", "/needs/<need_id>", "/near", "/search",
    "/embed/map", "/embed", "/needs/new", "/staff/",
}
# Rules that serve HTML only when asked (``?f=html``).
OGC_PREFIX = "/ogc"
# Rules that may be framed by other sites (``EMBED_ANCESTORS``).
EMBED_RULES = {"/embed/map", "/embed/map.png", "/embed/resize.js"}


def app_rules(app):
    """The rules of ``app`` that answer GET (Flask's own ``/static`` is off)."""
    return sorted({rule.rule for rule in app.url_map.iter_rules() if "GET" in rule.methods})


def missing_samples(app):
    return [rule for rule in app_rules(app) if rule not in SAMPLES]


def sample_urls(app, dataset):
    """``[(rule, url), ...]`` for every GET rule of ``app``; raises if one has no sample."""
    missing = missing_samples(app)
    if missing:
        raise AssertionError(f"routes without samples in tests/hostile/routes.py: {missing}")
    ids = Ids.of(dataset)
    return [(rule, url) for rule in app_rules(app) for url in SAMPLES[rule](ids)]


def html_urls(app, dataset):
    """The sample URLs that answer an HTML page."""
    return [(rule, url) for rule, url in sample_urls(app, dataset)
            if rule in HTML_RULES or (rule.startswith(OGC_PREFIX) and "f=html" in url)]
