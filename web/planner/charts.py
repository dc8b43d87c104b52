"""The planner's charts, drawn by the server with Matplotlib as inline SVG.

No chart library reaches the browser. Text stays text in the SVG (screen
readers and search can read it); Matplotlib escapes it, and mathtext is off so
that a ``$`` in a district's name is only a dollar sign.
"""

import io
import re

import matplotlib
import numpy as np
from markupsafe import Markup, escape
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

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


def balance_chart(balance, *, title, labels):
    """Bars of the balance index per programme year, the period's years darker.

    ``labels``: ``balanced`` (the 1.0 line), ``axis`` (the y axis), ``none``
    (shown for a year with no funding).
    """
    with matplotlib.rc_context({**_RC, "svg.hashsalt": "balance"}):
        fig = Figure(figsize=(5.2, 2.9))
        ax = fig.add_subplot()
        years = [str(y) for y in balance["year"]]
        values = [np.nan if v is None else float(v) for v in balance["balance_index"]]
        colours = [IN_PERIOD if p else OUT_OF_PERIOD for p in balance["in_period"]]
        bars = ax.bar(years, np.nan_to_num(values), color=colours, width=0.6)
        for bar, value in zip(bars, values):
            text = labels["none"] if np.isnan(value) else f"{value:.2f}"
            ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        xytext=(0, 3), textcoords="offset points", ha="center", va="bottom")
        ax.axhline(1.0, color=BALANCED, linestyle="--", linewidth=1)
        ax.annotate(labels["balanced"], (1.0, 1.0), xycoords=("axes fraction", "data"),
                    xytext=(0, 3), textcoords="offset points", ha="right", va="bottom",
                    color=BALANCED, fontsize=9)
        top = max([1.2] + [v * 1.2 for v in values if not np.isnan(v)])
        ax.set_ylim(0, top)
        ax.set_ylabel(labels["axis"])
        fig.tight_layout()
        return _inline_svg(fig, title)


def scatter_chart(table, *, title, labels, kind_names):
    """Funding per resident against distance from the centre, one marker shape per kind.

    Underserved districts are drawn filled and named; the others hollow.
    ``labels``: ``x``, ``y``, ``underserved``; ``kind_names``: kind code -> name.
    """
    with matplotlib.rc_context({**_RC, "svg.hashsalt": "scatter"}):
        fig = Figure(figsize=(5.2, 3.6))
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
                       edgecolors=colour, linewidths=1.5)
            legend.append(Line2D([], [], linestyle="none", marker=marker, markersize=7,
                                 markerfacecolor="white", markeredgecolor=colour,
                                 markeredgewidth=1.5, label=kind_names.get(kind, kind)))
        for _, row in data[data["underserved"].astype(bool)].iterrows():
            ax.annotate(str(row["name"]), (row["distance_km"], row["funding_per_resident_kzt"]),
                        xytext=(5, 4), textcoords="offset points", fontsize=8)
        ax.set_xlabel(labels["x"])
        # Above the axis, not rotated along it: the label is long in Kazakh and Russian.
        ax.set_title(labels["y"], loc="left", fontsize=9)
        ax.set_xlim(left=0)
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}".replace(",", "\u202f"))
        legend.append(Line2D([], [], linestyle="none", marker="o", markersize=7,
                             color="#888888", label=labels["underserved"]))
        ax.legend(handles=legend, loc="upper right", fontsize=8, frameon=False)
        fig.tight_layout()
        return _inline_svg(fig, title)


def _inline_svg(fig, title):
    """The figure as an ``<svg>`` element to put in HTML: scalable, with a title."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = _SVG_STYLE.sub("", svg[svg.index("<svg"):])  # no XML declaration, no DOCTYPE
    root = _SVG_ROOT.search(svg).group(0)
    view_box = re.search(r'viewBox="([^"]+)"', root).group(1)
    new_root = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
                f'viewBox="{view_box}"><title>{escape(title)}</title>')
    return Markup(svg.replace(root, new_root, 1))
