import pytest

from geo.dataset import load_dataset
from geo.select import Selection
from geo.stats import (balance_by_year, balance_index, city_totals, district_totals,
                       year_summary)
from tests.geo import tiny

Y2023 = Selection((2023, 2023))


@pytest.fixture
def dataset(tiny_folder):
    return load_dataset(tiny_folder)


def test_district_funding_and_per_resident(dataset):
    table = district_totals(dataset, Y2023)
    # a: p1 1000 + half the road (1001 -> 500 or 501) + edge 0; b: p2 3000 + the other half.
    assert table.loc["a", "funding_kzt"] + table.loc["b", "funding_kzt"] == 5001
    assert table.loc["a", "funding_kzt"] in (1500, 1501)
    assert table.loc["c", "funding_kzt"] == 0
    assert table.loc["b", "funding_per_resident_kzt"] == pytest.approx(table.loc["b", "funding_kzt"] / 2000)
    assert table.loc["a", "works"] == 3 and table.loc["b", "works"] == 2
    assert table.loc["a", "works_planned"] == 1 and table.loc["a", "works_done"] == 2
    assert table.loc["a", "category_roads"] == 3 and table.loc["b", "category_lighting"] == 1
    assert table.loc["a", "share_done"] == pytest.approx(2 / 3)


def test_distance_and_area_in_metres(dataset):
    table = district_totals(dataset, Y2023)
    # Each square is 0.01 x 0.01 degrees at 49.945 N: ~0.716 km x 1.112 km.
    assert table.loc["a", "area_km2"] == pytest.approx(0.716 * 1.112, rel=0.01)
    # The centre is on the a|b border: both centroids are ~358 m away.
    assert table.loc["a", "distance_km"] == pytest.approx(0.3588, abs=0.002)
    assert table.loc["c", "distance_km"] > 8


def test_underserved_flag_reasons_and_ranking(dataset):
    table = district_totals(dataset, Y2023)
    # Median per resident of (1.5, 1.75, 0) is 1.5: c (settlement, 0) is below half of it.
    assert table.loc["c", "underserved"]
    assert table.loc["c", "underserved_reasons"] == ("low_funding",)
    assert not table.loc["a", "underserved"]  # the centre is never flagged
    assert list(table.index) == ["c", "a", "b"]
    assert list(table["rank"]) == [1, 2, 3]
    assert table.attrs["median_funding_per_resident_kzt"] == pytest.approx(1.5, abs=0.001)


def test_years_without_work_counts_back_from_the_period_end(dataset):
    table = district_totals(dataset, Y2023)
    assert table.loc["c", "years_without_work"] == 1  # worked in 2022, not 2023
    assert table.loc["b", "years_without_work"] == 0
    whole = district_totals(dataset, Selection((2022, 2023)))
    assert whole.loc["c", "years_without_work"] == 1


def test_idle_rule_flags_an_outskirt_without_work(tmp_path):
    works = [w for w in tiny.WORKS if w["id"] != "p2" and w["id"] != "road"]
    funding = [f for f in tiny.FUNDING if f["work_id"] in {w["id"] for w in works}]
    dataset = load_dataset(tiny.write_city(tmp_path / "c", works=works, funding=funding))
    table = district_totals(dataset, Y2023)
    assert table.loc["b", "years_without_work"] == 2
    assert "no_works" in table.loc["b", "underserved_reasons"]


def test_ties_are_ordered_by_population_then_id(tmp_path):
    districts = [dict(d, kind="settlement", population=p)
                 for d, p in zip(tiny.DISTRICTS, (100, 300, 100))]
    dataset = load_dataset(tiny.write_city(tmp_path / "c", districts=districts, works=[
        tiny.work("x", tiny.Point(82.505, 49.905), year=2022)], funding=[
        dict(tiny.FUNDING[4], work_id="x")]))
    table = district_totals(dataset, Y2023)
    # Nobody is funded in 2023: equal per resident and idle years; larger population first.
    assert list(table.index) == ["b", "a", "c"]


def test_balance_index(dataset):
    # Outskirts (b, c) got 3500 or 3501 of 5001; they hold 2500 of 3500 residents.
    got = balance_index(dataset, Y2023)
    assert got == pytest.approx((3501 / 5001) / (2500 / 3500), abs=0.001)
    by_year = balance_by_year(dataset)
    assert list(by_year["year"]) == [2022, 2023]
    assert by_year.iloc[0]["balance_index"] == pytest.approx(1 / (2500 / 3500))


def test_city_totals_and_year_summary(dataset):
    totals = city_totals(dataset, Y2023)
    assert totals["works"] == 4 and totals["works_done"] == 3 and totals["works_planned"] == 1
    assert totals["funding_kzt"] == 5001 and totals["unassigned_kzt"] == 0
    assert totals["population"] == 3500
    assert year_summary(dataset) == {"2022": {"works": 1, "funding_kzt": 500},
                                     "2023": {"works": 4, "funding_kzt": 5001}}


def test_filters_narrow_the_figures(dataset):
    lighting = Selection((2023, 2023), categories=("lighting",))
    assert city_totals(dataset, lighting)["funding_kzt"] == 3000
    assert district_totals(dataset, lighting).loc["a", "funding_kzt"] == 0


def test_reversed_period_is_refused():
    with pytest.raises(ValueError, match="ends before it starts"):
        Selection((2024, 2022))


def test_positions_of_every_work_are_shared_and_read_only(dataset):
    """An unfiltered request reads one shared array of positions (no 2 MB of its own at
    250,000 works, four threads at once); a filter gives its own ascending copy."""
    from geo.select import work_positions

    every = work_positions(dataset)
    assert every is work_positions(dataset, Selection()) and not every.flags.writeable
    assert every.tolist() == list(range(len(dataset.works)))
    some = work_positions(dataset, Y2023)
    assert some.flags.writeable and some.tolist() == sorted(some.tolist())
    assert dataset.works.iloc[some]["year"].eq(2023).all()
    among = work_positions(dataset, Selection(), among=some)
    assert among.tolist() == some.tolist()
