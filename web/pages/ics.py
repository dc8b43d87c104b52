"""iCalendar (RFC 5545) files of meetings: escaped and folded text.

An event with a start and end time is timed: in UTC when the city names its time zone,
else in local ("floating") time, which calendars show as written; without times it is
an all-day event.

Lines end with CRLF; content lines longer than 75 octets are folded (CRLF and one
space) without splitting a UTF-8 character; text values escape ``\\``, ``;``, ``,``
and newlines.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

PRODID = "-//okraina//meetings with residents//RU"
MAX_OCTETS = 75


@dataclass(frozen=True)
class Event:
    """One event: all day unless it has ``start`` and ``end`` (local times of ``day``
    in the IANA zone ``tz``, or floating when ``tz`` is None)."""

    uid: str
    day: date
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    start: time | None = None
    end: time | None = None
    tz: str | None = None

    def when_lines(self):
        """The DTSTART and DTEND lines."""
        if self.start is None or self.end is None:
            return [f"DTSTART;VALUE=DATE:{self.day.strftime('%Y%m%d')}",
                    f"DTEND;VALUE=DATE:{(self.day + timedelta(days=1)).strftime('%Y%m%d')}"]
        return [f"DTSTART:{self._stamp(self.start)}", f"DTEND:{self._stamp(self.end)}"]

    def _stamp(self, moment):
        local = datetime.combine(self.day, moment)
        if self.tz is None:
            return local.strftime("%Y%m%dT%H%M%S")
        return local.replace(tzinfo=ZoneInfo(self.tz)).astimezone(timezone.utc).strftime(
            "%Y%m%dT%H%M%SZ")


def escape_text(value):
    """A TEXT value (RFC 5545 3.3.11)."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line):
    """Split ``line`` into pieces of at most 75 octets; each continuation starts with a space."""
    pieces, current, size, limit = [], [], 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1  # the leading space counts
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def calendar(events, *, name, stamp):
    """The text of a VCALENDAR with ``events``; ``stamp`` (a datetime) is each DTSTAMP."""
    stamp = stamp.astimezone(timezone.utc) if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}"]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{escape_text(event.uid)}",
                  f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
                  *event.when_lines(), f"SUMMARY:{escape_text(event.summary)}"]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
