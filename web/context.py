"""Values every template sees: the city's name, the navigation, the attribution."""

from flask import current_app
from flask_babel import lazy_gettext

from web.snapshot import get_dataset
from web.i18n import current_lang

# (path, label) of the main navigation.
NAVIGATION = (
    ("/", lazy_gettext("Map")),
    ("/near", lazy_gettext("Near me")),
    ("/planner", lazy_gettext("Planner")),
    ("/embed", lazy_gettext("Embed")),
    ("/download", lazy_gettext("Open data")),
)


def city_name():
    """The city's name in the current language (a neutral word if data is missing)."""
    try:
        names = get_dataset().city.name
    except (KeyError, AttributeError):
        names = {}
    return names.get(current_lang()) or names.get("ru") or ""


def _template_context():
    return {
        "city_name": city_name(),
        "navigation": NAVIGATION,
        "tiles_attribution": current_app.config.get("TILES_ATTRIBUTION"),
    }


def init_app(app):
    app.context_processor(_template_context)
