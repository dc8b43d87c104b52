"""What the page views share: translated map words, work rows, district choices, URLs."""

import pandas as pd
from flask import request
from flask_babel import format_date, format_time, gettext

from werkzeug.urls import urlencode

from geo import vocab

from web.i18n import current_lang
from web.maps.city import MapText
from web.labels import name_column
from web.pages import bp


def lang_query():
    """``?lang=xx`` when the request chose a language explicitly, else ``""``."""
    lang = request.args.get("lang")
    return f"?lang={lang}" if lang in vocab.LANGUAGES else ""


def map_text(metric_label=""):
    """The map's words in the current language."""
    return MapText(
        works_layer=gettext("Works"), districts_layer=gettext("Districts"),
        metric_label=metric_label, district_link=gettext("District page"),
        popup={"category": gettext("Category"), "status": gettext("Status"),
               "progress": gettext("Progress"), "year": gettext("Year"),
               "funding": gettext("Funding"), "district": gettext("District"),
               "more": gettext("Open the work's page"), "show": gettext("Show on the map")},
        loading={"loading": gettext("Loading the works…"),
                 "failed": gettext("The works could not be loaded. Reload the page to try again.")},
        needs_layer=gettext("Residents' needs"),
        need_popup={"kind": gettext("Residents' need"), "status": gettext("Status"),
                    "category": gettext("Category"), "raised": gettext("Raised"),
                    "cycle": gettext("meeting %(cycle)s", cycle="%s"),
                    "district": gettext("District"), "more": gettext("Open the need's page"),
                    "loading": gettext("Loading the needs…"),
                    "failed": gettext("The needs could not be loaded. Switch the layer on again to retry.")},
        tiles={"works": gettext("Works: %(count)s. Zoom in to see them", count="%s"),
               "needs": gettext("Residents' needs: %(count)s. Zoom in to see them", count="%s"),
               "loading": gettext("Loading…"),
               "failed": gettext("The details could not be loaded. Try again."),
               "map_failed": gettext("This part of the map could not be loaded. Move the map to try again.")})


def work_rows(dataset, works, lang=None):
    """Plain rows for lists and tables of works: id, title, codes, year, funding, district."""
    lang = lang or current_lang()
    titles = name_column(works, "title", lang)
    district_names = name_column(dataset.districts, "name", lang)
    progress = works["progress"].to_numpy(dtype=object) if "progress" in works else \
        [None] * len(works)
    rows = []
    for work_id, title, category, status, year, funding, done, district_id in zip(
            works.index, titles, works["category"], works["status"], works["year"],
            works["funding_kzt"], progress, works["district_id"]):
        rows.append({
            "id": work_id, "title": title, "category": category, "status": status,
            "year": int(year), "funding_kzt": int(funding),
            "progress": None if pd.isna(done) else int(done),
            "district_id": district_id,
            "district": district_names.get(district_id, "") if district_id else "",
        })
    return rows


def district_choices(dataset, lang):
    """``[(id, name)]`` of every district, sorted by name in ``lang``."""
    names = name_column(dataset.districts, "name", lang)
    return sorted(names.items(), key=lambda item: (item[1].casefold(), item[0]))


def url_with(path=None, **changes):
    """The current URL (or ``path`` with the same query) with some parameters replaced
    (``None`` removes one)."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k not in changes]
    args += [(k, v) for k, v in changes.items() if v is not None]
    return request.script_root + (path or request.path) + ("?" + urlencode(args) if args else "")


@bp.record_once
def _template_globals(state):
    # Globals (not a context processor) so that imported macros see them too.
    state.app.jinja_env.globals.update(
        status_symbol=vocab.status_symbol, status_colour=vocab.status_colour,
        category_symbol=vocab.category_symbol, url_with=url_with, VOCAB=vocab)
    state.app.jinja_env.filters["date_text"] = lambda day: format_date(day, "long")
    state.app.jinja_env.filters["time_text"] = lambda moment: format_time(moment, "short")
