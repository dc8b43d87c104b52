"""``/needs/new``: a resident raises a need; ``/needs/status/<token>``: its private status page.

Nothing here is public: the submission waits for staff (``web.staff``). The form
has CSRF protection (Flask-WTF), a honeypot, size limits and a repeat check;
rate limits are set on ``new_need`` by ``web.write.init_limits``.
"""

from flask import abort, current_app, make_response, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from wtforms import FileField, SelectField, StringField, TextAreaField

from geo import vocab
from web.i18n import current_lang, format_number
from web.maps.base import render_map
from web.maps.place import place_map
from web.pages import bp
from web.params import parse_number, QueryError
from web.security import csp_nonce
from web.snapshot import get_dataset
from web.write import ensure_session_key, client_address, get_db
from web.write.photos import BadPhoto, clean_photo
from web.write.submissions import DuplicateText, find_by_token, submit

CONTACT_MAX_CHARS = 200
TEXT_MIN_CHARS = 10


class NeedForm(FlaskForm):
    lat = StringField(lazy_gettext("Latitude"))
    lon = StringField(lazy_gettext("Longitude"))
    category = SelectField(lazy_gettext("Category"), choices=[], validate_choice=False)
    text = TextAreaField(lazy_gettext("What is needed, and where exactly?"))
    photo = FileField(lazy_gettext("Photo (optional)"))
    contact = StringField(lazy_gettext("How to reach you (optional): phone or e-mail"))
    website = StringField("Website")  # the honeypot: hidden from people, filled by bots


def private(response, referrer="no-referrer"):
    """No caching, no indexing, no Referer carrying a status token anywhere (a form page:
    same-origin, as Flask-WTF checks the Referer of a form sent over HTTPS)."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = referrer
    return response


@bp.route("/needs/new", methods=["GET", "POST"])
def new_need():
    form = NeedForm()
    form.category.choices = [(code, code) for code in vocab.CATEGORIES]
    if request.method == "GET":
        form.lat.data, form.lon.data = request.args.get("lat", ""), request.args.get("lon", "")
        if request.args.get("category") in vocab.CATEGORIES:
            form.category.data = request.args["category"]
        ensure_session_key()
        return _form_page(form, {})
    errors, place, photo = _validated(form)
    if not errors:
        try:
            reference, token = submit(
                get_db(), place=place, category=form.category.data, text=form.text.data.strip(),
                lang=current_lang(), photo=photo, contact=(form.contact.data or "").strip() or None,
                client_ip=client_address(), session_key=ensure_session_key())
        except DuplicateText:
            errors["text"] = gettext("You have just sent this text. It is already with us.")
        else:
            status_url = url_for("pages.need_status", token=token, _external=True)
            response = make_response(render_template(
                "need_sent.html", reference=reference, status_url=status_url), 201)
            response.headers["X-Okraina-Reference"] = reference
            return private(response)
    return _form_page(form, errors, status=400)


def _validated(form):
    """``(errors by field, (lon, lat, district_id) or None, photo bytes or None)``."""
    config, errors = current_app.config, {}
    if form.csrf_token.errors or not form.validate_on_submit():  # CSRF refused already; belt and braces
        errors["form"] = gettext("The form has expired. Reload the page and send it again.")
    if (form.website.data or "").strip():
        errors["form"] = gettext("The form could not be accepted.")
    place = _place(form, errors)
    if form.category.data not in vocab.CATEGORIES:
        errors["category"] = gettext("Choose a category.")
    text = (form.text.data or "").strip()
    if len(text) < TEXT_MIN_CHARS:
        errors["text"] = gettext("Describe the need in at least %(count)s characters.", count=TEXT_MIN_CHARS)
    elif len(text) > config["TEXT_MAX_CHARS"]:
        errors["text"] = gettext("The text is too long: at most %(count)s characters.",
                                 count=format_number(config["TEXT_MAX_CHARS"]))
    if len((form.contact.data or "").strip()) > CONTACT_MAX_CHARS:
        errors["contact"] = gettext("At most %(count)s characters.", count=CONTACT_MAX_CHARS)
    photo = _photo(form, errors, config)
    return errors, place, photo


def _place(form, errors):
    try:
        lat = parse_number("lat", (form.lat.data or "").strip().replace(",", "."))
        lon = parse_number("lon", (form.lon.data or "").strip().replace(",", "."))
    except QueryError:
        errors["place"] = gettext("Choose the place: tap the map, use your location or type "
                                  "the latitude and longitude.")
        return None
    district_id = None
    if -90 <= lat <= 90 and -180 <= lon <= 180:
        district_id = get_dataset().locator.district_at(lon, lat)
    if district_id is None:
        errors["place"] = gettext("This place is outside the city's districts. The programme "
                                  "covers the city only: check the point (are latitude and "
                                  "longitude swapped?).")
        return None
    return lon, lat, district_id


def _photo(form, errors, config):
    upload = form.photo.data
    if upload is None or not getattr(upload, "filename", ""):
        return None
    try:
        return clean_photo(upload.read(config["PHOTO_MAX_BYTES"] + 1), max_bytes=config["PHOTO_MAX_BYTES"],
                           max_side_px=config["PHOTO_MAX_SIDE_PX"])
    except BadPhoto as error:
        errors["photo"] = gettext(str(error))
        return None


def _form_page(form, errors, status=200):
    dataset = get_dataset()
    point = None
    try:
        point = (parse_number("lon", form.lon.data), parse_number("lat", form.lat.data))
    except (QueryError, TypeError):
        pass
    m = place_map(dataset, point=point, lang=current_lang(), districts_layer=gettext("Districts"),
                  tiles=current_app.config["TILES"], attribution=current_app.config["TILES_ATTRIBUTION"])
    html = render_template("need_new.html", form=form, errors=errors, categories=list(vocab.CATEGORIES),
                           map=render_map(m, nonce=csp_nonce(), root=request.script_root),
                           text_max=current_app.config["TEXT_MAX_CHARS"],
                           photo_max_mb=current_app.config["PHOTO_MAX_BYTES"] / 1024 / 1024)
    return private(make_response(html, status), referrer="same-origin")


@bp.route("/needs/status/<token>")
def need_status(token):
    submission = find_by_token(get_db(), token)
    if submission is None:
        abort(404)
    return private(make_response(render_template("need_status.html", submission=submission)))


# The messages of web.write.photos, for the translators.
_PHOTO_MESSAGES = (lazy_gettext("The photo is too large."),
                   lazy_gettext("The photo must be a JPEG, PNG or WebP image."),
                   lazy_gettext("The file is not a readable image."))
