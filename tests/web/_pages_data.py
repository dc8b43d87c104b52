"""Data for the resident pages' tests: the tiny city with hostile text and a future meeting."""

import json

import geo
from tests.conftest import CITY_NAME
from tests.geo import tiny

XSS_TITLE = "<img src=x onerror=alert(1)>"
JINJA_TITLE = "{{ 7*7 }} {% if %} </script>"
DISTRICT_NAME = "<b>Альфа</b> {{ 6*7 }}"
SUMMARY = "Итоги, планы; путь C:\\temp\nвторая строка"


def hostile_dataset(folder):
    """The tiny city where titles, a name and a summary try to inject HTML and Jinja,
    with one meeting of district ``a`` far in the future."""
    districts = [dict(d) for d in tiny.DISTRICTS]
    districts[0]["name_ru"] = DISTRICT_NAME
    works = [dict(w) for w in tiny.WORKS]
    works[0]["title_ru"] = XSS_TITLE
    works[1]["title_ru"] = JINJA_TITLE
    works[0]["address"] = "<script>alert(2)</script>"
    meetings = [dict(m) for m in tiny.MEETINGS]
    meetings[0]["summary_ru"] = SUMMARY
    meetings.append({"district_id": "a", "year": 2099, "cycle": 1, "date": "2099-03-15",
                     "attendees": 10, "summary_ru": "Будущая встреча", "summary_kk": ""})
    tiny.write_city(folder, districts=districts, works=works, meetings=meetings)
    city = json.loads((folder / "city.json").read_text(encoding="utf-8"))
    (folder / "city.json").write_text(json.dumps({**city, "name": CITY_NAME}), encoding="utf-8")
    return geo.load_dataset(folder)
