"""``/api/near``: the works near a point as GeoJSON, ``distance_m`` on each feature."""

from flask import Blueprint, request

from web.data import get_dataset
from web.errors import json_response
from web.i18n import current_lang
from web.names import data_name
from web.near_features import work_features
from web.pages.near import near_query
from web.params import N_, QueryError

bp = Blueprint("near_api", __name__)


@bp.route("/api/near")
def api_near():
    result, filters = near_query(request.args)
    if result is None:
        raise QueryError("lat", N_("lat and lon are both required"))
    dataset = get_dataset()
    lang = current_lang()
    district = None
    if result.district_id is not None:
        row = dataset.districts.loc[result.district_id]
        district = {"id": result.district_id, "name": data_name(row, "name", lang, default=result.district_id)}
    distances = [round(float(d), 1) for d in result.distances_m]
    return json_response({
        "type": "FeatureCollection",
        "query": {"lon": result.lon, "lat": result.lat, "radius_m": result.radius_m},
        "district": district,
        "numberReturned": len(distances),
        "features": work_features(dataset, result.works, lang, extra={"distance_m": distances}),
    }, mimetype="application/geo+json")
