"""The planner map builder, without a request: layers, colours, clusters, escaping."""

import dataclasses

import pandas as pd

from geo.planner import planner_report
from geo.select import Selection
from web.maps.base import render_map
from web.maps.choropleth import class_colours
from web.maps.planner import NO_CLASS, planner_map

LAYERS = {"funding": "Funding per resident", "clusters": "Clusters"}


def build(dataset, report, tooltips=None):
    m = planner_map(dataset.districts, report, tooltips=tooltips or {}, layer_names=LAYERS)
    return render_map(m)


def test_map_has_both_layers_and_only_app_assets(tiny_dataset):
    report = planner_report(tiny_dataset, Selection((2023, 2023)))
    parts = build(tiny_dataset, report)
    html = parts.head + parts.html + parts.script
    assert "Funding per resident" in html and "Clusters" in html
    assert "cdn" not in html.lower() and "jquery" not in html.lower()
    for colour in class_colours(report.classes.k):
        assert colour in html
    assert '"dashArray": "4 4"' in html  # c is an island: dashed outline


def test_tooltips_are_escaped(tiny_dataset):
    report = planner_report(tiny_dataset, Selection((2023, 2023)))
    parts = build(tiny_dataset, report, {"a": ["<img src=x onerror=alert(1)>", "line 2"]})
    script = str(parts.script)
    assert "<img src=x" not in script
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in script or "&lt;img" in script


def test_districts_without_residents_are_grey_and_significant_clusters_labelled(tiny_dataset):
    report = planner_report(tiny_dataset, Selection((2023, 2023)))
    table = report.table.copy()
    table["funding_class"] = pd.array([pd.NA, 1, 2], dtype="Int64")
    table["cluster"] = ["no_data", "LL", "HH"]
    parts = build(tiny_dataset, dataclasses.replace(report, table=table))
    script = str(parts.script)
    assert NO_CLASS in script
    assert "cluster-LL" in script and "cluster-HH" in script


def test_class_colours_are_distinct_and_light_first():
    colours = class_colours(7)
    assert len(set(colours)) == 7
    assert class_colours(0) == [] and len(class_colours(1)) == 1
