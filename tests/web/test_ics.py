"""The meetings calendar: RFC 5545 escaping and folding, and /districts/<id>/meetings.ics."""

from datetime import date, datetime, time, timezone

import pytest

from tests.conftest import make_app
from tests.web._pages_data import hostile_dataset
from web.pages.ics import Event, calendar, escape_text, fold


def test_escape_text():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_fold_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "Ж" * 100  # two octets each
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line
    assert fold("short") == "short"


def test_calendar_structure():
    stamp = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    text = calendar([Event("x-1@host", date(2023, 3, 15), "A, B", "line1\nline2")], name="N", stamp=stamp)
    lines = text.split("\r\n")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines and lines[-2] == "END:VCALENDAR"
    assert "DTSTAMP:20240102T030405Z" in lines and "DTSTART;VALUE=DATE:20230315" in lines
    assert "DTEND;VALUE=DATE:20230316" in lines and "UID:x-1@host" in lines
    assert "SUMMARY:A\\, B" in lines and "DESCRIPTION:line1\\nline2" in lines


def test_district_calendar_route(client):
    response = client.get("/districts/c/meetings.ics?lang=en")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.get_data(as_text=True)
    assert text.count("BEGIN:VEVENT") == 6 and text.count("\r\n") == text.count("\n")
    assert "UID:c-2022-1@localhost" in text and "DTSTART;VALUE=DATE:20220315" in text
    assert "SUMMARY:Gamma: Identify problems and work sites" in text


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return hostile_dataset(tmp_path_factory.mktemp("hostile-ics") / "city")


def test_district_calendar_escapes_summaries_and_folds_long_lines(hostile):
    text = make_app(hostile).test_client().get("/districts/a/meetings.ics").get_data(as_text=True)
    unfolded = text.replace("\r\n ", "")
    assert "DESCRIPTION:Итоги\\, планы\\; путь C:\\\\temp\\nвторая строка" in unfolded
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "DTSTART;VALUE=DATE:20990315" in text


def test_unknown_district_calendar_is_404(client):
    assert client.get("/districts/zz/meetings.ics").status_code == 404


def test_a_meeting_with_a_time_is_a_timed_event_in_utc_when_the_city_has_a_zone():
    stamp = datetime(2024, 1, 2, tzinfo=timezone.utc)
    event = Event("x@h", date(2024, 4, 6), "S", location="ул. Бажова, 11; школа",
                  start=time(18, 30), end=time(20), tz="Asia/Almaty")
    lines = calendar([event], name="N", stamp=stamp).split("\r\n")
    assert "DTSTART:20240406T133000Z" in lines and "DTEND:20240406T150000Z" in lines
    assert "LOCATION:ул. Бажова\\, 11\\; школа" in lines
    assert not [line for line in lines if "VALUE=DATE" in line]
    # the zone's history counts: Almaty was UTC+6 until 1 March 2024
    earlier = Event("y@h", date(2023, 4, 6), "S", start=time(18, 30), end=time(20), tz="Asia/Almaty")
    assert earlier.when_lines() == ["DTSTART:20230406T123000Z", "DTEND:20230406T140000Z"]


def test_without_a_zone_the_time_is_local_and_without_a_time_the_event_is_all_day():
    floating = Event("x@h", date(2024, 4, 6), "S", start=time(18, 30), end=time(20))
    assert floating.when_lines() == ["DTSTART:20240406T183000", "DTEND:20240406T200000"]
    assert Event("x@h", date(2024, 4, 6), "S").when_lines() == [
        "DTSTART;VALUE=DATE:20240406", "DTEND;VALUE=DATE:20240407"]


def test_the_sample_calendar_gives_2024_meetings_a_place_and_a_time(sample_dataset):
    text = make_app(sample_dataset).test_client().get("/districts/ulbinsky/meetings.ics").get_data(
        as_text=True).replace("\r\n ", "")
    assert text.count("BEGIN:VEVENT") == 9
    assert text.count("LOCATION:ул. Бажова\\, 11\\, школа\\, актовый зал") == 3
    assert "DTSTART:20241111T133000Z" in text and "DTSTART;VALUE=DATE:20221" in text
