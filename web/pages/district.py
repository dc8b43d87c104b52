"""``/districts/<id>``: one district."""

from web.pages import bp


@bp.route("/districts/<district_id>")
def district(district_id):
    return "todo"
