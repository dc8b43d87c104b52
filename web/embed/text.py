"""The words of an embed: its default title, the shown works as table rows, the attribution."""

from flask_babel import gettext

from geo import vocab
from geo.select import ordered_work_ids
from web.context import data_date_text
from web.metrics import METRICS


def localized(frame, stem, lang):
    """Column ``<stem>_<lang>`` with gaps filled from ``<stem>_ru``."""
    column = f"{stem}_{lang}"
    return frame[column].fillna(frame[f"{stem}_ru"]) if column in frame else frame[f"{stem}_ru"]


def period_text(years):
    if years is None:
        return gettext("all years")
    first, last = years
    return str(first) if first == last else f"{first}–{last}"


def default_title(dataset, params, lang):
    """``Place — what, period``: e.g. ``Ulbinsky — roads, lighting, 2023``."""
    f = params.filters
    if f.district is not None:
        place = localized(dataset.districts, "name", lang).get(f.district, f.district)
    else:
        place = dataset.city.name.get(lang) or dataset.city.name.get("ru") or ""
    if f.categories:
        what = ", ".join(vocab.label(vocab.CATEGORIES, c, lang) for c in f.categories).lower()
    else:
        what = gettext("works")
    return gettext("%(place)s — %(what)s, %(period)s", place=place, what=what,
                   period=period_text(f.years))


def title_of(dataset, params, lang):
    return params.title or default_title(dataset, params, lang)


def work_rows(dataset, selection, lang, limit=500):
    """The shown works as dicts for the accessible table (at most ``limit``, biggest first)."""
    order = ordered_work_ids(dataset, selection, ["funding_kzt", "id"], [False, True])
    works = dataset.works.loc[order[:limit]]
    titles = localized(works, "title", lang)
    names = localized(dataset.districts, "name", lang)
    rows = []
    for work_id, year, district_id, category, status, funding in zip(
            works.index, works["year"], works["district_id"], works["category"], works["status"],
            works["funding_kzt"]):
        rows.append({"title": titles[work_id], "year": int(year),
                     "district": names.get(district_id, "—"),
                     "category": vocab.label(vocab.CATEGORIES, category, lang),
                     "status": vocab.label(vocab.STATUSES, status, lang),
                     "funding_kzt": int(funding)})
    return rows, len(order)


def metric_label_text(metric):
    """The label of a shading ``metric``, with its unit: ``Funding, ₸``."""
    return METRICS[metric].label_with_unit()


def metric_value_text(metric):
    """How a value of a shading ``metric`` is written (the unit, if any, is in the label)."""
    return METRICS[metric].value_text(with_unit=False)


def attribution_text(dataset):
    """``Data: city akimat, as of 20 December 2024`` (without a date when there is none)."""
    day = data_date_text(dataset)
    if day is None:
        return gettext("Data: %(source)s", source=gettext("city akimat"))
    return gettext("Data: %(source)s, as of %(date)s", source=gettext("city akimat"), date=day)
