"""``/healthz``: is the app up, and which data snapshot does it serve."""

from flask import Blueprint

from web.snapshot import get_dataset
from web.ops.reload import reload_status
from web.errors import json_errors, json_response

bp = json_errors(Blueprint("health", __name__))


@bp.route("/healthz")
def healthz():
    dataset = get_dataset()
    loaded_at = dataset.loaded_at
    return json_response({
        "status": "ok",
        "dataset": dataset.version,
        "loaded_at": loaded_at.isoformat() if hasattr(loaded_at, "isoformat") else loaded_at,
        "reload": reload_status(),
    }, headers={"Cache-Control": "no-store"})
