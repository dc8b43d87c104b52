"""The planner's charts, drawn by the server with Matplotlib as inline SVG.

No chart library reaches the browser. Text stays text in the SVG (screen
readers and search can read it); Matplotlib escapes it, and mathtext is off so
that a ``$`` in a district's name is only a dollar sign.
"""

import io
import re
import textwrap

import matplotlib
import numpy as np
from markupsafe import Markup, escape
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

_RC = {"svg.fonttype": "none", "text.parse_math": False, "font.size": 10,
       "font.family": ["DejaVu Sans", "sans-serif"], "axes.spines.top": False,
       "axes.spines.right": False}
BALANCED = "#555555"
IN_PERIOD, OUT_OF_PERIOD = "#0b5c8a", "#a6bddb"
# district kind -> (marker, colour): shapes differ, not only colours
KIND_MARKERS = {"center": ("s", "#1b9e77"), "microdistrict": ("o", "#7570b3"),
                "settlement": ("^", "#d95f02")}
_SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
# Matplotlib writes a "*{...}" stylesheet that, inline, would restyle the whole page
# (and an inline <style> needs the CSP nonce): the drawing does not need it.
_SVG_STYLE = re.compile(r"<style\b.*?</style>", re.S)


# (width, height) in inches: the wide drawing for a laptop, the narrow one for a phone,
# where a scaled-down wide one would print its text at about 5 px.
SIZES = {"balance": ((5.2, 2.9), (3.3, 2.7)), "scatter": ((5.2, 3.6), (3.3, 4.6))}


def _two_decimals(value):
    return f"{value:.2f}"


def _whole(value):
    return f"{value:,.0f}".replace(",", "\u202f")


def balance_chart(balance, *, title, labels, number=_two_decimals, narrow=False):
    """Bars of the balance index per programme year, the period's years darker.

    ``labels``: ``balanced`` (the 1.0 line), ``axis`` (the y axis), ``none``
    (shown for a year with no funding); ``number`` writes an index (the page's
    locale); ``narrow`` draws for a phone.
    """
    with matplotlib.rc_context({**_RC, "svg.hashsalt": "balance"}):
        fig = Figure(figsize=SIZES["balance"][narrow])
        ax = fig.add_subplot()
        years = [str(y) for y in balance["year"]]
        values = [np.nan if v is None else float(v) for v in balance["balance_index"]]
        colours = [IN_PERIOD if p else OUT_OF_PERIOD for p in balance["in_period"]]
        bars = ax.bar(years, np.nan_to_num(values), color=colours, width=0.6)
        for bar, value in zip(bars, values):
            text = labels["none"] if np.isnan(value) else number(value)
            ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        xytext=(0, 3), textcoords="offset points", ha="center", va="bottom")
        ax.axhline(1.0, color=BALANCED, linestyle="--", linewidth=1)
        ax.annotate(labels["balanced"], (1.0, 1.0), xycoords=("axes fraction", "data"),
                    xytext=(0, 3), textcoords="offset points", ha="right", va="bottom",
                    color=BALANCED, fontsize=9)
        top = max([1.2] + [v * 1.2 for v in values if not np.isnan(v)])
        ax.set_ylim(0, top)
        ax.yaxis.set_major_formatter(lambda v, _: number(v))
        ax.set_ylabel(labels["axis"])
        fig.tight_layout()
        return _inline_svg(fig, title, narrow)


def scatter_chart(table, *, title, labels, kind_names, number=_whole, decimal=str, narrow=False):
    """Funding per resident against distance from the centre, one marker shape per kind.

    Underserved districts are drawn filled and named (names placed so that they do
    not overlap); the others hollow. ``labels``: ``x``, ``y``, ``underserved``;
    ``kind_names``: kind code -> name; ``number`` writes tenge and ``decimal`` a
    distance in the page's locale; ``narrow`` draws for a phone.
    """
    with matplotlib.rc_context({**_RC, "svg.hashsalt": "scatter"}):
        fig = Figure(figsize=SIZES["scatter"][narrow])
        ax = fig.add_subplot()
        data = table[table["funding_per_resident_kzt"].notna()]
        legend = []
        for kind, (marker, colour) in KIND_MARKERS.items():
            rows = data[data["kind"] == kind]
            if rows.empty:
                continue
            flagged = rows["underserved"].astype(bool)
            ax.scatter(rows["distance_km"], rows["funding_per_resident_kzt"], marker=marker,
                       s=48, facecolors=[colour if f else "white" for f in flagged],
                       edgecolors=colour, linewidths=1.5, clip_on=False, zorder=3)  # whole on the axis
            legend.append(Line2D([], [], linestyle="none", marker=marker, markersize=7,
                                 markerfacecolor="white", markeredgecolor=colour,
                                 markeredgewidth=1.5, label=kind_names.get(kind, kind)))
        ax.set_xlabel(labels["x"])
        # Above the axis, not rotated along it: the label is long in Kazakh and Russian.
        ax.set_title(textwrap.fill(labels["y"], 28 if narrow else 80), loc="left", fontsize=9)
        ax.set_xlim(left=0)
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(lambda v, _: number(v))
        ax.xaxis.set_major_formatter(lambda v, _: decimal(v))
        legend.append(Line2D([], [], linestyle="none", marker="o", markersize=7,
                             color="#888888", label=labels["underserved"]))
        if narrow:  # under the plot: in the corner it would hide the marks of a narrow chart
            ax.legend(handles=legend, loc="upper left", bbox_to_anchor=(-0.2, -0.3), fontsize=8,
                      frameon=False)
        else:
            ax.legend(handles=legend, loc="upper right", fontsize=8, frameon=False)
        fig.tight_layout()
        flagged = data[data["underserved"].astype(bool)]
        _place_labels(fig, ax, [(str(row["name"]), row["distance_km"], row["funding_per_resident_kzt"])
                                for _, row in flagged.iterrows()],
                      zip(data["distance_km"], data["funding_per_resident_kzt"]))
        return _inline_svg(fig, title, narrow)


# Where a district's name may go around its mark, in points: beside, above, below, farther.
_LABEL_SPOTS = [((6, 3), "left", "bottom"), ((-6, 3), "right", "bottom"), ((6, -3), "left", "top"),
                ((-6, -3), "right", "top"), ((0, 8), "center", "bottom"), ((0, -9), "center", "top"),
                ((8, 14), "left", "bottom"), ((-8, 14), "right", "bottom"), ((0, 20), "center", "bottom"),
                ((14, 26), "left", "bottom"), ((-14, 26), "right", "bottom"), ((0, 32), "center", "bottom")]


def _place_labels(fig, ax, points, marks):
    """Name each ``(name, x, y)`` in the first spot inside the figure that overlaps no name, no
    mark (``(x, y)`` pairs), no axis text and no legend; when none is free, in the one that
    overlaps least."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    half = 5 * fig.dpi / 72  # a mark's half size, in pixels
    marks = [Bbox.from_extents(px - half, py - half, px + half, py + half)
             for px, py in ax.transData.transform(list(marks))]
    texts = ax.get_xticklabels() + ax.get_yticklabels() + [ax.xaxis.label, ax.title]
    texts += [ax.get_legend()] if ax.get_legend() else []
    taken = [text.get_window_extent(renderer) for text in texts if text.get_visible()]
    for name, x, y in sorted(points, key=lambda p: (-p[2], p[1])):
        best = None
        for offset, ha, va in _LABEL_SPOTS:
            far = max(abs(offset[0]), abs(offset[1])) > 10  # a thin line leads to its mark
            label = ax.annotate(name, (x, y), xytext=offset, textcoords="offset points", fontsize=8,
                                ha=ha, va=va, annotation_clip=False,
                                arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.6} if far else None)
            box = label.get_window_extent(renderer).expanded(1.1, 1.2)  # browsers' fonts differ a little
            # Covering a name is worse than touching a mark; leaving the plot, worst.
            cost = 100 * _overlap(box, taken) + _overlap(box, marks) + (0 if _inside(box, fig.bbox) else 10 ** 9)
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, label, box)
            else:
                label.remove()
            if cost == 0:
                break
        taken.append(best[2])


def _inside(box, frame):
    return frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1


def _overlap(box, others):
    """The area ``box`` shares with ``others``, in square pixels."""
    total = 0.0
    for other in others:
        width = min(box.x1, other.x1) - max(box.x0, other.x0)
        height = min(box.y1, other.y1) - max(box.y0, other.y0)
        if width > 0 and height > 0:
            total += width * height
    return total


def _inline_svg(fig, title, narrow=False):
    """The figure as an ``<svg>`` element to put in HTML: scalable, with a title."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = _SVG_STYLE.sub("", svg[svg.index("<svg"):])  # no XML declaration, no DOCTYPE
    root = _SVG_ROOT.search(svg).group(0)
    view_box = re.search(r'viewBox="([^"]+)"', root).group(1)
    fit = "narrow" if narrow else "wide"  # CSS shows the drawing made for the screen
    new_root = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-fit="{fit}" role="img" '
                f'viewBox="{view_box}"><title>{escape(title)}</title>')
    return Markup(svg.replace(root, new_root, 1))
