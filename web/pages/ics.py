"""iCalendar (RFC 5545) files of meetings: all-day events, escaped and folded text.

Lines end with CRLF; content lines longer than 75 octets are folded (CRLF and one
space) without splitting a UTF-8 character; text values escape ``\\``, ``;``, ``,``
and newlines.
"""

from dataclasses import dataclass
from datetime import date, timedelta, timezone

PRODID = "-//okraina//meetings with residents//RU"
MAX_OCTETS = 75


@dataclass(frozen=True)
class Event:
    """One all-day event."""

    uid: str
    day: date
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""


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
                  f"DTSTART;VALUE=DATE:{event.day.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(event.day + timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{escape_text(event.summary)}"]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
