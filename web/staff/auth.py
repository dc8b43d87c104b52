"""Who is logged in, and the decorators that refuse everyone else."""

from datetime import datetime, timedelta, timezone
from functools import wraps

from flask import abort, g, redirect, request, session

from web.i18n import url_for_lang

from web.write import get_db
from web.write.accounts import get_account

SESSION_HOURS = 12


def current_staff():
    """The logged-in, active account of this request, or None."""
    if "staff" not in g:
        g.staff = None
        staff_id, since = session.get("staff_id"), session.get("staff_since")
        if staff_id is not None and since is not None:
            started = datetime.fromtimestamp(since, timezone.utc)
            if datetime.now(timezone.utc) - started < timedelta(hours=SESSION_HOURS):
                g.staff = get_account(get_db(), staff_id)
    return g.staff


def log_in(account):
    session.clear()  # nothing from before the login survives it (session fixation)
    session["staff_id"] = account.id
    session["staff_since"] = datetime.now(timezone.utc).timestamp()


def log_out():
    session.clear()


def staff_required(view):
    """Logged-in staff only: a page asks to log in, any other request is refused (403)."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_staff() is None:
            if request.method == "GET":
                return redirect(url_for_lang("staff.queue"))
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def admin_required(view):
    @wraps(view)
    @staff_required
    def wrapper(*args, **kwargs):
        if current_staff().role != "admin":
            abort(403)
        return view(*args, **kwargs)
    return wrapper
