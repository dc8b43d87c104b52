"""``/api/near``: the works near a point as GeoJSON, ``distance_m`` on each feature.

Features are written by the shared serialiser (``web.opendata.geojson``) with the same
properties as ``/api/works``, plus ``distance_m``; the collection says where the
point lies (``district``) and what was asked (``query``).
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
    district = None
    if result.district_id is not None:
        row = dataset.districts.loc[result.district_id]
        district = {"id": result.district_id,
                    "name": data_name(row, "name", current_lang(), default=result.district_id)}
    works = result.works
    geometries = geojson.geometry_json(works.geometry.values)
    properties = geojson.work_properties(works)
    features = [geojson.feature_json(work_id, geometry, {**props, "distance_m": round(float(d), 1)})
                for work_id, geometry, props, d in zip(works.index, geometries, properties,
                                                       result.distances_m)]
    body = geojson.feature_collection(
        features, query={"lon": result.lon, "lat": result.lat, "radius_m": result.radius_m},
        district=district, numberMatched=len(features), numberReturned=len(features))
    return Response(body, mimetype=geojson.MEDIA_TYPE)
