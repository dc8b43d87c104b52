"""The PNG of an embed's map, rendered once per (snapshot, parameters, size)."""

import hashlib

from flask_babel import gettext

from web.embed.params import embed_query
from web.embed.text import attribution_text, metric_label_text, metric_value_text, title_of
from web.maps.choropleth import shade_districts

def png_key(dataset, params, width, height):
    return (dataset.version, tuple(embed_query(params)), width, height)


def png_etag(key):
    return hashlib.sha256(repr(key).encode()).hexdigest()[:20]


def map_png(dataset, params, width, height):
    """``(png_bytes, etag)`` of the map, from the cache when it was drawn before."""
    # Imported here, not with the blueprint: Matplotlib is ~30 MiB that a worker which
    # never draws a PNG should not hold.
    from web.maps.static_png import render_png

    key = png_key(dataset, params, width, height)
    png = dataset.memo(("png",) + key, lambda: render_png(
        dataset, shade_districts(dataset, params.selection, params.metric),
        png_text(dataset, params), width=width, height=height, selection=params.selection,
        need_types=(params.needs.status_types or ()) if params.needs.shown else None))
    return png, png_etag(key)


def png_text(dataset, params):
    from web.maps.static_png import PngText

    lang = params.filters.lang
    return PngText(
        title=title_of(dataset, params, lang),
        metric_label=metric_label_text(params.metric),
        works_label=gettext("Works"),
        needs_label=gettext("Residents' needs"),
        no_data_label=gettext("No data"),
        attribution=attribution_text(dataset),
        lang=lang, format_value=metric_value_text(params.metric))
