"""A district's needs along the three cycles of each year."""

from datetime import date

from geo.dataset import load_dataset
from geo.needs import MetShare
from geo.needs_timeline import district_timeline


def test_the_timeline_of_a_district(tiny_folder):
    city = load_dataset(tiny_folder)
    [y2022, y2023] = district_timeline(city, "a")
    assert y2022["year"] == 2022 and y2022["raised"] == []
    assert y2023["meetings"] == {1: date(2023, 3, 15), 2: date(2023, 4, 15), 3: date(2023, 5, 15)}
    assert [n["id"] for n in y2023["raised"]] == ["n1", "n2", "n3", "n4", "n5", "n6"]
    assert [(e["need"]["id"], [w["id"] for w in e["works"]]) for e in y2023["scheduled"]] == [
        ("n1", ["p1"]), ("n2", ["road"]), ("n3", ["edge"])]
    road = y2023["scheduled"][1]["works"][0]
    assert (road["status"], road["finish"], road["funding_kzt"]) == ("done", date(2023, 9, 30), 1001)
    # met by the cycle-3 meeting of 15 May: n1 (10 April) but not n2 (15 September)
    assert [n["id"] for n in y2023["met"]["needs"]] == ["n1"]
    assert y2023["met"]["share"] == MetShare(met=1, counted=4, raised=6)
    assert [(n["id"], n["age_days"], n["over_year"]) for n in y2023["waiting"]] == [
        ("n3", 366, True)]
    first = y2023["raised"][0]
    assert first["raised_on"] == date(2023, 3, 15) and first["supporters"] is None
    assert first["title_kk"] == "Қажеттілік n1" and first["status_type"] == "met"


def test_an_unknown_district_has_no_timeline(tiny_folder):
    assert district_timeline(load_dataset(tiny_folder), "nowhere") == []
