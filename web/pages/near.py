"""Near me (placeholder until the page lands)."""

from web.pages import bp


@bp.route("/near")
def near():
    return "todo"
