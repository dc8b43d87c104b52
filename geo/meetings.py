"""A meeting's optional ``time`` column: ``HH:MM`` or ``HH:MM-HH:MM``.

Written once here for the loader (which rejects anything else, row by row) and for
the calendar (which gives a meeting with a time a timed event, else an all-day one).
A start alone lasts :data:`DEFAULT_LENGTH`; an en dash or spaces around the dash
are accepted as people type them (``18:00 – 20:00``).
"""

import re
from datetime import datetime, time, timedelta

DEFAULT_LENGTH = timedelta(hours=2)
_TIME = r"([01]?\d|2[0-3])[:.]([0-5]\d)"
_PATTERN = re.compile(rf"^\s*{_TIME}\s*(?:[-–—]\s*{_TIME}\s*)?$")


def parse_meeting_time(text):
    """``(start, end)`` as ``datetime.time`` from ``"18:00"`` or ``"18:00-20:00"``.

    Parameters
    ----------
    text : str
        The cell; ``.`` is accepted for ``:`` (``18.30``).

    Returns
    -------
    tuple of datetime.time
        ``end`` is ``start`` + :data:`DEFAULT_LENGTH` when only a start is given.

    Raises
    ------
    ValueError
        When the text is not a time or a range, or the end is not after the start.
    """
    match = _PATTERN.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a time HH:MM or a range HH:MM-HH:MM")
    h1, m1, h2, m2 = match.groups()
    start = time(int(h1), int(m1))
    if h2 is None:
        end = datetime.combine(datetime.min, start) + DEFAULT_LENGTH
        return start, end.time() if end.day == datetime.min.day else time(23, 59)
    end = time(int(h2), int(m2))
    if end <= start:
        raise ValueError(f"{text!r} ends before it starts")
    return start, end


def normalise_meeting_time(text):
    """The cell written the one way (``18:00-20:00`` or ``18:00``); raises like
    :func:`parse_meeting_time`."""
    match = _PATTERN.match(str(text))
    parse_meeting_time(text)
    h1, m1, h2, m2 = match.groups()
    start = f"{int(h1):02d}:{m1}"
    return start if h2 is None else f"{start}-{int(h2):02d}:{m2}"
