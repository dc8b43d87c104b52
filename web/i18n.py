"""Languages of the UI: locale selection, links that keep ``lang``, labels and numbers.

Money is always the amount formatted for the locale followed by a no-break space and
``₸`` (in all three languages): Babel itself writes ``KZT`` in Russian and English but
``₸`` in Kazakh, and one consistent sign reads better on a map.
"""

from functools import lru_cache

from babel.numbers import format_compact_decimal
from flask import request, url_for
from flask_babel import Babel, format_decimal, get_locale
from werkzeug.urls import urlencode

from geo import vocab

LANGUAGE_NAMES = {"ru": "RU", "kk": "ҚАЗ", "en": "EN"}
TENGE = "\u00a0₸"
VOCABULARIES = {
    "category": vocab.CATEGORIES,
    "status": vocab.STATUSES,
    "kind": vocab.DISTRICT_KINDS,
    "source": vocab.FUNDING_SOURCES,
    "cycle": vocab.MEETING_CYCLES,
    "need_status": vocab.NEED_STATUSES,
    "need_source": vocab.NEED_SOURCES,
}


def select_locale():
    """``?lang=`` if valid, else the browser's Accept-Language, else Russian."""
    lang = request.args.get("lang", "").strip()
    if lang in vocab.LANGUAGES:
        return lang
    return request.accept_languages.best_match(vocab.LANGUAGES) or vocab.DEFAULT_LANGUAGE


def current_lang():
    return str(get_locale() or vocab.DEFAULT_LANGUAGE)


def url_for_lang(endpoint, **values):
    """``url_for`` that keeps the request's explicit ``lang`` unless one is given."""
    if "lang" not in values and request.args.get("lang") in vocab.LANGUAGES:
        values["lang"] = request.args["lang"]
    return url_for(endpoint, **values)


def lang_url(path):
    """An app path (``/near``) with the request's explicit ``lang`` kept."""
    lang = request.args.get("lang")
    query = f"?lang={lang}" if lang in vocab.LANGUAGES else ""
    return request.script_root + path + query


def switch_lang_url(lang):
    """The current URL with ``lang`` set to ``lang`` and every other parameter kept."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    return request.script_root + request.path + "?" + urlencode(args + [("lang", lang)])


def vocab_label(code, vocabulary):
    """Template filter: ``{{ work.status|label("status") }}`` in the current language."""
    return vocab.label(VOCABULARIES[vocabulary], code, current_lang())


def format_number(number, digits=0):
    """A number with the locale's separators (``1 234,5`` in ru/kk, ``1,234.5`` in en)."""
    return format_decimal(round(number, digits), format=f"#,##0.{'#' * digits}" if digits else "#,##0")


def number_symbols():
    """Template global: the locale's ``group`` and ``decimal`` signs, for scripts that
    write numbers like the page (``map.js`` reads them from ``<body data-group>``)."""
    symbols = get_locale().number_symbols["latn"]
    return {"group": symbols["group"], "decimal": symbols["decimal"]}


def format_kzt(amount_kzt, compact=False):
    """Tenge: ``699 500 000 ₸``, or ``699,5 млн ₸`` when ``compact``."""
    if compact:
        text = _compact(float(amount_kzt), current_lang())
    else:
        text = format_number(amount_kzt)
    return text + TENGE


@lru_cache(maxsize=8192)
def _compact(amount, lang):
    # Babel's compact format takes ~0.3 ms; a map of 200 districts shows the same
    # 200 amounts on every view of a snapshot.
    return format_compact_decimal(amount, locale=lang, fraction_digits=1)


def _on_response(response):
    # Without ?lang= a page depends on Accept-Language: tell caches so.
    if response.mimetype == "text/html" and request.args.get("lang") not in vocab.LANGUAGES:
        response.vary.add("Accept-Language")
    return response


def init_app(app):
    app.config.setdefault("BABEL_DEFAULT_LOCALE", vocab.DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals.update(
        url_for_lang=url_for_lang, lang_url=lang_url, switch_lang_url=switch_lang_url,
        current_lang=current_lang, LANGUAGE_NAMES=LANGUAGE_NAMES, number_symbols=number_symbols,
    )
    app.jinja_env.filters.update(label=vocab_label, number=format_number, kzt=format_kzt)
    app.after_request(_on_response)

