"""What makes a map page shareable: oEmbed discovery and the social-card image.

Every map page includes one line in ``base.html`` (set ``map_page`` in its
template, ``True`` or a dict of embed parameters that its path implies, e.g.
``{"district": district.id}``): ``share_links(map_page)`` writes the oEmbed
``<link>`` and the ``og:image`` / ``twitter:image`` tags pointing at the PNG.
"""

from flask import request, url_for
from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict

from web.embed.params import EmbedParams, embed_query, parse_embed
from web.params import QueryError, parse_filters

CARD_SIZE = (1200, 630)  # the size social networks show large


def page_params(extra=None):
    """The embed parameters of this request, with ``extra`` (from the path) on top."""
    args = MultiDict(request.args)
    for key, value in (extra if isinstance(extra, dict) else {}).items():
        args.setlist(key, [value])
    try:
        return parse_embed(args)
    except QueryError:  # the page itself reports bad input; the card shows the whole city
        return EmbedParams(parse_filters({}))


def card_image_url(params):
    width, height = CARD_SIZE
    return url_for("embed.map_png", **dict(embed_query(params)), width=width, height=height,
                   _external=True)


def oembed_url(page_url):
    return url_for("oembed.oembed", url=page_url, format="json", _external=True)


def share_links(extra=None):
    """The ``<head>`` tags of a map page (oEmbed discovery, Open Graph and Twitter image)."""
    image = escape(card_image_url(page_params(extra)))
    width, height = CARD_SIZE
    return Markup("\n  ".join([
        f'<link rel="alternate" type="application/json+oembed" href="{escape(oembed_url(request.url))}">',
        f'<meta property="og:image" content="{image}">',
        f'<meta property="og:image:width" content="{width}">',
        f'<meta property="og:image:height" content="{height}">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:image" content="{image}">',
    ]))


def init_app(app):
    app.jinja_env.globals["share_links"] = share_links
