"""``/search``: districts, settlements, streets, works and needs by what residents type.

A street has no page of its own: ``/search?q=...&street=<key>`` shows its works and a
link to the works near it. The search box of every map page submits here.
"""

from flask import render_template, request

from geo.search import KINDS, search_index
from web.i18n import current_lang, url_for_lang
from web.pages import bp
from web.pages.common import work_rows
from web.pages.search_data import (DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_CHARS, Links, SearchQuery,
                                   find, group_rows, result_rows, street_entry, street_near)
from web.params import N_, parse_bounded_int, parse_codes, parse_lang, parse_text
from web.snapshot import get_dataset

PAGE_LIMIT = MAX_LIMIT  # a page has room for every result the index gives
STREET_LIST_MAX = 200  # a street's works listed, newest first; the total counts them all


def parse_search(args, *, required, default_limit=DEFAULT_LIMIT):
    """``q``, ``lang``, ``limit`` and ``kind`` -> ``SearchQuery`` (``None`` without ``q``
    unless ``required``); ``QueryError`` on bad input."""
    text = parse_text("q", args.get("q"), max_chars=MAX_QUERY_CHARS, required=required)
    lang = parse_lang(args.get("lang"))
    limit = parse_bounded_int("limit", args.get("limit"), minimum=1, maximum=MAX_LIMIT,
                              default=default_limit, message=N_("must be between %(min)s and %(max)s"))
    kinds = parse_codes("kind", ",".join(args.getlist("kind")), KINDS)
    return None if text is None else SearchQuery(text, lang, limit, kinds)


def request_links():
    """Result URLs for this request: the app's root, the explicit ``lang`` kept."""
    lang = request.args.get("lang")
    return Links(request.script_root, lang if lang in ("ru", "kk", "en") else None)


@bp.route("/search")
def search():
    query = parse_search(request.args, required=False, default_limit=PAGE_LIMIT)
    dataset = get_dataset()
    lang = current_lang()
    street_key = parse_text("street", request.args.get("street"), max_chars=MAX_QUERY_CHARS)
    street = street_entry(dataset, street_key) if street_key else None
    rows = result_rows(dataset, find(dataset, query), lang, request_links()) if query else []
    near = street_near(dataset, street) if street else None
    return render_template(
        "search.html", query=query, groups=group_rows(rows), total=len(rows),
        street=street, street_key=street_key, street_label=street.name(lang) if street else None,
        **_street_works(dataset, street, lang), examples=_examples(dataset, lang),
        near_url=near and url_for_lang("pages.near", lat=f"{near[1]:.6f}", lon=f"{near[0]:.6f}",
                                       radius=near[2]),
        near_radius=near and near[2])


def _street_works(dataset, street, lang):
    """The street's works, newest first (at most ``STREET_LIST_MAX``), their count and money."""
    if street is None:
        return {"street_works": [], "street_total": 0, "street_funding_kzt": 0}
    works = dataset.works.loc[list(street.work_ids)].sort_values(["year", "id"], ascending=[False, True])
    return {"street_works": work_rows(dataset, works.iloc[:STREET_LIST_MAX], lang),
            "street_total": len(works), "street_funding_kzt": int(works["funding_kzt"].sum())}


def _examples(dataset, lang):
    """What to type, from the data: a settlement or district, and a street."""
    entries = search_index(dataset).entries
    picks = [next((e for e in entries if e.kind == kind), None) for kind in ("settlement", "street")]
    if picks[0] is None:
        picks[0] = next((e for e in entries if e.kind == "district"), None)
    return [entry.name(lang) for entry in picks if entry is not None]
