import pytest

from geo.dataset import load_dataset
from geo.planner import TABLE_COLUMNS, planner_report
from geo.select import Selection

Y2023 = Selection((2023, 2023))


@pytest.fixture
def dataset(tiny_folder):
    return load_dataset(tiny_folder)


def test_report_table_adds_classes_and_clusters_to_the_ranked_table(dataset):
    report = planner_report(dataset, Y2023, scheme="fisher_jenks", k=3)
    table = report.table
    assert list(table.columns) == TABLE_COLUMNS
    assert list(table.index) == ["c", "a", "b"]  # the ranking of geo.stats, unchanged
    # Per resident: c 0, a 1.5 or 1.501, b 1.75 or 1.7505 -> three distinct values.
    assert list(table["funding_class"]) == [1, 2, 3]
    # a and b touch each other only, c touches nobody: two connected districts are
    # too few for a permutation test, and c is an island.
    assert list(table["cluster"]) == ["island", "ns", "ns"]
    assert table["moran_i"].isna().all() and table["p_value"].isna().all()


def test_report_totals_rule_and_balance(dataset):
    report = planner_report(dataset, Y2023)
    assert report.totals["funding_kzt"] == 5001
    assert report.rule == {
        "outskirt_kinds": ["microdistrict", "settlement"], "underserved_ratio": 0.5,
        "underserved_idle_years": 2,
        "median_funding_per_resident_kzt": pytest.approx(1.5, abs=0.001),
        "low_funding_threshold_kzt": pytest.approx(0.75, abs=0.001)}
    assert list(report.balance["year"]) == [2022, 2023]
    assert list(report.balance["in_period"]) == [False, True]
    assert report.period == (2023, 2023)
    assert planner_report(dataset).period == (2022, 2023)


def test_report_refuses_a_bad_scheme(dataset):
    with pytest.raises(ValueError, match="scheme"):
        planner_report(dataset, Y2023, scheme="equal")
