"""The app's settings: defaults, then environment variables, then an explicit dict.

This is the only module that reads ``OKRAINA_*`` environment variables.
"""

import os
import re
from pathlib import Path

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)

# config key -> environment variable
ENVIRONMENT = {
    "DATA_DIR": "OKRAINA_DATA",
    "DATABASE_URL": "OKRAINA_DATABASE_URL",
    "TILES": "OKRAINA_TILES",
    "TILES_ATTRIBUTION": "OKRAINA_TILES_ATTRIBUTION",
    "CENTER": "OKRAINA_CENTER",
    "EMBED_ANCESTORS": "OKRAINA_EMBED_ANCESTORS",
    "RELOAD_SECONDS": "OKRAINA_RELOAD_SECONDS",
    "MAP_INLINE_WORKS": "OKRAINA_MAP_INLINE_WORKS",
    "PAGE_CACHE_SIZE": "OKRAINA_PAGE_CACHE_SIZE",
    # The write path (residents' submissions, staff): see docs/DEPLOYMENT.md.
    "INSTANCE_DIR": "OKRAINA_INSTANCE",
    "WRITE_DATABASE_URL": "OKRAINA_WRITE_DATABASE_URL",
    "SECRET_KEY": "OKRAINA_SECRET_KEY",
    "TRUST_PROXY": "OKRAINA_TRUST_PROXY",
    "HTTPS": "OKRAINA_HTTPS",
    "RATELIMIT_STORAGE_URI": "OKRAINA_RATELIMIT_STORAGE_URI",
    "SUBMIT_LIMIT": "OKRAINA_SUBMIT_LIMIT",
    "SUBMIT_SESSION_LIMIT": "OKRAINA_SUBMIT_SESSION_LIMIT",
    "LOGIN_LIMIT": "OKRAINA_LOGIN_LIMIT",
    "LOGIN_MAX_FAILURES": "OKRAINA_LOGIN_MAX_FAILURES",
    "LOGIN_LOCK_MINUTES": "OKRAINA_LOGIN_LOCK_MINUTES",
    "TEXT_MAX_CHARS": "OKRAINA_TEXT_MAX_CHARS",
    "PHOTO_MAX_BYTES": "OKRAINA_PHOTO_MAX_BYTES",
    "PHOTO_MAX_SIDE_PX": "OKRAINA_PHOTO_MAX_SIDE_PX",
    "CONTACT_RETENTION_DAYS": "OKRAINA_CONTACT_RETENTION_DAYS",
}
# Whole-number settings of the write path and their smallest allowed value.
_WHOLE_NUMBERS = {"PAGE_CACHE_SIZE": 0, "TRUST_PROXY": 0, "LOGIN_MAX_FAILURES": 1, "LOGIN_LOCK_MINUTES": 1,
                  "TEXT_MAX_CHARS": 10, "PHOTO_MAX_BYTES": 1024, "PHOTO_MAX_SIDE_PX": 100,
                  "CONTACT_RETENTION_DAYS": 1}

# A CSP source expression: a keyword, a scheme, or [scheme://]host[:port][/path].
_SOURCE = re.compile(r"^('self'|\*|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*://)?[A-Za-z0-9*.-]+(:[0-9*]+)?(/[^\s;,]*)?)$")


def defaults():
    return {
        "DATA_DIR": Path(__file__).resolve().parent.parent / "shapefiles",
        "DATABASE_URL": None,
        "TILES": OSM_TILES,
        "TILES_ATTRIBUTION": None,
        "CENTER": None,
        # Embeds are meant for any newsroom's page; restrict with a space-separated list.
        "EMBED_ANCESTORS": "*",
        "TESTING": False,
        "DATASET_LOADER": None,
        # How often each server process asks the store whether the data changed; 0 = never.
        "RELOAD_SECONDS": 10,
        # Up to this many works travel inside a map page; more are fetched from
        # /api/map/works, one cached resource shared by every view (web.pages.map_works).
        "MAP_INLINE_WORKS": 2000,
        # Rendered pages (`/`) kept per snapshot and process, by URL and language; 0 = off.
        "PAGE_CACHE_SIZE": 128,
        # The write path. INSTANCE_DIR: the Flask instance folder (the SQLite file and a
        # generated secret key live there); WRITE_DATABASE_URL: default SQLite in it, or
        # DATABASE_URL when that is PostgreSQL.
        "INSTANCE_DIR": None,
        "WRITE_DATABASE_URL": None,
        "SECRET_KEY": None,
        "TRUST_PROXY": 0,  # reverse proxies in front whose X-Forwarded-* are believed
        "HTTPS": False,  # session cookies Secure always (they are anyway on HTTPS requests)
        "RATELIMIT_STORAGE_URI": None,  # None: okraina-db:// (the write database)
        "SUBMIT_LIMIT": "10 per hour;30 per day",  # per client address
        "SUBMIT_SESSION_LIMIT": "5 per hour",  # per browser session
        "LOGIN_LIMIT": "20 per 15 minutes",  # login attempts per client address
        "LOGIN_MAX_FAILURES": 5,  # wrong passwords in a row before the account locks
        "LOGIN_LOCK_MINUTES": 15,
        "TEXT_MAX_CHARS": 2000,
        "PHOTO_MAX_BYTES": 8 * 1024 * 1024,  # as sent; it is stored re-encoded, far smaller
        "PHOTO_MAX_SIDE_PX": 1600,
        "CONTACT_RETENTION_DAYS": 365,  # after the decision or the need's closing
    }


def load_config(overrides=None, environ=None):
    """Defaults, overridden by the environment, overridden by ``overrides``; checked."""
    environ = os.environ if environ is None else environ
    config = defaults()
    for key, variable in ENVIRONMENT.items():
        if environ.get(variable, "").strip():
            config[key] = environ[variable].strip()
    config.update(overrides or {})
    return _checked(config)


def _checked(config):
    config["DATA_DIR"] = Path(config["DATA_DIR"])
    tiles = config["TILES"]
    if tiles is None or str(tiles).strip().lower() in ("", "none"):
        config["TILES"] = None
    elif config["TILES"] == OSM_TILES and not config["TILES_ATTRIBUTION"]:
        config["TILES_ATTRIBUTION"] = OSM_ATTRIBUTION
    elif not config["TILES_ATTRIBUTION"]:
        raise ValueError("TILES: a custom tile URL needs TILES_ATTRIBUTION (OKRAINA_TILES_ATTRIBUTION)")
    if config["TILES"] and not re.match(r"^https?://[^/\s]+/\S*$", config["TILES"]):
        raise ValueError(f"TILES: expected an http(s) URL template or 'none', got {config['TILES']!r}")
    config["EMBED_ANCESTORS"] = embed_ancestors(config["EMBED_ANCESTORS"])
    config["RELOAD_SECONDS"] = reload_seconds(config["RELOAD_SECONDS"])
    config["MAP_INLINE_WORKS"] = map_inline_works(config["MAP_INLINE_WORKS"])
    for key, minimum in _WHOLE_NUMBERS.items():
        config[key] = whole_number(key, config[key], minimum)
    config["HTTPS"] = str(config["HTTPS"]).strip().lower() in ("1", "true", "yes", "on")
    return config


def whole_number(key, value, minimum):
    try:
        number = int(str(value).strip())
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise ValueError(f"{key}: expected a whole number >= {minimum}, got {value!r}")
    return number


def map_inline_works(value):
    """How many works a map page carries inline: a whole number >= 0 (0 = always fetch)."""
    try:
        count = int(str(value).strip())
    except ValueError:
        count = -1
    if count < 0:
        raise ValueError(f"MAP_INLINE_WORKS: expected a whole number >= 0, got {value!r}")
    return count


def reload_seconds(value):
    """Seconds between checks for new data: a number >= 0 (0 turns polling off)."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = -1
    if not seconds >= 0:
        raise ValueError(f"RELOAD_SECONDS: expected a number of seconds >= 0, got {value!r}")
    return seconds


def embed_ancestors(value):
    """Check a space-separated list of CSP sources for ``frame-ancestors``."""
    sources = str(value).split() if not isinstance(value, (list, tuple)) else list(value)
    if not sources:
        raise ValueError("EMBED_ANCESTORS: give at least one source, e.g. '*' or https://example.kz")
    for source in sources:
        if not _SOURCE.match(source):
            raise ValueError(f"EMBED_ANCESTORS: {source!r} is not a CSP source expression")
    return " ".join(sources)


def tile_origin(tiles):
    """The ``scheme://host`` of a tile URL template, for the CSP (``{s}`` becomes ``*``)."""
    if not tiles:
        return None
    match = re.match(r"^(https?://)([^/]+)", tiles)
    host = re.sub(r"\{[a-z]\}", "*", match.group(2))
    if "*" in host and not host.startswith("*."):
        host = "*." + host.split(".", 1)[1]
    return match.group(1) + host
