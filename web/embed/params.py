"""The parameters of an embedded map: the shared filters plus ``metric``, ``title`` and size.

Parsing raises ``QueryError`` like ``web.params``; ``embed_query`` writes the
parameters back in one canonical order, so that the embed, its PNG, the full map
link and the oEmbed answer all name the same map with the same query.
"""

from dataclasses import dataclass, replace

from web.metrics import EMBED_DEFAULT, METRICS
from web.params import (N_, Filters, NeedsView, QueryError, parse_bounded_int, parse_choice, parse_filters,
                        parse_needs_view)

MIN_PX, MAX_PX = 200, 2000  # the PNG's bounds
DEFAULT_SIZE = (640, 480)  # the iframe a builder and oEmbed start from
MAX_TITLE = 200


@dataclass(frozen=True)
class EmbedParams:
    """What an embed shows: the filters, the district metric, an optional title and
    whether residents' needs are drawn (``needs=1``, ``need_status``)."""

    filters: Filters
    metric: str = EMBED_DEFAULT
    title: str | None = None
    needs: NeedsView = NeedsView()

    @property
    def selection(self):
        return self.filters.selection


def parse_embed(args):
    """``year``, ``district``, ``category``, ``status``, ``lang``, ``metric``, ``title``,
    ``needs``, ``need_status``."""
    return EmbedParams(parse_filters(args), parse_metric(args.get("metric")),
                       parse_title(args.get("title")), parse_needs_view(args))


def parse_metric(value):
    return parse_choice("metric", value, tuple(METRICS), EMBED_DEFAULT)


def parse_title(value):
    """A caption as plain text (escaped where shown); control characters dropped."""
    if value is None:
        return None
    text = " ".join("".join(ch for ch in value if ch.isprintable() or ch.isspace()).split())
    if len(text) > MAX_TITLE:
        raise QueryError("title", N_("must be at most %(max)s characters"), max=MAX_TITLE)
    return text or None


def parse_size(args, default=DEFAULT_SIZE, *, names=("width", "height")):
    """``width`` and ``height`` in pixels between ``MIN_PX`` and ``MAX_PX``."""
    return tuple(parse_pixels(name, args.get(name), MIN_PX, MAX_PX, fallback)
                 for name, fallback in zip(names, default))


def parse_pixels(name, value, minimum, maximum, default=None):
    """A width or height in pixels from ``minimum`` to ``maximum``; empty -> ``default``."""
    return parse_bounded_int(name, value, minimum=minimum, maximum=maximum, default=default,
                             message=N_("must be between %(min)s and %(max)s pixels"))


def embed_query(params, *, title=True):
    """The canonical query of ``params`` as a list of ``(name, value)`` pairs."""
    f = params.filters
    pairs = []
    if f.years:
        first, last = f.years
        pairs.append(("year", str(first) if first == last else f"{first}-{last}"))
    if f.district:
        pairs.append(("district", f.district))
    if f.categories:
        pairs.append(("category", ",".join(f.categories)))
    if f.statuses:
        pairs.append(("status", ",".join(f.statuses)))
    if params.needs.shown:
        pairs.append(("needs", "1"))
        if params.needs.status_types:
            pairs.append(("need_status", ",".join(params.needs.status_types)))
    pairs += [("metric", params.metric), ("lang", f.lang)]
    if title and params.title:
        pairs.append(("title", params.title))
    return pairs


def with_lang(params, lang):
    """``params`` in the language the response is actually written in."""
    return replace(params, filters=replace(params.filters, lang=lang))
