"""Accounts (admins only): list, add, deactivate."""

from flask import abort, flash, get_flashed_messages, redirect, render_template, request
from flask_babel import gettext

from web.i18n import url_for_lang

from web.staff import bp
from web.staff.auth import admin_required, current_staff
from web.write import get_db
from web.write.accounts import ROLES, add_staff, list_accounts, set_active


@bp.route("/accounts", methods=["GET", "POST"])
@admin_required
def accounts():
    error, status = None, 200
    if request.method == "POST":
        try:
            add_staff(get_db(), request.form.get("email", ""), request.form.get("password", ""),
                      request.form.get("role", "moderator"))
        except ValueError as refused:
            error, status = str(refused), 400
        else:
            flash(gettext("The account is ready."))
            return redirect(url_for_lang("staff.accounts")), 303
    return render_template("staff/accounts.html", staff=current_staff(), accounts=list_accounts(get_db()),
                           roles=ROLES, error=error, messages=get_flashed_messages()), status


@bp.route("/accounts/<int:account_id>/deactivate", methods=["POST"])
@admin_required
def deactivate(account_id):
    if account_id == current_staff().id:
        abort(400, gettext("You cannot deactivate your own account."))
    set_active(get_db(), account_id, False)
    return redirect(url_for_lang("staff.accounts")), 303
