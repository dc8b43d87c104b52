"""The moderation queue, one submission with its decisions, and a need's edits and trail."""

from flask import abort, current_app, flash, get_flashed_messages, redirect, render_template, request
from flask_babel import gettext

from geo import vocab
from web.i18n import current_lang, url_for_lang
from web.maps.base import render_map
from web.maps.submission import submission_map
from web.pages.common import map_text
from web.security import csp_nonce
from web.snapshot import get_dataset
from web.staff import bp
from web.staff.auth import current_staff, log_in, log_out, staff_required
from web.staff.nearby import NEAR_RADIUS_M, needs_near, works_near
from web.write import get_db
from web.write.accounts import LoginRefused, authenticate
from web.write.moderation import (EditRefused, accept, audit_trail, edit_need, get_submission, merge,
                                  need_fields, pending, reject)

_ = gettext


@bp.route("/")
def queue():
    staff = current_staff()
    if staff is None:
        return render_template("staff/login.html", error=None)
    from web.labels import name_column

    names = name_column(get_dataset().districts, "name", current_lang())
    return render_template("staff/queue.html", staff=staff, submissions=pending(get_db()),
                           district_names=names, messages=get_flashed_messages())


@bp.route("/login", methods=["POST"])
def login():
    config = current_app.config
    try:
        account = authenticate(get_db(), request.form.get("email", ""), request.form.get("password", ""),
                               max_failures=config["LOGIN_MAX_FAILURES"],
                               lock_minutes=config["LOGIN_LOCK_MINUTES"])
    except LoginRefused as refused:
        error = (_("Too many wrong passwords: this account is locked for %(minutes)s minutes.",
                   minutes=config["LOGIN_LOCK_MINUTES"]) if refused.locked
                 else _("Wrong e-mail or password."))
        return render_template("staff/login.html", error=error), 401
    log_in(account)
    return redirect(url_for_lang("staff.queue"))


@bp.route("/logout", methods=["POST"])
def logout():
    log_out()
    return redirect(url_for_lang("staff.queue"))


@bp.route("/submissions/<int:submission_id>")
@staff_required
def submission(submission_id):
    item = get_submission(get_db(), submission_id)
    if item is None:
        abort(404)
    dataset = get_dataset()
    needs, need_distances = needs_near(dataset, item.lon, item.lat)
    works, work_distances = works_near(dataset, item.lon, item.lat)
    words = map_text()
    m = submission_map(dataset, item.lon, item.lat, needs=needs, works=works, radius_m=NEAR_RADIUS_M,
                       lang=current_lang(), tiles=current_app.config["TILES"],
                       attribution=current_app.config["TILES_ATTRIBUTION"],
                       text={"works_layer": words.works_layer, "districts_layer": words.districts_layer,
                             "need": _("Need"), "popup": words.popup})
    return render_template(
        "staff/submission.html", staff=current_staff(), item=item, radius=NEAR_RADIUS_M,
        needs=list(zip(needs.itertuples(), need_distances.round())),
        works=list(zip(works.itertuples(), work_distances.round())),
        map=render_map(m, nonce=csp_nonce(), root=request.script_root), messages=get_flashed_messages(),
        district=_district_name(dataset, item.district_id), categories=list(vocab.CATEGORIES))


@bp.route("/submissions/<int:submission_id>/photo")
@staff_required
def photo(submission_id):
    item = get_submission(get_db(), submission_id)
    if item is None or item.photo is None:
        abort(404)
    return current_app.response_class(item.photo, mimetype="image/jpeg")


@bp.route("/submissions/<int:submission_id>/accept", methods=["POST"])
@staff_required
def accept_submission(submission_id):
    form = request.form
    return _decided(submission_id, lambda: accept(
        get_db(), get_dataset(), submission_id, current_staff().id, title_ru=form.get("title_ru", ""),
        title_kk=form.get("title_kk", ""), title_en=form.get("title_en", ""),
        category=form.get("category") if form.get("category") in vocab.CATEGORIES else None),
        _("Accepted: the need joins the public list at the next reload."))


@bp.route("/submissions/<int:submission_id>/reject", methods=["POST"])
@staff_required
def reject_submission(submission_id):
    return _decided(submission_id, lambda: reject(
        get_db(), submission_id, current_staff().id, request.form.get("reason", "")),
        _("Rejected: the resident sees the reason on the status link."))


@bp.route("/submissions/<int:submission_id>/merge", methods=["POST"])
@staff_required
def merge_submission(submission_id):
    return _decided(submission_id, lambda: merge(
        get_db(), get_dataset(), submission_id, current_staff().id, request.form.get("need_id", "").strip()),
        _("Merged: the need has one supporter more."))


def _decided(submission_id, decide, done):
    try:
        decide()
    except EditRefused as refused:
        flash(str(refused))
        return redirect(url_for_lang("staff.submission", submission_id=submission_id)), 303
    flash(done)
    return redirect(url_for_lang("staff.queue")), 303


@bp.route("/needs", methods=["GET"])
@staff_required
def find_need():
    need_id = request.args.get("id", "").strip()
    if need_id:
        return redirect(url_for_lang("staff.need", need_id=need_id))
    return render_template("staff/find_need.html", staff=current_staff())


@bp.route("/needs/<need_id>", methods=["GET", "POST"])
def need(need_id):
    dataset = get_dataset()
    db = get_db()
    fields = need_fields(db, dataset, need_id)
    if fields is None:
        abort(404)  # need ids are public: an unknown one is a 404 before the login is asked
    return staff_required(_need_page)(need_id, fields)


def _need_page(need_id, fields):
    dataset, db = get_dataset(), get_db()
    error, status = None, 200
    if request.method == "POST":
        changes = {k: request.form[k] for k in ("status", "answer_ru", "answer_kk", "work_ids")
                   if k in request.form}
        try:
            changed = edit_need(db, dataset, need_id, current_staff().id, changes)
        except EditRefused as refused:
            error, status = str(refused), 400
        else:
            flash(_("Saved. Fields changed: %(count)s. The public pages show them at the next reload.",
                    count=len(changed)))
            return redirect(url_for_lang("staff.need", need_id=need_id)), 303
        fields = dict(fields, **changes)
    return render_template("staff/need.html", staff=current_staff(), need_id=need_id, fields=fields,
                           events=audit_trail(db, need_id), error=error, statuses=list(vocab.NEED_STATUSES),
                           messages=get_flashed_messages()), status


@bp.route("/audit")
@staff_required
def audit():
    return render_template("staff/audit.html", staff=current_staff(), events=audit_trail(get_db()))


def _district_name(dataset, district_id):
    from web.labels import data_name

    if district_id not in dataset.districts.index:
        return district_id
    return data_name(dataset.districts.loc[district_id], "name", current_lang(), default=district_id)
