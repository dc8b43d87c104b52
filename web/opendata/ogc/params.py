"""Query parameters of OGC API – Features that the rest of the app does not share.

``limit`` (capped, as the standard permits), ``datetime`` (RFC 3339 instants and
intervals, open ends as ``..``) and ``f``. Errors are the app's ``QueryError``.
"""

import re
from datetime import date

from web.params import N_, QueryError, parse_choice, parse_page_size
from web.opendata.selection import Period

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
FORMATS = ("json", "html")

_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})"
                   r"(?:[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?"
                   r"(?:[Zz]|[+-][0-9]{2}:[0-9]{2}))?$", re.ASCII)


def parse_ogc_limit(value):
    """1 or more; larger than :data:`MAX_LIMIT` is served as :data:`MAX_LIMIT`."""
    return parse_page_size(value, default=DEFAULT_LIMIT, cap=MAX_LIMIT)


def parse_datetime(value):
    """``datetime`` as a :class:`Period`: an instant, ``a/b``, ``../b``, ``a/..``; empty -> None.

    ``../..`` is refused: OGC API - Features 1.0 (requirement /req/core/fc-time-definition)
    allows an open start or an open end, never both.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if "/" not in text:
        day = _parse_instant(text, value)
        return Period(day, day)
    if text.count("/") != 1:
        raise QueryError("datetime", N_("expected an instant or one interval a/b, got '%(value)s'"),
                         value=value)
    first, last = text.split("/")
    start = None if first in ("", "..") else _parse_instant(first, value)
    end = None if last in ("", "..") else _parse_instant(last, value)
    if start is None and end is None:
        raise QueryError("datetime", N_("an interval needs at least one bound, got '%(value)s'"),
                         value=value)
    if start and end and start > end:
        raise QueryError("datetime", N_("the interval '%(value)s' ends before it starts"),
                         value=value)
    return Period(start, end)


def parse_format(value):
    """``f``: ``json`` or ``html``; empty -> None (the Accept header decides)."""
    return parse_choice("f", value, FORMATS, None,
                        message=N_("unknown format '%(value)s'; use one of %(known)s"))


def _parse_instant(text, whole):
    match = _DATE.match(text)
    try:
        if not match:
            raise ValueError(text)
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise QueryError("datetime", N_("'%(value)s' is not an RFC 3339 date or date-time"),
                         value=whole) from None
