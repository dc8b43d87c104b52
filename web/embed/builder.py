"""The snippet builder's form: read it, and work out the preview, the snippets and the links."""

from flask import url_for
from werkzeug.datastructures import MultiDict

from geo import vocab
from web.snapshot import require_district
from web.embed.params import embed_query, parse_embed, parse_size
from web.embed.text import localized, title_of
from web.i18n import current_lang
from web.metrics import METRICS
from web.embed.share import oembed_url
from web.embed.snippets import iframe_html, resizable_html

# preset -> (width, height); "responsive" fills the article's column.
SIZES = {"300x250": (300, 250), "640x480": (640, 480), "800x600": (800, 600),
         "responsive": ("100%", 480)}
DEFAULT_PRESET = "640x480"


def embed_args(args):
    """The form's fields as embed parameters (``map_lang`` is the map's ``lang``)."""
    embed = MultiDict((k, v) for k, v in args.items(multi=True)
                      if k in ("year", "district", "category", "status", "metric", "title", "needs",
                               "need_status"))
    embed["lang"] = args.get("map_lang") or current_lang()
    return embed


def chosen_size(args):
    preset = args.get("size") or DEFAULT_PRESET
    if preset == "custom":
        return preset, parse_size(args, SIZES[DEFAULT_PRESET])
    return (preset, SIZES[preset]) if preset in SIZES else (DEFAULT_PRESET, SIZES[DEFAULT_PRESET])


def builder_context(dataset, args):
    """Everything ``embed/builder.html`` shows for the form values in ``args``."""
    params = parse_embed(embed_args(args))
    require_district(dataset, params.filters.district)
    preset, (width, height) = chosen_size(args)
    query = dict(embed_query(params))
    src = url_for("embed.map_page", **query, _external=True)
    title = title_of(dataset, params, params.filters.lang)
    names = localized(dataset.districts, "name", current_lang())
    return {
        "params": params, "preset": preset, "width": width, "height": height, "src": src,
        "iframe": iframe_html(src, width, height, title),
        "resizable": resizable_html(src, width, height, title,
                                    url_for("embed.resize_js", _external=True)),
        "png_url": url_for("embed.map_png", **query, width=1200, height=630, _external=True),
        "oembed_url": oembed_url(src), "years": dataset.years,
        "districts": sorted(names.items(), key=lambda item: item[1]),
        "categories": list(vocab.CATEGORIES), "statuses": list(vocab.STATUSES),
        "need_types": list(vocab.NEED_STATUS_TYPES),
        "metrics": {code: metric.label for code, metric in METRICS.items()},
        "sizes": list(SIZES) + ["custom"], "languages": vocab.LANGUAGES,
        "year_value": query.get("year", ""),
    }
