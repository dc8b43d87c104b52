"""Checks on responses built from hostile data: markup stays text in every format.

Each ``*_problems`` function returns a list of strings (empty when all is well),
so that a test can gather the problems of every route and report them together.
"""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

from tests.hostile.payloads import PAYLOAD, RAW_FRAGMENTS

# The start of the payload: a string holding it must hold all of it, unchanged.
PAYLOAD_HEAD = PAYLOAD[:12]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def raw_markup_problems(text, where):
    """Payload fragments that reached ``text`` unescaped (as markup)."""
    problems = []
    for fragment in RAW_FRAGMENTS:
        at = text.find(fragment)
        if at >= 0:
            problems.append(f"{where}: raw {fragment!r} near {text[max(0, at - 80):at + 40]!r}")
    return problems


def mangled_problems(strings, where):
    """Strings that hold the start of the payload but not the whole payload."""
    return [f"{where}: payload changed: {s[:160]!r}" for s in strings
            if PAYLOAD_HEAD in s and PAYLOAD not in s]


def json_strings(value):
    """Every string in a parsed JSON document, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def json_problems(body, where):
    document = json.loads(body)
    strings = list(json_strings(document))
    problems = mangled_problems(strings, where)
    for s in strings:
        if s.lstrip().startswith("<"):  # an HTML snippet (oEmbed's html): markup must be escaped
            problems += raw_markup_problems(s, where + " (html)")
    return problems


def csv_rows(text):
    text = text.lstrip("\ufeff")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def csv_problems(text, where):
    """Formula-like cells (a spreadsheet would run them) and changed payloads."""
    rows = csv_rows(text)
    cells = [cell for row in rows for cell in row]
    problems = mangled_problems([c.lstrip("'") for c in cells], where)
    for cell in cells:
        if cell.startswith(FORMULA_STARTS) and not _is_number(cell):
            problems.append(f"{where}: formula-like cell {cell[:60]!r}")
    return problems


def _is_number(cell):
    try:
        float(cell.replace(",", "."))
    except ValueError:
        return False
    return True


def atom_problems(body, where):
    root = ET.fromstring(body)
    strings = [t for el in root.iter() for t in (el.text, *el.attrib.values()) if t]
    return mangled_problems(strings, where) or (
        [] if any(PAYLOAD in s for s in strings) else [f"{where}: no payload in the feed"])


def ics_values(body):
    """``[(name, value)]`` of an iCalendar text: lines unfolded, text values unescaped."""
    unfolded = re.sub(r"\r?\n[ \t]", "", body)
    values = []
    for line in unfolded.splitlines():
        if ":" not in line:
            continue
        head, value = line.split(":", 1)
        name = head.split(";", 1)[0]
        value = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)
        values.append((name, value))
    return values


def ics_problems(body, where):
    values = ics_values(body)
    strings = [v for _, v in values]
    problems = mangled_problems(strings, where)
    if not body.startswith("BEGIN:VCALENDAR"):
        problems.append(f"{where}: not an iCalendar file")
    if not any(PAYLOAD in s for s in strings):
        problems.append(f"{where}: no payload in the calendar")
    return problems
