"""``/api/near``: the works near a point as GeoJSON, ``distance_m`` on each feature.

Features are those of ``/api/works`` as serialised once per Dataset (``web.opendata.geojson``)
with ``distance_m`` spliced in as their last property, so a request costs the index
query and a join of bytes; the collection says where the point lies (``district``) and
what was asked (``query``).
"""

from flask import Blueprint, Response, request

from web.opendata import geojson
from web.snapshot import get_dataset
from web.i18n import current_lang
from web.labels import data_name
from web.pages.near import required_near_query
from web.opendata import open_data

bp = open_data(Blueprint("near_api", __name__))


@bp.route("/api/near")
def api_near():
    result, _ = required_near_query(request.args)
    dataset = get_dataset()
    body = collection_body(dataset, result, near_features(dataset, result))
    return Response(body, mimetype=geojson.MEDIA_TYPE)


def collection_body(dataset, result, features):
    """The FeatureCollection in UTF-8: what was asked, the district at the point, ``features``."""
    return geojson.feature_collection_utf8(
        features, query={"lon": result.lon, "lat": result.lat, "radius_m": result.radius_m},
        district=_district(dataset, result.district_id), numberMatched=len(features),
        numberReturned=len(features))


def near_features(dataset, result):
    """The Features of a near query in UTF-8: the stored ones plus ``distance_m`` (0.1 m)."""
    return geojson.work_features(dataset).take_with_number(result.ids, "distance_m",
                                                           result.distances_m)


def rebuilt_features(result):
    """The same Features serialised from the works' rows on every request, as this route
    did before it reused the stored ones: the reference that the tests and
    ``bench/bench_near.py`` hold :func:`near_features` to."""
    works = result.works
    geometries = geojson.geometry_json(works.geometry.values)
    properties = geojson.work_properties(works)
    return [geojson.feature_json(work_id, geometry, {**props, "distance_m": round(float(d), 1)})
            .encode() for work_id, geometry, props, d in zip(works.index, geometries, properties,
                                                             result.distances_m)]


def _district(dataset, district_id):
    if district_id is None:
        return None
    row = dataset.districts.loc[district_id]
    return {"id": district_id, "name": data_name(row, "name", current_lang(), default=district_id)}
