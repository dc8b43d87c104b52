"""``/staff/``: moderation of residents' submissions and keeping the list of needs.

Every page here needs a login (``okraina staff add EMAIL``), carries ``noindex``
and ``Cache-Control: no-store``; managing accounts needs the ``admin`` role.
Views are in ``web.staff.views`` (queue, decisions, needs) and ``web.staff.accounts``.
"""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.after_request
def _private(response):
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    # same-origin: Flask-WTF checks the Referer of a form sent over HTTPS; none leaves the site
    response.headers["Referrer-Policy"] = "same-origin"
    return response


from web.staff import accounts, views  # noqa: E402,F401  (registers routes)


def init_app(app):
    app.register_blueprint(bp)
