"""``/works/<id>``: one work."""

from web.pages import bp


@bp.route("/works/<work_id>")
def work(work_id):
    return "todo"
