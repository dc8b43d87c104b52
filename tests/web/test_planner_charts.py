"""The planner's Matplotlib SVG charts: inline-safe, titled, text escaped, no mathtext."""

import pandas as pd

from web.planner.charts import balance_chart, scatter_chart

LABELS = {"balanced": "1 = balanced", "axis": "Balance index", "none": "—"}


def test_balance_chart_is_an_inline_svg_without_stylesheet():
    balance = pd.DataFrame({"year": [2022, 2023, 2024], "balance_index": [0.91, None, 0.8],
                            "in_period": [True, True, False]})
    svg = str(balance_chart(balance, title="Balance <by> year", labels=LABELS))
    assert svg.startswith("<svg") and 'role="img"' in svg and 'class="chart"' in svg
    assert "<title>Balance &lt;by&gt; year</title>" in svg
    assert "<style" not in svg and "<?xml" not in svg and "width=" not in svg.split(">")[0]
    assert "0.91" in svg and "—" in svg and "1 = balanced" in svg


def test_scatter_escapes_names_and_keeps_dollars():
    table = pd.DataFrame({
        "name": ["<b>x</b>", "$a$ & b", "Centre"], "kind": ["settlement", "settlement", "center"],
        "distance_km": [10.0, 12.0, 1.0], "funding_per_resident_kzt": [0.0, 100.0, 500.0],
        "underserved": [True, True, False]})
    svg = str(scatter_chart(table, title="t", labels={"x": "km", "y": "₸", "underserved": "u"},
                            kind_names={"settlement": "Settlement", "center": "Centre"}))
    assert "<b>x</b>" not in svg and "&lt;b&gt;x&lt;/b&gt;" in svg
    assert "$a$ &amp; b" in svg
    assert "Settlement" in svg and "Centre" in svg
