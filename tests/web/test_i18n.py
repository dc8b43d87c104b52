"""Languages: selection, links, catalogues complete in ru/kk/en, labels and money."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask import render_template_string

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "web" / "translations"
KEYWORDS = {"_": None, "gettext": None, "lazy_gettext": None, "N_": None, "ngettext": (1, 2)}


def _extracted_ids():
    method_map = [("web/**.py", "python"), ("web/templates/**.html", "jinja2")]
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _catalog(lang):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=lang)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_ui_string_is_translated(lang):
    catalog = _catalog(lang)
    missing = [msgid for msgid in _extracted_ids()
               if msgid not in catalog or not catalog[msgid].string or catalog[msgid].fuzzy]
    assert not missing, f"translate in {TRANSLATIONS / lang} then run pybabel compile: {missing}"


def _plain(value):
    # plural messages: read_mo gives lists, read_po tuples
    return tuple(value) if isinstance(value, (list, tuple)) else value


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_compiled_catalogue_matches_po(lang):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo", "rb") as f:
        compiled = {_plain(m.id): _plain(m.string) for m in read_mo(f) if m.id}
    source = {_plain(m.id): _plain(m.string) for m in _catalog(lang) if m.id}
    assert compiled == source, "run: pybabel compile -d web/translations"


@pytest.mark.parametrize("query, accept, lang", [
    ("", "", "ru"),
    ("", "kk-KZ,kk;q=0.9,ru;q=0.8", "kk"),
    ("", "de-DE,en;q=0.5", "en"),
    ("?lang=en", "kk", "en"),
    ("?lang=xx", "kk", "kk"),  # an invalid lang never breaks the locale selector
])
def test_locale_selection(client, query, accept, lang):
    response = client.get("/healthz" + query, headers={"Accept-Language": accept} if accept else {})
    page = client.get("/nothing" + query, headers={"Accept-Language": accept} if accept else {})
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in page.get_data(as_text=True)


def test_front_page_rejects_unknown_lang(client):
    assert client.get("/?lang=xx").status_code == 400


def test_vary_accept_language_only_when_negotiated(client):
    assert "Accept-Language" in client.get("/").headers.get("Vary", "")
    assert "Accept-Language" not in client.get("/?lang=kk").headers.get("Vary", "")


def test_links_keep_lang_and_switcher_keeps_other_parameters(app):
    template = "{{ url_for_lang('pages.index') }}|{{ lang_url('/near') }}|{{ switch_lang_url('en') }}"
    with app.test_request_context("/?year=2023&lang=kk&category=roads&category=water"):
        assert render_template_string(template) == (
            "/?lang=kk|/near?lang=kk|/?year=2023&amp;category=roads&amp;category=water&amp;lang=en")
    with app.test_request_context("/"):
        assert render_template_string(template) == "/|/near|/?lang=en"


@pytest.mark.parametrize("lang, status, money, compact", [
    ("ru", "Завершено", "699\u00a0500\u00a0000\u00a0₸", "699,5\u00a0млн\u00a0₸"),
    ("kk", "Аяқталды", "699\u00a0500\u00a0000\u00a0₸", "699,5\u00a0млн\u00a0₸"),
    ("en", "Done", "699,500,000\u00a0₸", "699.5M\u00a0₸"),
])
def test_labels_and_money(app, lang, status, money, compact):
    template = "{{ 'done'|label('status') }}|{{ 699500000|kzt }}|{{ 699500000|kzt(compact=True) }}"
    with app.test_request_context(f"/?lang={lang}"):
        assert render_template_string(template) == f"{status}|{money}|{compact}"


def test_numbers(app):
    with app.test_request_context("/?lang=en"):
        assert render_template_string("{{ 1234.567|number(1) }}") == "1,234.6"


@pytest.mark.parametrize("lang, word", [("ru", "Рядом со мной"), ("kk", "Маған жақын"), ("en", "Near me")])
def test_page_is_in_the_chosen_language(client, lang, word):
    text = client.get(f"/?lang={lang}").get_data(as_text=True)
    assert word in text and f'<html lang="{lang}">' in text


def test_extraction_sees_templates_and_marked_messages():
    ids = _extracted_ids()
    assert {"Skip the map", "Near me", "lat and lon are both required"} <= ids
