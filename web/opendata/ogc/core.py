"""What OGC handlers take and return, without Flask (pygeoapi's shape, smaller).

A handler takes an :class:`APIRequest` and the Dataset and returns
``(headers, status, content)``: ``content`` is a string for JSON, or a
:class:`Page` (a template and its values) that the web adapter renders as HTML.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from geo.vocab import DEFAULT_LANGUAGE, LANGUAGES
from web.opendata.geojson import dumps
from web.opendata.ogc.params import parse_format

JSON = "application/json"
GEOJSON = "application/geo+json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"


class NotFound(LookupError):
    """An unknown collection or feature (becomes HTTP 404)."""


@dataclass(frozen=True)
class APIRequest:
    """The parts of an HTTP request a handler reads.

    ``args`` is a multi-dict (``get``, ``getlist``, ``items(multi=True)``);
    ``base_url`` is the absolute URL of the API root (``http://host/ogc``) and
    ``path`` the path below it (``/collections/works/items``); ``root`` is the
    absolute URL of the whole app (``http://host/``), where pages such as a need's are.
    """

    args: object
    headers: dict = field(default_factory=dict)
    base_url: str = ""
    path: str = "/"
    root: str = "/"
    language: str | None = None  # the adapter's choice (?lang=, else Accept-Language)

    def wants_html(self):
        """``f`` if given, else whether the Accept header prefers HTML over JSON."""
        chosen = parse_format(self.args.get("f"))
        if chosen is not None:
            return chosen == "html"
        accept = parse_accept_header(self.headers.get("Accept", ""), MIMEAccept)
        return accept.best_match((JSON, GEOJSON, HTML), default=JSON) == HTML

    @property
    def lang(self):
        """The language of titles: the adapter's, else ``?lang=``, else the default."""
        if self.language in LANGUAGES:
            return self.language
        lang = self.args.get("lang")
        return lang if lang in LANGUAGES else DEFAULT_LANGUAGE

    def url(self, path=None, f=None, **changes):
        """An absolute URL: this request's (or ``path``'s) with ``f`` and other args changed."""
        if path is None:
            pairs = [(k, v) for k, v in self.args.items(multi=True)
                     if k not in changes and k != "f"]
            path = self.path
        else:
            pairs = [("lang", self.args["lang"])] if "lang" in self.args else []
        pairs += [(k, str(v)) for k, v in changes.items() if v is not None]
        if f:
            pairs.append(("f", f))
        query = urlencode(pairs)
        return self.base_url + path + ("?" + query if query else "")


@dataclass(frozen=True)
class Page:
    """An HTML response to render: a template name and its values."""

    template: str
    values: dict


def json_response(payload, media_type=JSON, status=200):
    return {"Content-Type": media_type}, status, dumps(payload)


def html_response(template, status=200, **values):
    return {"Content-Type": "text/html; charset=utf-8"}, status, Page(template, values)


def exception_response(status, description, html=False):
    """The app's one error shape, ``{"code": status, "description": ...}``, or its page."""
    if html:
        return html_response("error.html", status, code=status, title=None,
                             description=description)
    return json_response({"code": status, "description": description}, JSON, status)


def link(href, rel, media_type, title=None):
    entry = {"href": href, "rel": rel, "type": media_type}
    if title:
        entry["title"] = title
    return entry


def self_links(request, json_type=JSON, path=None):
    """``self`` and ``alternate`` links for the JSON and HTML renderings of a resource."""
    html = request.wants_html()
    json_link = link(request.url(path, f="json"), "alternate" if html else "self", json_type,
                     "This document as JSON")
    html_link = link(request.url(path, f="html"), "self" if html else "alternate", HTML,
                     "This document as HTML")
    return [json_link, html_link] if not html else [html_link, json_link]
