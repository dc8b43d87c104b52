"""The needs figures on the tiny city, where every answer is checked by hand."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import needs as N
from geo import vocab
from geo.dataset import load_dataset
from geo.select import Selection
from tests.geo import tiny


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    return load_dataset(tiny.write_city(tmp_path_factory.mktemp("needs") / "city"))


Y2023 = Selection((2023, 2023))


def test_the_data_date_is_the_latest_date_written_in_the_needs(city):
    assert N.data_date(city) == pd.Timestamp("2024-03-15")


def test_share_met_counts_needs_met_by_the_end_of_the_period(city):
    # 11 raised in 2023, less a duplicate and a not_responsible; n11 was met in 2024.
    assert N.share_met(city, Y2023) == N.MetShare(met=4, counted=9, raised=11)
    assert N.share_met(city, Y2023).share == pytest.approx(4 / 9)
    assert N.share_met(city, Selection((2023, 2024))).met == 5
    assert N.share_met(city).met == 6  # all years: met as it stands


def test_below_five_the_share_is_too_few_to_judge(city):
    a = N.share_met(city, Selection((2023, 2023), district="a"))
    assert (a.met, a.counted, a.share, a.too_few) == (2, 4, None, True)
    b = N.share_met(city, Selection((2023, 2023), district="b"))
    assert (b.met, b.counted, b.share, b.too_few) == (2, 5, 0.4, False)
    assert b.as_dict() == {"met": 2, "counted": 5, "raised": 5, "share": 0.4, "too_few": False}


def test_outskirts_and_centre_and_their_balance(city):
    balance = N.needs_balance(city, Y2023)
    assert balance["centre"] == N.MetShare(2, 4, 6)
    assert balance["outskirts"] == N.MetShare(2, 5, 5)
    assert balance["ratio"] is None  # the centre has too few to judge
    assert N.share_met(city, Y2023, kinds={"center"}) == balance["centre"]


def test_time_to_meet_in_the_akims_classes(city):
    times = N.time_to_meet(city, Y2023)
    assert times.count == 4
    assert times.median_days == 105.0  # 5, 26, 184, 200 days
    assert times.classes == {"under_1_month": 2, "1_to_6_months": 0, "6_to_12_months": 2,
                             "over_1_year": 0}
    assert list(times.classes) == list(vocab.MEET_TIME_CLASSES)
    every = N.time_to_meet(city)
    assert every.classes["over_1_year"] == 1  # n11: a year to the day
    assert every.classes["1_to_6_months"] == 1  # n13: 92 days


@pytest.mark.parametrize("raised, met, expected", [
    ("2023-03-15", "2023-04-14", "under_1_month"),
    ("2023-03-15", "2023-04-15", "1_to_6_months"),
    ("2023-03-15", "2023-09-14", "1_to_6_months"),
    ("2023-03-15", "2023-09-15", "6_to_12_months"),
    ("2023-03-15", "2024-03-14", "6_to_12_months"),
    ("2023-03-15", "2024-03-15", "over_1_year"),
    ("2023-08-31", "2024-02-28", "1_to_6_months"),  # 31 Aug + 6 months = 29 Feb 2024
    ("2023-08-31", "2024-02-29", "6_to_12_months"),
])
def test_class_boundaries_are_calendar_months(raised, met, expected):
    classes = N._meet_classes(pd.Series([pd.Timestamp(raised)]), pd.Series([pd.Timestamp(met)]))
    assert classes.iloc[0] == expected
    assert N.meet_class(raised, met) == expected  # one need's class (its page) agrees


def test_waiting_longest_oldest_first_with_age_and_a_year_to_the_day(city):
    waiting = N.waiting_longest(city)
    assert list(waiting.index) == ["n12", "n3", "n9", "n10"]
    assert list(waiting["age_days"]) == [731, 366, 366, 349]
    assert list(waiting["over_year"]) == [True, True, True, False]
    assert list(N.waiting_longest(city, Selection(district="b"), limit=1).index) == ["n9"]
    later = N.waiting_longest(city, as_of="2025-01-01")
    assert later["over_year"].all()


def test_a_work_answering_two_needs_is_counted_once(city):
    money = N.need_money_kzt(city)
    assert money["n2"] == 1001 and money["n7"] == 3000 + 1001 and money["n8"] == 0
    assert N.needs_money_kzt(city, ["n2", "n7"]) == 4001
    assert N.needs_money_kzt(city, city.needs.index) == 1000 + 1001 + 0 + 3000 + 500


def test_the_links_both_ways(city):
    assert N.works_of_need(city, "n7") == ("p2", "road")
    assert N.needs_of_work(city, "road") == ("n2", "n7")
    assert N.needs_of_work(city, "nope") == () and N.works_of_need(city, "nope") == ()


def test_district_figures(city):
    table = N.district_needs(city, Y2023)
    assert list(table.index) == ["a", "b", "c"]
    assert table.loc["a", ["needs_raised", "needs_counted", "needs_met", "needs_waiting",
                           "needs_waiting_over_year", "needs_money_kzt"]].tolist() == [
        6, 4, 2, 1, 1, 2001]
    assert table.loc["a", "needs_met_share"] is None
    assert table.loc["b", "needs_met_share"] == 0.4
    assert table.loc["b", "needs_median_days_to_met"] == 102.5
    assert table.loc["c", "needs_raised"] == 0


def test_city_figures_for_the_api(city):
    assert N.city_needs(city) == {"needs_raised": 13, "needs_met": 6, "needs_met_share": 6 / 11,
                                  "needs_counted": 11, "needs_waiting_over_year": 3}


def test_planner_columns_are_the_district_figures(city):
    columns = N.planner_needs_columns(city)
    assert list(columns.columns) == list(N.STATS_KEYS)
    assert columns.loc["b"].tolist() == [5, 3, 0.6, 5, 1]
    assert columns.loc["c", "needs_met_share"] is None and set(columns.index) == {"a", "b", "c"}
    assert N.planner_needs_columns(city, Y2023).loc["b"].tolist() == [5, 2, 0.4, 5, 1]
    # the city's figures are the districts' added up (the share is over the whole city)
    assert columns["needs_raised"].sum() == N.city_needs(city)["needs_raised"]
    assert columns["needs_waiting_over_year"].sum() == N.city_needs(city)["needs_waiting_over_year"]


def test_a_city_without_needs_has_empty_figures(tmp_path):
    city = load_dataset(tiny.write_city(tmp_path / "city", needs=[]))
    assert city.needs.empty and city.problems == ()
    assert N.share_met(city) == N.MetShare(0, 0, 0)
    assert N.time_to_meet(city).median_days is None
    assert N.waiting_longest(city).empty
    assert N.city_needs(city)["needs_met_share"] is None
    assert N.needs_money_kzt(city, []) == 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from([w["id"] for w in tiny.WORKS] + ["ghost"]),
                         max_size=4), min_size=1, max_size=12),
       st.lists(st.sampled_from(["a", "b", "c"]), min_size=12, max_size=12))
def test_money_counts_each_work_once_in_every_total(tmp_path_factory, links, districts):
    rows = [tiny.need(f"h{i}", districts[i], "open", "2023-03-15", work_ids=" ".join(ids))
            for i, ids in enumerate(links)]
    folder = tiny.write_city(tmp_path_factory.mktemp("money") / "city", needs=rows)
    city = load_dataset(folder)
    funding = city.works["funding_kzt"]
    answered = {w for ids in links for w in ids if w in funding.index}
    assert N.needs_money_kzt(city, city.needs.index) == sum(funding[w] for w in answered)
    table = N.district_needs(city)
    for district in "abc":
        own = {w for ids, d in zip(links, districts) if d == district for w in ids
               if w in funding.index}
        assert table.loc[district, "needs_money_kzt"] == sum(funding[w] for w in own)
    # never more than the money there is, and a part never more than the whole
    assert N.needs_money_kzt(city, city.needs.index) <= funding.sum()
    assert N.needs_money_kzt(city, city.needs.index[:1]) <= N.needs_money_kzt(
        city, city.needs.index)


def test_select_needs_by_status_and_status_type(city):
    assert sorted(N.select_needs(city, statuses=("declined", "duplicate")).index) == ["n4", "n5"]
    assert sorted(N.select_needs(city, Y2023, status_types=("open",), statuses=(
        "open", "met")).index) == ["n9"]
    assert len(N.select_needs(city, statuses=())) == 13  # empty: every need
