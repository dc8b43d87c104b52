"""``/api/search?q=``: what ``/search`` finds, as JSON (also the search box's suggestions).

``{"query": {...}, "results": [{"kind", "id", "label", "secondary", "point", "bbox",
"url", ...}]}``; points and boxes are lon/lat (EPSG:4326), URLs absolute.
"""

from urllib.parse import urljoin

from flask import Blueprint, request

from web.errors import json_response
from web.opendata import open_data
from web.pages.search import parse_search, request_links
from web.pages.search_data import find, result_rows
from web.snapshot import get_dataset

bp = open_data(Blueprint("search_api", __name__))


@bp.route("/api/search")
def api_search():
    query = parse_search(request.args, required=True)
    dataset = get_dataset()
    rows = result_rows(dataset, find(dataset, query), query.lang, request_links())
    for row in rows:
        row["url"] = urljoin(request.host_url, row["url"])
    return json_response({
        "query": {"q": query.text, "lang": query.lang, "limit": query.limit,
                  "kind": list(query.kinds) if query.kinds else None},
        "results": rows})
