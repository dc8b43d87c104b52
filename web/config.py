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
}

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
    return config


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
