"""Meetings' optional place and time: the time rule, the loader's checks, the stores; and the
data's own date (city.json ``data_as_of``, else the latest status or funding date)."""

import json
from datetime import date, time

import pandas as pd
import pytest

import geo
from geo.city import city_config_from_dict
from geo.data_date import data_as_of, latest_recorded_date
from geo.meetings import normalise_meeting_time, parse_meeting_time
from geo.problems import DataError
from tests.geo import tiny


@pytest.mark.parametrize("text, start, end", [
    ("18:00", time(18), time(20)),                 # a start alone lasts two hours
    ("18:30-20:00", time(18, 30), time(20)),
    ("9.30 – 11:00", time(9, 30), time(11)),      # a dot, spaces and an en dash as people type
    ("23:30", time(23, 30), time(23, 59)),        # never past midnight
])
def test_a_time_or_a_range(text, start, end):
    assert parse_meeting_time(text) == (start, end)


@pytest.mark.parametrize("text", ["25:00", "18:60", "6 pm", "18:00-", "20:00-18:00", "18:00-18:00", ""])
def test_what_is_not_a_meeting_time(text):
    with pytest.raises(ValueError):
        parse_meeting_time(text)


def test_times_are_written_one_way():
    assert normalise_meeting_time("9.30 – 11:00") == "09:30-11:00"
    assert normalise_meeting_time(" 18:00 ") == "18:00"


def _meetings(**extra):
    rows = [dict(row) for row in tiny.MEETINGS]
    rows[0].update(place="ул. Тестовая, 1, школа", time="18:30 – 20:00")
    rows[1].update(place="Дом культуры")
    for key, value in extra.items():
        rows[2][key] = value
    return rows


def test_place_and_time_are_read_and_optional(tmp_path):
    dataset = geo.load_dataset(tiny.write_city(tmp_path / "city", meetings=_meetings()))
    meetings = dataset.meetings
    assert list(meetings.loc[0, ["place", "time"]]) == ["ул. Тестовая, 1, школа", "18:30-20:00"]
    assert meetings.loc[1, "place"] == "Дом культуры" and pd.isna(meetings.loc[1, "time"])
    assert meetings["time"].notna().sum() == 1 and not dataset.problems


def test_a_folder_without_the_columns_still_loads(tiny_folder):
    meetings = geo.load_dataset(tiny_folder).meetings
    assert meetings["place"].isna().all() and meetings["time"].isna().all()


def test_a_bad_time_is_an_error_naming_file_row_and_value(tmp_path):
    folder = tiny.write_city(tmp_path / "city", meetings=_meetings(time="после обеда"))
    with pytest.raises(DataError) as error:
        geo.load_dataset(folder)
    [problem] = [p for p in error.value.problems if p.fatal]
    assert (problem.file, problem.row) == ("meetings.csv", 3)
    assert "'после обеда' is not a time HH:MM" in problem.message


# -- the data's own date -----------------------------------------------------------------

def test_the_data_date_is_the_latest_status_or_funding_date(tiny_folder):
    # the tiny city's latest is n11's status_on (2024-03-15), later than any finish or approval
    dataset = geo.load_dataset(tiny_folder)
    assert latest_recorded_date(dataset) == date(2024, 3, 15)
    assert data_as_of(dataset) == date(2024, 3, 15)


def test_the_data_date_without_needs_is_the_latest_finish_or_approval(tmp_path):
    dataset = geo.load_dataset(tiny.write_city(tmp_path / "city", needs=[]))
    finishes = dataset.works.loc[dataset.works["status"] == "done", "finish"].max()
    approvals = dataset.funding["approved"].max()
    assert data_as_of(dataset) == max(finishes, approvals).date()


def test_city_json_states_the_data_date_and_the_time_zone(tmp_path):
    folder = tiny.write_city(tmp_path / "city")
    settings = json.loads((folder / "city.json").read_text(encoding="utf-8"))
    settings.update(data_as_of="2024-12-20", timezone="Asia/Almaty")
    (folder / "city.json").write_text(json.dumps(settings), encoding="utf-8")
    dataset = geo.load_dataset(folder)
    assert data_as_of(dataset) == date(2024, 12, 20)
    assert dataset.city.timezone == "Asia/Almaty"


@pytest.mark.parametrize("raw, said", [
    ({"data_as_of": "20.12.2024"}, "data_as_of: expected a date YYYY-MM-DD"),
    ({"data_as_of": "2024-02-30"}, "data_as_of: expected a date YYYY-MM-DD"),
    ({"timezone": "Asia/Nowhere"}, "is not an IANA time zone")])
def test_bad_city_settings_say_what_to_write(raw, said):
    with pytest.raises(ValueError, match=said):
        city_config_from_dict(raw)


def test_the_sample_states_its_date_and_gives_some_meetings_a_place_and_time(sample_dataset):
    assert data_as_of(sample_dataset) == date(2024, 12, 20)
    timed = sample_dataset.meetings[sample_dataset.meetings["time"].notna()]
    assert set(timed["year"]) == {2024} and timed["place"].notna().all()
    assert len(timed) == 63
