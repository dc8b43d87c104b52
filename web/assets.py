"""Front-end assets served by the app itself, under versioned, long-cached URLs.

``/assets/<package>/<version>/<path>`` serves Leaflet and its plugins from their
XStatic Python packages, and ``okraina`` (the app's own ``web/static/``) under a
hash of its contents, so no page ever loads code from a CDN.
"""

import hashlib
from functools import cache
from pathlib import Path

import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_gesturehandling
import xstatic.pkg.leaflet_markercluster
from flask import Blueprint, abort, request, send_from_directory

bp = Blueprint("assets", __name__, url_prefix="/assets")

STATIC_DIR = Path(__file__).resolve().parent / "static"
ONE_YEAR = 365 * 24 * 3600
_XSTATIC = {
    "leaflet": xstatic.pkg.leaflet,
    "markercluster": xstatic.pkg.leaflet_markercluster,
    "gesturehandling": xstatic.pkg.leaflet_gesturehandling,
}


@cache
def packages():
    """``{name: (version, directory)}`` of every package served under ``/assets``."""
    served = {name: (pkg.VERSION, Path(pkg.BASE_DIR)) for name, pkg in _XSTATIC.items()}
    served["okraina"] = (_tree_hash(STATIC_DIR), STATIC_DIR)
    return served


def _tree_hash(folder):
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def asset_path(package, filename, root=""):
    """The URL path of one asset; ``root`` is the app's script root (usually empty).

    Usable without a request, so that maps can be built in tests and scripts.
    """
    version, directory = packages()[package]
    if not (directory / filename).is_file():
        raise LookupError(f"{package} has no asset {filename!r}")
    return f"{root}/assets/{package}/{version}/{filename}"


def asset_url(package, filename):
    """Template global: ``{{ asset_url('okraina', 'okraina.css') }}``."""
    return asset_path(package, filename, request.script_root)


@bp.route("/<package>/<version>/<path:filename>")
def serve(package, version, filename):
    if package not in packages() or packages()[package][0] != version:
        abort(404)
    response = send_from_directory(packages()[package][1], filename, max_age=ONE_YEAR)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response


def init_app(app):
    app.register_blueprint(bp)
    app.jinja_env.globals["asset_url"] = asset_url
