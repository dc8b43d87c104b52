"""HTML pages. For now only the front page, which proves the stack."""

from flask import Blueprint, current_app, render_template, request

from web.data import get_dataset
from web.maps.base import render_map
from web.maps.city import city_map
from web.params import parse_lang
from web.security import csp_nonce

bp = Blueprint("pages", __name__)


@bp.route("/")
def index():
    parse_lang(request.args.get("lang"))
    m = city_map(get_dataset(), tiles=current_app.config["TILES"],
                 attribution=current_app.config["TILES_ATTRIBUTION"])
    parts = render_map(m, nonce=csp_nonce(), root=request.script_root)
    return render_template("index.html", map=parts)
