"""Atom feeds (RFC 4287) built with ElementTree: every text from data is a text node."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: datetime
    link: str
    summary: str = ""
    categories: tuple = ()


def _tag(name):
    return f"{{{ATOM}}}{name}"


def _text(parent, name, text, **attrs):
    element = ET.SubElement(parent, _tag(name), attrs)
    element.text = text
    return element


def rfc3339(moment):
    """``2023-05-01T00:00:00Z`` (naive datetimes are taken as UTC)."""
    moment = moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def feed(*, id, title, self_url, alternate_url, entries, updated, lang, author):
    """The feed document as UTF-8 bytes; ``updated`` is used when there are no entries."""
    root = ET.Element(_tag("feed"), {XML_LANG: lang})
    _text(root, "id", id)
    _text(root, "title", title, type="text")
    newest = max((entry.updated for entry in entries), default=updated, key=rfc3339)
    _text(root, "updated", rfc3339(newest))
    ET.SubElement(root, _tag("link"), rel="self", type="application/atom+xml", href=self_url)
    ET.SubElement(root, _tag("link"), rel="alternate", type="text/html", href=alternate_url)
    _text(ET.SubElement(root, _tag("author")), "name", author)
    for entry in entries:
        item = ET.SubElement(root, _tag("entry"))
        _text(item, "id", entry.id)
        _text(item, "title", entry.title, type="text")
        _text(item, "updated", rfc3339(entry.updated))
        ET.SubElement(item, _tag("link"), rel="alternate", type="text/html", href=entry.link)
        for term, label in entry.categories:
            ET.SubElement(item, _tag("category"), term=term, label=label)
        if entry.summary:
            _text(item, "summary", entry.summary, type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
