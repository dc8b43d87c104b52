"""What a search finds, as rows for the API, the ``/search`` page and the suggestions (no Flask).

``geo.search`` finds the entries; this module says what a reader sees of each: a label
in the language, a secondary line (where it is), a point and a bounding box where the
data has them, and the page to open. A street has no page of its own: its URL is the
search page's street section (``/search?q=<name>&street=<key>``).
"""

import math
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import geopandas as gpd
from shapely.geometry import Point

from geo import vocab
from geo.search import KINDS, search_index
from web.labels import name_column

DEFAULT_LIMIT, MAX_LIMIT = 10, 50
MAX_QUERY_CHARS = 200
# "Works near here" for a street: a circle that reaches every work of the street.
NEAR_MARGIN_M, NEAR_MIN_RADIUS_M, NEAR_STEP_M = 100, 300, 50
_DIGITS = 6  # ~0.1 m: enough for a point on a city map


@dataclass(frozen=True)
class SearchQuery:
    """A checked search: the text, the reader's language, how many, which kinds (None: all)."""

    text: str
    lang: str = vocab.DEFAULT_LANGUAGE
    limit: int = DEFAULT_LIMIT
    kinds: tuple | None = None


@dataclass(frozen=True)
class Links:
    """How result URLs are written: the app's root and the explicit ``lang`` to keep."""

    root: str = ""
    lang: str | None = None

    def path(self, path, **params):
        pairs = [(k, v) for k, v in params.items() if v is not None]
        if self.lang:
            pairs.append(("lang", self.lang))
        return self.root + path + ("?" + urlencode(pairs, quote_via=quote) if pairs else "")


def find(dataset, query):
    """The entries of ``dataset`` that match ``query``, best first."""
    return search_index(dataset).search(query.text, limit=query.limit, kinds=query.kinds)


def street_entry(dataset, key):
    """The street entry with ``key`` (its Russian name, with its settlement), or None."""
    return search_index(dataset).get("street", key)


def result_rows(dataset, entries, lang, links):
    """One plain dict per entry: ``kind``, ``id``, ``label``, ``secondary``, ``point``,
    ``bbox``, ``url`` (streets also ``works``: how many)."""
    district_names = name_column(dataset.districts, "name", lang)
    return [_ROWS[entry.kind](dataset, entry, lang, links, district_names) for entry in entries]


def group_rows(rows):
    """``[(kind, rows), ...]`` in the order of ``geo.search.KINDS``, empty kinds left out."""
    return [(kind, [row for row in rows if row["kind"] == kind]) for kind in KINDS
            if any(row["kind"] == kind for row in rows)]


def street_near(dataset, entry):
    """``(lon, lat, radius_m)`` of a circle around the street's works, or None without a point."""
    if entry.lon is None or not entry.work_ids:
        return None
    works = dataset.works.geometry.loc[list(entry.work_ids)]
    crs = dataset.city.metric_crs
    centre = gpd.GeoSeries([Point(entry.lon, entry.lat)], crs="EPSG:4326").to_crs(crs).iloc[0]
    farthest_m = float(works.to_crs(crs).distance(centre).max())
    radius_m = max(NEAR_MIN_RADIUS_M, math.ceil((farthest_m + NEAR_MARGIN_M) / NEAR_STEP_M) * NEAR_STEP_M)
    return entry.lon, entry.lat, radius_m


def _row(entry, lang, secondary, url, point=None, bbox=None, **extra):
    lon_lat = point or ((entry.lon, entry.lat) if entry.lon is not None else None)
    return {"kind": entry.kind, "id": entry.id, "label": entry.name(lang), "secondary": secondary,
            "point": _rounded(lon_lat), "bbox": _rounded(bbox), "url": url, **extra}


def _rounded(values):
    return None if values is None else [round(float(v), _DIGITS) for v in values]


def _bbox(geometries):
    """The bounds of geometries that are not all one point (a point needs no box)."""
    bounds = geometries.total_bounds
    if not all(math.isfinite(v) for v in bounds) or (bounds[0] == bounds[2] and bounds[1] == bounds[3]):
        return None
    return tuple(bounds)


def _district_row(dataset, entry, lang, links, names):
    row = dataset.districts.loc[entry.id]
    return _row(entry, lang, vocab.label(vocab.DISTRICT_KINDS, row.get("kind"), lang),
                links.path(f"/districts/{quote(entry.id, safe='')}"),
                bbox=_bbox(dataset.districts.geometry.loc[[entry.id]]))


def _street_row(dataset, entry, lang, links, names):
    works = dataset.works.loc[list(entry.work_ids)]
    counts = works["district_id"].dropna().value_counts(sort=True)
    secondary = ", ".join(names.get(d, d) for d in sorted(counts.index, key=lambda d: -counts[d])[:3])
    return _row(entry, lang, secondary, links.path("/search", q=entry.name(lang), street=entry.id),
                bbox=_bbox(works.geometry), works=len(works))


def _work_row(dataset, entry, lang, links, names):
    work = dataset.works.loc[entry.id]
    parts = [names.get(entry.district_id, ""), str(int(work["year"])),
             vocab.label(vocab.STATUSES, work["status"], lang)]
    return _row(entry, lang, " · ".join(p for p in parts if p),
                links.path(f"/works/{quote(entry.id, safe='')}"),
                bbox=_bbox(dataset.works.geometry.loc[[entry.id]]))


def _need_row(dataset, entry, lang, links, names):
    need = dataset.needs.loc[entry.id]
    parts = [names.get(entry.district_id, ""), vocab.label(vocab.NEED_STATUSES, need["status"], lang)]
    return _row(entry, lang, " · ".join(p for p in parts if p),
                links.path(f"/needs/{quote(entry.id, safe='')}"))


_ROWS = {"district": _district_row, "settlement": _district_row, "street": _street_row,
         "work": _work_row, "need": _need_row}
