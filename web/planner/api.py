"""``/api/stats``: the planner's figures as JSON, an open-data route."""

from flask import Blueprint

from web.errors import json_response
from web.opendata import open_data
from web.planner.export import stats_payload
from web.planner.views import report_of_request

bp = open_data(Blueprint("planner_api", __name__))


@bp.route("/api/stats")
def stats():
    _, report = report_of_request()
    return json_response(stats_payload(report))
