"""A tiny in-code city with known answers, written to a folder on demand."""

import json

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point, box

CRS = "EPSG:4326"
METRIC = "EPSG:32644"

# Two central squares sharing the border lon = 82.61 and one settlement apart.
DISTRICTS = [
    {"id": "a", "name_ru": "Альфа", "name_kk": "Альфа", "name_en": "Alpha", "kind": "center",
     "population": 1000, "geometry": box(82.60, 49.94, 82.61, 49.95)},
    {"id": "b", "name_ru": "Бета", "name_kk": "Бета", "name_en": "Beta", "kind": "microdistrict",
     "population": 2000, "geometry": box(82.61, 49.94, 82.62, 49.95)},
    {"id": "c", "name_ru": "Гамма", "name_kk": "Гамма", "name_en": "Gamma", "kind": "settlement",
     "population": 500, "geometry": box(82.50, 49.90, 82.51, 49.91)},
]


def work(id, geometry, year=2023, category="roads", status="done", **extra):
    row = {"id": id, "title_ru": f"Работа {id}", "title_kk": f"Жұмыс {id}", "title_en": f"Work {id}",
           "category": category, "status": status, "year": year, "progress": 100 if status == "done" else 50,
           "start": "2023-04-01", "finish": "2023-09-30", "address": "ул. Тестовая, 1",
           "geometry": geometry}
    row.update(extra)
    return row


WORKS = [
    work("p1", Point(82.605, 49.945)),                      # inside a
    work("p2", Point(82.615, 49.945), category="lighting"),  # inside b
    work("edge", Point(82.61, 49.945), status="planned"),    # on the a|b border -> a
    work("road", LineString([(82.605, 49.945), (82.615, 49.945)]), category="roads"),  # half a, half b
    work("p22", Point(82.505, 49.905), year=2022),           # inside c, 2022
]

FUNDING = [
    {"record_id": "f1", "work_id": "p1", "year": 2023, "amount_kzt": 1000, "source": "city"},
    {"record_id": "f2", "work_id": "p2", "year": 2023, "amount_kzt": 3000, "source": "region"},
    {"record_id": "f3", "work_id": "road", "year": 2023, "amount_kzt": 1001, "source": "city"},
    {"record_id": "f4", "work_id": "edge", "year": 2023, "amount_kzt": 0, "source": "city"},
    {"record_id": "f5", "work_id": "p22", "year": 2022, "amount_kzt": 500, "source": "republic"},
]

MEETINGS = [
    {"district_id": d["id"], "year": y, "cycle": c, "date": f"{y}-0{c + 2}-15", "attendees": 40,
     "summary_ru": "Итоги", "summary_kk": "Қорытынды"}
    for d in DISTRICTS for y in (2022, 2023) for c in (1, 2, 3)
]



def need(id, district_id, status, status_on, raised_on="2023-03-15", work_ids="", year=None,
         cycle=1, category="roads", **extra):
    row = {"id": id, "district_id": district_id, "year": year or int(raised_on[:4]),
           "cycle": cycle, "raised_on": raised_on, "title_ru": f"Нужда {id}",
           "title_kk": f"Қажеттілік {id}", "title_en": f"Need {id}", "category": category,
           "status": status, "status_on": status_on, "answer_ru": "", "answer_kk": "",
           "work_ids": work_ids, "lon": "", "lat": "", "source": "meeting", "supporters": ""}
    row.update(extra)
    return row


ANSWER = {"answer_ru": "Ответ акимата", "answer_kk": "Әкімдік жауабы"}

# Needs with figures checkable by hand (the data's date is 2024-03-15, n11's status_on):
# 2023 in a: 6 raised, 1 duplicate, 1 not_responsible -> 2 met of 4 (too few to judge);
# 2023 in b: 2 met by the end of 2023 of 5 (n11 is met only in 2024) -> 0.4;
# 2023 city-wide: 4 met of 9. Money: road answers n2 and n7, counted once.
NEEDS = [
    need("n1", "a", "met", "2023-04-10", work_ids="p1", lon=82.604, lat=49.944),  # 26 days
    need("n2", "a", "met", "2023-09-15", work_ids="road"),     # 6 months to the day: 6-12
    need("n3", "a", "scheduled", "2023-04-15", work_ids="edge"),
    need("n4", "a", "duplicate", "2023-03-20"),
    need("n5", "a", "declined", "2023-04-15", **ANSWER),
    need("n6", "a", "not_responsible", "2023-04-15", category="other", **ANSWER),
    need("n7", "b", "met", "2023-10-01", work_ids="p2 road", category="lighting",
         supporters=120),                                        # 200 days
    need("n8", "b", "met", "2023-03-20", source="online"),      # 5 days, no work
    need("n9", "b", "open", "2023-03-15"),                       # waits a year to the day
    need("n10", "b", "accepted", "2023-05-01", raised_on="2023-04-01", cycle=2,
         source="letter"),                                       # waits under a year
    need("n11", "b", "met", "2024-03-15", category="water"),    # a year to the day
    need("n12", "c", "open", "2022-03-15", raised_on="2022-03-15", lon=82.505, lat=49.906,
         source="deputy"),                                       # the oldest waiting
    need("n13", "c", "met", "2022-06-15", raised_on="2022-03-15", work_ids="p22"),  # 92 days
]


def write_city(folder, districts=None, works=None, funding=None, meetings=None, city=True,
               needs=None):
    """Write the tiny city (or the given rows) as GeoJSON + CSV into ``folder``.

    ``needs=[]`` writes no needs.csv (a city without needs).
    """
    folder.mkdir(parents=True, exist_ok=True)
    gpd.GeoDataFrame(districts or DISTRICTS, crs=CRS).to_file(folder / "districts.geojson")
    gpd.GeoDataFrame(works or WORKS, crs=CRS).to_file(folder / "works.geojson")
    pd.DataFrame(funding or FUNDING).to_csv(folder / "funding.csv", index=False)
    pd.DataFrame(meetings or MEETINGS).to_csv(folder / "meetings.csv", index=False)
    if needs != []:
        pd.DataFrame(needs or NEEDS).to_csv(folder / "needs.csv", index=False)
    if city:
        (folder / "city.json").write_text(json.dumps(
            {"center": [82.61, 49.945], "metric_crs": METRIC,
             "extent": [82.0, 49.5, 83.5, 50.5]}), encoding="utf-8")
    return folder
