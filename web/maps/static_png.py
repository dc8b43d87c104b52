"""The static map: districts shaded by a metric and works by status, as a PNG.

Drawn with GeoPandas on a Matplotlib ``Figure`` (Agg, no pyplot, no tiles), at
exactly the requested pixel size, for social cards, print and the embed's
``<noscript>``. Needs no request: the caller passes the texts already translated.
"""

import io
import threading
from dataclasses import dataclass
from typing import Callable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from geo import vocab
from geo.needs import select_needs
from geo.select import Selection, select_works

DPI = 100
INK, MUTED, EDGE = "#1d2428", "#55606a", "#ffffff"
_LOCK = threading.Lock()  # Matplotlib's font cache and text layout are not thread-safe


@dataclass(frozen=True)
class PngText:
    """The words on the image, in the reader's language."""

    title: str
    metric_label: str
    works_label: str
    no_data_label: str
    attribution: str
    lang: str = vocab.DEFAULT_LANGUAGE
    format_value: Callable = lambda value: f"{value:,.0f}"
    needs_label: str = "Residents' needs"


def render_png(dataset, shading, text, *, width, height, selection=Selection(), need_types=None):
    """Render the map of ``selection`` as PNG bytes of exactly ``width`` x ``height`` pixels.

    ``shading`` is a ``web.maps.choropleth.Shading`` of the districts; a selected
    district is framed and the others are drawn faded around it. With ``need_types``
    (a tuple of need status types, empty for all) the needs of ``selection`` with a
    point are drawn too, as squares with a dark edge (works have a white one).
    """
    with _LOCK:
        figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
        FigureCanvasAgg(figure)
        scale = max(0.75, min(width / 640, height / 480, 2.5))
        wide = width >= 480
        top = 1 - (30 * scale) / height
        bottom = (16 * scale) / height
        axes = figure.add_axes((0.01, bottom, (0.70 if wide else 0.98), top - bottom))
        axes.set_axis_off()
        _draw_districts(axes, dataset, shading, selection.district)
        works = select_works(dataset, selection)
        _draw_works(axes, works, 5 * scale)
        needs = None
        if need_types is not None:
            needs = select_needs(dataset, selection, status_types=tuple(need_types))
            needs = needs[needs.geometry.notna() & ~needs.geometry.is_empty]
            _draw_needs(axes, needs, 5 * scale)
        _frame(axes, dataset, selection.district)
        figure.text(0.01, 1 - 6 * scale / height, _literal(text.title), fontsize=13 * scale,
                    weight="bold", color=INK, va="top", wrap=True)
        figure.text(0.01, 3 * scale / height, _literal(text.attribution), fontsize=6.5 * scale,
                    color=MUTED, va="bottom")
        _legend(figure, axes, shading, works, text, scale, wide, needs)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def _literal(text):
    """``text`` that Matplotlib draws as written: a ``$`` from data or the query is not TeX.

    (``parse_math=False`` is not enough: wrapped text still measures itself as TeX.)
    """
    return text.replace("$", r"\$")


def _draw_districts(axes, dataset, shading, district):
    districts = dataset.districts
    colours = [shading.colours.get(d, "#e0e0e0") for d in districts.index]
    alpha = [1.0 if district in (None, d) else 0.35 for d in districts.index]
    districts.plot(ax=axes, color=colours, edgecolor=EDGE, linewidth=0.8, alpha=alpha)
    if district is not None:
        districts.loc[[district]].boundary.plot(ax=axes, color=INK, linewidth=1.6)


def _draw_works(axes, works, size):
    if works.empty:
        return
    kinds = works.geometry.geom_type
    lines = works[kinds.isin(["LineString", "MultiLineString"])]
    if not lines.empty:
        lines.plot(ax=axes, color=[vocab.status_colour(s) for s in lines["status"]],
                   linewidth=size / 2)
    others = works[~kinds.isin(["LineString", "MultiLineString"])]
    points = others.geometry.representative_point()
    for category, group in points.groupby(others["category"]):
        statuses = others.loc[group.index, "status"]
        axes.scatter(group.x, group.y, s=(size * 2.2) ** 2, marker=vocab.category_marker(category),
                     c=[vocab.status_colour(s) for s in statuses], edgecolors="white",
                     linewidths=0.6, zorder=3)


def _draw_needs(axes, needs, size):
    if needs.empty:
        return
    # Under the works (zorder 3), a little smaller: the works stay the map's subject.
    axes.scatter(needs.geometry.x, needs.geometry.y, s=(size * 1.5) ** 2, marker="s",
                 c=[vocab.need_type_colour(t) for t in needs["status_type"]], edgecolors=INK,
                 linewidths=0.9, zorder=2.8)


def _need_handles(needs, text, scale):
    if needs is None or needs.empty:
        return []
    shown = set(needs["status_type"])
    return [Line2D([], [], marker="s", linestyle="", markersize=6 * scale,
                   markerfacecolor=vocab.need_type_colour(t), markeredgecolor=INK,
                   label=vocab.label(vocab.NEED_STATUS_TYPES, t, text.lang))
            for t in vocab.NEED_STATUS_TYPES if t in shown]


def _frame(axes, dataset, district):
    shapes = dataset.districts if district is None else dataset.districts.loc[[district]]
    if shapes.empty:
        return
    minx, miny, maxx, maxy = shapes.total_bounds
    pad_x, pad_y = (maxx - minx) * 0.05 or 0.01, (maxy - miny) * 0.05 or 0.01
    axes.set_xlim(minx - pad_x, maxx + pad_x)
    axes.set_ylim(miny - pad_y, maxy + pad_y)


def _legend(figure, axes, shading, works, text, scale, wide, needs=None):
    classes = [Patch(facecolor=c, edgecolor="#999999", label=f"{text.format_value(lo)} – "
                     f"{text.format_value(hi)}" if lo != hi else text.format_value(lo))
               for (lo, hi), c in zip(shading.bounds, shading.class_colours)]
    if any(v is None for v in shading.values.values()):
        classes.append(Patch(facecolor="#e0e0e0", edgecolor="#999999", label=text.no_data_label))
    shown = [s for s in vocab.STATUSES if s in set(works["status"])]
    statuses = [Line2D([], [], marker="o", linestyle="", markersize=6 * scale,
                       markerfacecolor=vocab.status_colour(s), markeredgecolor="white",
                       label=vocab.label(vocab.STATUSES, s, text.lang)) for s in shown]
    font = 7 * scale
    if wide:
        categories = [Line2D([], [], marker=vocab.category_marker(c), linestyle="", color=MUTED,
                             markersize=6 * scale, label=vocab.label(vocab.CATEGORIES, c, text.lang))
                      for c in vocab.CATEGORIES if c in set(works["category"])]
        box = axes.get_position()
        anchor = (box.x1 + 0.01, box.y1)
        first = figure.legend(handles=classes, title=text.metric_label, loc="upper left",
                              bbox_to_anchor=anchor, fontsize=font, title_fontsize=font,
                              frameon=False, alignment="left")
        height = first.get_window_extent(figure.canvas.get_renderer()).height / figure.bbox.height
        figure.legend(handles=statuses + categories, title=text.works_label, loc="upper left",
                      bbox_to_anchor=(anchor[0], anchor[1] - height - 0.02), fontsize=font,
                      title_fontsize=font, frameon=False, alignment="left")
        need_handles = _need_handles(needs, text, scale)
        if need_handles:  # the column beside the map is full: the needs' key goes on the map
            axes.legend(handles=need_handles, title=text.needs_label, loc="lower left", fontsize=font,
                        title_fontsize=font, framealpha=0.85, alignment="left")
    elif statuses or needs is not None:
        axes.legend(handles=statuses + _need_handles(needs, text, scale), loc="lower left", fontsize=font * 0.9, framealpha=0.85,
                    borderpad=0.3, handletextpad=0.2, labelspacing=0.2)
