"""The write path's foundation: its database, secret key, sessions, CSRF and rate limits.

``init_app`` runs before the snapshot is loaded, because the snapshot's needs are
overlaid with the needs kept here (``web.write.overlay``). Views live in
``web.pages.raise_need`` (residents) and ``web.staff`` (moderation).
"""

import os
import secrets
import time
from pathlib import Path

from flask import current_app, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError

EXTENSION = "okraina_write"
SQLITE_FILE = "okraina.sqlite3"
SECRET_FILE = "secret_key"


def init_app(app):
    """Open the write database (creating it on first run) and set up sessions and CSRF."""
    from flask_wtf.csrf import CSRFProtect
    from werkzeug.middleware.proxy_fix import ProxyFix

    db = open_database(app)
    app.extensions[EXTENSION] = db
    app.config["SECRET_KEY"] = app.config.get("SECRET_KEY") or _secret_key(app)
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_NAME="okraina_session", WTF_CSRF_TIME_LIMIT=None,
                      MAX_CONTENT_LENGTH=app.config["PHOTO_MAX_BYTES"] + 256 * 1024)
    app.session_interface = _SessionInterface()
    if app.config["TRUST_PROXY"]:
        hops = app.config["TRUST_PROXY"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    CSRFProtect(app)
    app.register_error_handler(CSRFError, _csrf_refused)
    return db


def _csrf_refused(error):
    from flask import render_template
    from flask_babel import gettext

    current_app.logger.info("CSRF refused on %s: %s", request.path, error.description)
    return render_template("error.html", code=400, title=gettext("Bad request"), description=gettext(
        "The form has expired. Reload the page and send it again.")), 400


def need_trail(need_id):
    """The public trail of a need for its page (``/needs/<id>``): status changes and answers
    with their dates, oldest first, never who made them. Render it with the
    ``_need_trail.html`` include (``{% include "_need_trail.html" %}`` with ``trail`` set)."""
    from web.write.moderation import public_trail

    return public_trail(get_db(), need_id)


def init_limits(app):
    """Rate limits of the write path's views (after they are registered)."""
    from flask_limiter import Limiter

    from web.write import ratelimit

    uri = app.config.get("RATELIMIT_STORAGE_URI")
    if not uri:
        name = f"app{id(app)}"
        ratelimit.register(name, get_db(app))
        uri = f"{ratelimit.SCHEME}://{name}"
    import logging

    logging.getLogger("flask-limiter").addFilter(_without_keys)
    limiter = Limiter(client_address, app=app, storage_uri=uri, strategy="fixed-window",
                      headers_enabled=False, key_prefix="okraina")
    app.extensions["okraina_limiter"] = limiter
    limited = {
        "pages.new_need": [(lambda: current_app.config["SUBMIT_LIMIT"], client_address),
                           (lambda: current_app.config["SUBMIT_SESSION_LIMIT"], session_key)],
        "staff.login": [(lambda: current_app.config["LOGIN_LIMIT"], client_address)],
    }
    for endpoint, limits in limited.items():
        view = app.view_functions[endpoint]
        for limit, key in limits:
            view = limiter.limit(limit, key_func=key, methods=["POST"], scope=f"{endpoint}:{key.__name__}")(view)
        app.view_functions[endpoint] = view
    return limiter


def open_database(app):
    """The write database of ``app``'s config (created on first use); also for commands."""
    from web.write.db import WriteDatabase

    if app.config.get("INSTANCE_DIR"):
        app.instance_path = str(Path(app.config["INSTANCE_DIR"]).resolve())
    return WriteDatabase(write_database_url(app))


def _without_keys(record):
    """Flask-Limiter logs the breached key (a client address or session): not in our logs."""
    if record.msg.startswith("ratelimit ") and isinstance(record.args, tuple) and len(record.args) == 3:
        record.args = (record.args[0], "a client", record.args[2])
    return True


def get_db(app=None):
    return (app or current_app).extensions[EXTENSION]


def write_database_url(app):
    """The write database: the setting, else PostgreSQL of ``--db``, else SQLite in the instance."""
    config = app.config
    if config.get("WRITE_DATABASE_URL"):
        return config["WRITE_DATABASE_URL"]
    if config.get("DATASET_LOADER") and not config.get("INSTANCE_DIR"):
        return "sqlite://"  # tests that inject the data and ask for no file: a private database
    if str(config.get("DATABASE_URL") or "").startswith(("postgresql", "postgres")):
        return config["DATABASE_URL"]
    if config.get("TESTING") and not config.get("INSTANCE_DIR"):
        return "sqlite://"  # tests that do not ask for a file get a private in-memory database
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(app.instance_path) / SQLITE_FILE}"


def client_address():
    """The client's address (after ``ProxyFix`` when ``TRUST_PROXY`` says to believe a proxy)."""
    return request.remote_addr or "unknown"


def session_key():
    """A random id kept in this browser's session (set when the form is shown)."""
    return session.get("sid") or f"ip:{client_address()}"


def ensure_session_key():
    if "sid" not in session:
        session["sid"] = secrets.token_urlsafe(16)
    return session["sid"]


def _secret_key(app):
    """A key generated once and kept in the instance folder, so every worker signs alike."""
    if app.config.get("TESTING") and not app.config.get("INSTANCE_DIR"):
        return secrets.token_hex(32)
    path = Path(app.instance_path) / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # another worker may be writing it this very moment
            key = path.read_text().strip()
            if key:
                return key
            time.sleep(0.1)
        raise RuntimeError(f"{path} is empty: delete it or set OKRAINA_SECRET_KEY") from None
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
        handle.flush()
        os.fsync(handle.fileno())
    return key


class _SessionInterface(SecureCookieSessionInterface):
    """Session cookies are ``Secure`` on HTTPS requests (or always, with ``HTTPS``)."""

    def get_cookie_secure(self, app):
        return bool(app.config.get("HTTPS")) or request.is_secure
