"""The meetings calendar: RFC 5545 escaping and folding, and /districts/<id>/meetings.ics."""

from datetime import date, datetime, timezone

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
