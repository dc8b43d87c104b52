"""Parsing of the query parameters shared by pages and APIs, in one place.

Every function takes raw strings (or a request's ``args``) and either returns
checked values or raises ``QueryError``; nothing else escapes, whatever the input.
Messages are marked with ``N_`` so that error pages can show them translated.
"""

import math
import re
from dataclasses import dataclass, replace

from geo.select import Selection
from geo.vocab import (CATEGORIES, DEFAULT_LANGUAGE, LANGUAGES, NEED_STATUS_TYPES,
                       NEED_STATUSES, STATUSES)

MIN_YEAR, MAX_YEAR = 2000, 2100
DEFAULT_RADIUS_M, MAX_RADIUS_M = 1000, 10000
MAX_OFFSET = 1_000_000
# A range as keyboards type it: any dash (hyphen, en/em dash, minus), spaces around it.
_YEARS = re.compile(r"^([0-9]{4})(?:\s*[-\u2010-\u2015\u2212]\s*([0-9]{4}))?$")
_INTEGER = re.compile(r"^[0-9]+$", re.ASCII)
# Whole numbers with more digits than this are read as HUGE (no 10,000-digit int()).
_MAX_DIGITS, HUGE = 18, 10**18
_NUMBER = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$", re.ASCII)


def N_(message):
    """Mark a message for translation; it is translated where it is shown."""
    return message


class QueryError(ValueError):
    """A query parameter has a value that cannot be used (becomes HTTP 400)."""

    def __init__(self, param, message, **values):
        self.param = param
        self.message = message
        self.values = {k: _shown(v) for k, v in values.items()}
        super().__init__(self.description)

    @property
    def description(self):
        return f"{self.param}: {self.message % self.values}"

    def translated(self, gettext):
        return f"{self.param}: {gettext(self.message) % self.values}"


def _shown(value):
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass(frozen=True)
class Filters:
    """The shared filters of a request; ``None`` means "no filter"."""

    years: tuple | None = None  # (first, last), inclusive
    categories: tuple | None = None
    statuses: tuple | None = None
    district: str | None = None
    bbox: tuple | None = None  # (minlon, minlat, maxlon, maxlat)
    lang: str = DEFAULT_LANGUAGE
    status_types: tuple | None = None  # of needs (parse_need_filters), else None

    @property
    def selection(self):
        """The ``geo`` Selection of these filters (the one place filters become one)."""
        return Selection(years=self.years, categories=self.categories or (),
                         statuses=self.statuses or (), district=self.district)


def parse_filters(args, *, statuses=STATUSES):
    """Read ``year``, ``category``, ``status`` (codes of ``statuses``), ``district``,
    ``bbox`` and ``lang``."""
    return Filters(
        years=parse_years(args.get("year")),
        categories=parse_codes("category", _joined(args, "category"), CATEGORIES),
        statuses=parse_codes("status", _joined(args, "status"), statuses),
        district=parse_district(args.get("district")),
        bbox=parse_bbox(args.get("bbox")),
        lang=parse_lang(args.get("lang")),
    )


def parse_need_filters(args):
    """The filters of residents' needs: those of :func:`parse_filters` with ``status``
    in the needs' vocabulary (``open`` ... ``not_responsible``), and ``status_type``
    (``open``, ``met``, ``closed``)."""
    filters = parse_filters(args, statuses=NEED_STATUSES)
    return replace(filters, status_types=parse_codes(
        "status_type", _joined(args, "status_type"), NEED_STATUS_TYPES))


def _joined(args, name):
    values = args.getlist(name) if hasattr(args, "getlist") else [args.get(name)]
    values = [v for v in values if v is not None]
    return ",".join(values) if values else None


def parse_years(value):
    """``"2023"`` -> ``(2023, 2023)``; ``"2022-2024"``, ``"2022 – 2024"`` -> ``(2022, 2024)``;
    empty -> None."""
    if value is None or not value.strip():
        return None
    match = _YEARS.match(value.strip())
    if not match:
        raise QueryError("year", N_("expected a year like 2023 or a range like 2022-2024, got '%(value)s'"), value=value)
    first = int(match.group(1))
    last = int(match.group(2) or first)
    for year in (first, last):
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise QueryError("year", N_("%(value)s is outside %(min)s-%(max)s"), value=year, min=MIN_YEAR, max=MAX_YEAR)
    if first > last:
        raise QueryError("year", N_("the range %(value)s is reversed"), value=value.strip())
    return (first, last)


def parse_codes(param, value, vocabulary):
    """A comma-separated list of vocabulary codes, sorted and without repeats; empty -> None."""
    if value is None:
        return None
    codes = {code.strip() for code in value.split(",") if code.strip()}
    unknown = sorted(code for code in codes if code not in vocabulary)
    if unknown:
        raise QueryError(param, N_("unknown value '%(value)s'; known values: %(known)s"),
                         value=unknown[0], known=", ".join(vocabulary))
    return tuple(sorted(codes)) or None


def parse_district(value):
    """A district id (the caller checks that it exists); empty -> None."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    # Ids come from the data (a space inside one is legal there): refuse only what no id is.
    if len(value) > 100 or not value.isprintable():
        raise QueryError("district", N_("'%(value)s' is not a district id"), value=value)
    return value


def parse_bbox(value):
    """``minlon,minlat,maxlon,maxlat`` in degrees; minlon > maxlon crosses the antimeridian."""
    if value is None or not value.strip():
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise QueryError("bbox", N_("expected 4 numbers minlon,minlat,maxlon,maxlat, got '%(value)s'"), value=value)
    minlon, minlat, maxlon, maxlat = (parse_number("bbox", p) for p in parts)
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180):
        raise QueryError("bbox", N_("longitudes must be between -180 and 180"))
    if not (-90 <= minlat <= 90 and -90 <= maxlat <= 90):
        raise QueryError("bbox", N_("latitudes must be between -90 and 90"))
    if minlat > maxlat:
        raise QueryError("bbox", N_("minlat is greater than maxlat"))
    return (minlon, minlat, maxlon, maxlat)


def parse_lang(value):
    """One of ``ru``, ``kk``, ``en``; empty -> the default language."""
    return parse_choice("lang", value, LANGUAGES, DEFAULT_LANGUAGE,
                        message=N_("unknown language '%(value)s'; use one of %(known)s"))


def parse_point(args, *, default_radius_m=DEFAULT_RADIUS_M, max_radius_m=MAX_RADIUS_M):
    """``lat``, ``lon`` (both required) and ``radius`` in metres -> ``(lon, lat, radius_m)``."""
    lat, lon = args.get("lat"), args.get("lon")
    if lat is None or lon is None or not lat.strip() or not lon.strip():
        raise QueryError("lat" if not (lat or "").strip() else "lon", N_("lat and lon are both required"))
    lat, lon = parse_number("lat", lat), parse_number("lon", lon)
    if not -90 <= lat <= 90:
        raise QueryError("lat", N_("latitudes must be between -90 and 90"))
    if not -180 <= lon <= 180:
        raise QueryError("lon", N_("longitudes must be between -180 and 180"))
    radius = args.get("radius")
    radius_m = default_radius_m if radius is None or not radius.strip() else parse_number("radius", radius)
    if not 0 < radius_m <= max_radius_m:
        raise QueryError("radius", N_("the radius must be more than 0 and at most %(max)s metres"), max=max_radius_m)
    return (lon, lat, radius_m)


def parse_bounded_int(param, value, *, minimum, maximum, message, default=None):
    """A whole number from ``minimum`` to ``maximum`` (empty -> ``default``), else ``QueryError``.

    ``message`` is the caller's (translated) complaint, given ``%(min)s`` and ``%(max)s``.
    """
    if value is None or not value.strip():
        return default
    number = _parse_int(param, value)
    if not minimum <= number <= maximum:
        raise QueryError(param, message, min=minimum, max=maximum)
    return number


def parse_page_size(value, *, default, cap):
    """A page size of 1 or more; larger than ``cap`` (however large) is served as ``cap``.

    OGC API – Features permits a server to cap ``limit``; the response's ``next``
    link then leads on from where the capped page ended.
    """
    limit = parse_bounded_int("limit", value, minimum=1, maximum=HUGE, default=default,
                              message=N_("must be between 1 and %(max)s"))
    return min(limit, cap)


def parse_offset(value):
    """A non-negative offset into a result list; empty -> 0."""
    if value is None or not value.strip():
        return 0
    offset = _parse_int("offset", value)
    if offset > MAX_OFFSET:
        raise QueryError("offset", N_("must be at most %(max)s"), max=MAX_OFFSET)
    return offset


def parse_number(param, value):
    """A finite decimal number written with ASCII digits and a decimal point or comma.

    A ru/kk keyboard (and locale) writes ``49,9525``: one comma and no point is the
    decimal sign. Lists of numbers (``bbox``) are split on commas before they get here.
    """
    text = value.strip()
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        raise QueryError(param, N_("'%(value)s' is not a number"), value=value)
    number = float(text)
    if not math.isfinite(number):
        raise QueryError(param, N_("'%(value)s' is not a number"), value=value)
    return number


def _parse_int(param, value):
    text = value.strip()
    if not _INTEGER.match(text):
        raise QueryError(param, N_("'%(value)s' is not a whole number"), value=value)
    return int(text) if len(text.lstrip("0")) <= _MAX_DIGITS else HUGE


def parse_text(param, value, *, max_chars, required=False):
    """Free text typed by a person (a search): spaces collapsed; empty -> None unless
    ``required``; longer than ``max_chars`` or with control characters -> ``QueryError``."""
    text = " ".join((value or "").split())
    if not text:
        if required:
            raise QueryError(param, N_("type what to look for"))
        return None
    if len(text) > max_chars:
        raise QueryError(param, N_("must be at most %(max)s characters"), max=max_chars)
    if not text.isprintable():
        raise QueryError(param, N_("'%(value)s' is not text"), value=text.encode("unicode_escape").decode())
    return text


def parse_choice(param, value, choices, default,
                 message=N_("unknown value '%(value)s'; known values: %(known)s")):
    """One of ``choices`` (empty -> ``default``), else ``QueryError`` with ``message``."""
    if value is None or not value.strip():
        return default
    if value.strip() not in choices:
        raise QueryError(param, message, value=value, known=", ".join(choices))
    return value.strip()


@dataclass(frozen=True)
class NeedsView:
    """Whether a map shows residents' needs (``needs=1``) and of which status types
    (``need_status=open,met``; None = all)."""

    shown: bool = False
    status_types: tuple | None = None


def parse_needs_view(args):
    """``needs`` (``1``/``0``, empty = off) and ``need_status`` (status types)."""
    shown = parse_choice("needs", args.get("needs"), ("0", "1"), "0",
                         message=N_("expected 1 (show the needs) or 0, got '%(value)s'")) == "1"
    return NeedsView(shown, parse_codes("need_status", _joined(args, "need_status"), NEED_STATUS_TYPES))
