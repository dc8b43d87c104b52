"""Files to subscribe to: Atom feeds of works (per district with its needs' statuses,
near a point) and the iCalendar file of a district's meetings."""

from dataclasses import replace
from datetime import datetime, time, timezone

import pandas as pd
from flask import Response, request, url_for
from flask_babel import gettext

from geo import vocab
from geo.needs import select_needs
from geo.select import select_works
from web.pages import atom
from web.pages import ics
from web.snapshot import get_dataset, require_district
from web.i18n import current_lang, format_kzt, url_for_lang
from web.labels import data_name, name_column
from web.opendata.public_tables import needs_table
from web.pages import bp
from web.pages.district_data import meetings_of
from web.pages.near import required_near_query
from web.params import parse_filters

ATOM_TYPE = "application/atom+xml"


def _utc(day):
    return datetime.combine(day, time(), tzinfo=timezone.utc)


def _updated(dataset, works):
    """Per work: the latest of start, finish and approval dates, never after the load time."""
    loaded = dataset.loaded_at
    approved = dataset.funding[dataset.funding["work_id"].isin(works.index)].groupby("work_id")["approved"].max()
    result = {}
    for work_id, start, finish in zip(works.index, works["start"], works["finish"]):
        days = [d for d in (start, finish, approved.get(work_id)) if not pd.isna(d)]
        latest = _utc(max(days).date()) if days else loaded
        result[work_id] = min(latest, loaded)
    return result


def work_entries(dataset, works, lang, distances_m=None):
    """One Atom entry per work; ids are the work's URL without a language."""
    titles = name_column(works, "title", lang)
    districts = name_column(dataset.districts, "name", lang)
    updated = _updated(dataset, works)
    entries = []
    for position, (work_id, work) in enumerate(works.iterrows()):
        parts = [vocab.label(vocab.STATUSES, work["status"], lang),
                 vocab.label(vocab.CATEGORIES, work["category"], lang), str(int(work["year"])),
                 format_kzt(int(work["funding_kzt"]))]
        if work["district_id"] is not None:
            parts.append(districts.get(work["district_id"], ""))
        if distances_m is not None:
            parts.append(gettext("%(metres)s m", metres=round(float(distances_m[position]))))
        entries.append(atom.Entry(
            id=url_for("pages.work", work_id=work_id, _external=True), title=titles[work_id],
            updated=updated[work_id], link=url_for_lang("pages.work", work_id=work_id, _external=True),
            summary=" · ".join(parts),
            categories=((work["category"], vocab.label(vocab.CATEGORIES, work["category"], lang)),)))
    return entries


def need_entries(dataset, needs, lang):
    """One Atom entry per need for its current status, newest status first.

    The entry's id names the need and the status, so a change of status is a new
    entry in a reader; ``updated`` is the status date (never after the load time).
    """
    table = needs_table(dataset, needs.sort_values(["status_on", "id"], ascending=False).index,
                        lang, request.url_root)
    query = f"?lang={request.args['lang']}" if request.args.get("lang") in vocab.LANGUAGES else ""
    entries = []
    for need_id, need in table.iterrows():
        status = vocab.label(vocab.NEED_STATUSES, need["status"], lang)
        category = vocab.label(vocab.CATEGORIES, need["category"], lang)
        parts = [category, gettext("raised %(date)s", date=need["raised_on"].date().isoformat())]
        if isinstance(need["answer"], str):
            parts.append(need["answer"])
        entries.append(atom.Entry(
            id=f"{need['url']}#status-{need['status']}", title=f"{status}: {need['title']}",
            updated=min(_utc(need["status_on"].date()), dataset.loaded_at),
            link=need["url"] + query, summary=" · ".join(parts),
            categories=((need["category"], category),)))
    return entries


def _atom(body):
    return Response(body, mimetype=ATOM_TYPE, content_type=f"{ATOM_TYPE}; charset=utf-8")


@bp.route("/districts/<district_id>/feed.atom")
def district_feed(district_id):
    filters = parse_filters(request.args)
    dataset = get_dataset()
    row = require_district(dataset, district_id)
    lang = current_lang()
    selection = replace(filters.selection, district=district_id)
    works = select_works(dataset, selection)
    needs = select_needs(dataset, selection)  # ``status`` is the works' vocabulary: not theirs
    name = data_name(row, "name", lang, default=district_id)
    title = gettext("Works and residents' needs in %(name)s", name=name) if len(
        dataset.needs) else gettext("Works in %(name)s", name=name)
    return _atom(atom.feed(
        id=url_for("pages.district", district_id=district_id, _external=True),
        title=title, lang=lang, author=gettext("City administration"),
        self_url=request.url, alternate_url=url_for_lang("pages.district", district_id=district_id, _external=True),
        entries=work_entries(dataset, works, lang) + need_entries(dataset, needs, lang),
        updated=dataset.loaded_at))


@bp.route("/near/feed.atom")
def near_feed():
    result, _ = required_near_query(request.args)
    dataset = get_dataset()
    lang = current_lang()
    point = f"{result.lat:.5f}, {result.lon:.5f}"
    return _atom(atom.feed(
        id=f"{request.host_url}near/{result.lat:.5f},{result.lon:.5f},{result.radius_m:g}",
        title=gettext("Works within %(radius)s m of %(point)s", radius=f"{result.radius_m:g}", point=point),
        lang=lang, author=gettext("City administration"), self_url=request.url,
        alternate_url=request.host_url.rstrip("/") + request.full_path.replace("/near/feed.atom", "/near", 1),
        entries=work_entries(dataset, result.works, lang, result.distances_m), updated=dataset.loaded_at))


@bp.route("/districts/<district_id>/meetings.ics")
def district_meetings(district_id):
    dataset = get_dataset()
    row = require_district(dataset, district_id)
    lang = current_lang()
    name = data_name(row, "name", lang, default=district_id)
    page = url_for("pages.district", district_id=district_id, _external=True)
    host = request.host.split(":")[0] or "okraina"
    events = [ics.Event(uid=f"{district_id}-{m.year}-{m.cycle}@{host}", day=m.day,
                        summary=f"{name}: {vocab.label(vocab.MEETING_CYCLES, m.cycle, lang)}",
                        description=m.summary, url=page, location=m.place,
                        start=m.start, end=m.end, tz=dataset.city.timezone)
              for m in meetings_of(dataset, district_id, lang, datetime.now(timezone.utc).date()) if m.day]
    body = ics.calendar(events, name=gettext("Meetings with residents: %(name)s", name=name),
                        stamp=dataset.loaded_at)
    return Response(body.encode("utf-8"), content_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{district_id}-meetings.ics"'})
