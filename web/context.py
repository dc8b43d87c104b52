"""Values every template sees: the city's name, the navigation, the attribution."""

from flask import current_app
from flask_babel import format_date, lazy_gettext

from geo.data_date import data_as_of

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


def data_date_text(dataset=None):
    """The data's own date (``geo.data_date``, never the load date) in the reader's
    language, or ``None`` when the data has none."""
    day = data_as_of(get_dataset() if dataset is None else dataset)
    return None if day is None else format_date(day, format="long")


def _page_data_date():
    try:
        return data_date_text()
    except (KeyError, AttributeError):  # an error page before any data is loaded
        return None


def _template_context():
    return {
        "city_name": city_name(),
        "data_as_of": _page_data_date,
        "navigation": NAVIGATION,
        "tiles_attribution": current_app.config.get("TILES_ATTRIBUTION"),
    }


def init_app(app):
    app.context_processor(_template_context)
