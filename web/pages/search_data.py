"""What a search finds, as rows for the API, the ``/search`` page and the suggestions (no Flask).

``geo.search`` finds the entries; this module says what a reader sees of each: a label
in the language, a secondary line (where it is), a point and a bounding box where the
data has them, and the page to open. A street has no page of its own: its URL is the
search page's street section (``/search?q=<name>&street=<key>``).
"""

import math
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import geopandas as gpd
import numpy as np
from shapely.geometry import Point

from geo import vocab
from geo.per_dataset import PerDataset
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
    facts = _facts(dataset)
    district_names = dict(name_column(dataset.districts, "name", lang).items())
    return [_ROWS[entry.kind](facts, entry, lang, links, district_names) for entry in entries]


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


def _row(entry, lang, secondary, url, bbox=None, **extra):
    lon_lat = (entry.lon, entry.lat) if entry.lon is not None else None
    return {"kind": entry.kind, "id": entry.id, "label": entry.name(lang), "secondary": secondary,
            "point": _rounded(lon_lat), "bbox": _rounded(bbox), "url": url, **extra}


def _rounded(values):
    return None if values is None else [round(float(v), _DIGITS) for v in values]


class _Facts:
    """What result rows show, as arrays and dicts built once per Dataset: a result
    costs lookups, not pandas indexing (a street of 2,000 works is one array slice)."""

    def __init__(self, dataset):
        districts, works = dataset.districts, dataset.works
        self.district_kind = dict(zip(districts.index, districts["kind"]))
        self.district_bbox = dict(zip(districts.index, map(_box, districts.geometry.bounds.to_numpy())))
        self.work_position = {work_id: n for n, work_id in enumerate(works.index)}
        self.work_bounds = works.geometry.bounds.to_numpy()
        self.work_year = works["year"].to_numpy()
        self.work_status = works["status"].to_numpy(dtype=object)
        self.work_district = works["district_id"].to_numpy(dtype=object)
        needs = getattr(dataset, "needs", None)
        self.need_status = {} if needs is None else dict(zip(needs.index, needs["status"]))

        self._streets = {}  # street key -> (works, district ids by works, bbox), on first use

    def street(self, entry):
        """``(works, district ids with most works first, bbox)`` of a street entry."""
        known = self._streets.get(entry.id)
        if known is None:
            positions = np.fromiter((self.work_position[w] for w in entry.work_ids), dtype=np.intp,
                                    count=len(entry.work_ids))
            counts = Counter(d for d in self.work_district[positions] if isinstance(d, str))
            districts = tuple(d for d, _ in sorted(counts.items(), key=lambda c: (-c[1], c[0])))
            known = self._streets[entry.id] = (len(positions), districts, self._works_bbox(positions))
        return known

    def _works_bbox(self, positions):
        bounds = self.work_bounds[positions]
        bounds = bounds[np.isfinite(bounds).all(axis=1)]  # works without a geometry
        if not len(bounds):
            return None
        return _box((*bounds[:, :2].min(axis=0), *bounds[:, 2:].max(axis=0)))


def _box(bounds):
    """A bounding box, or None for a single point or no geometry (a point needs no box)."""
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    if not all(math.isfinite(v) for v in (minx, miny, maxx, maxy)) or (minx == maxx and miny == maxy):
        return None
    return (minx, miny, maxx, maxy)


_facts = PerDataset(_Facts)


def _district_row(facts, entry, lang, links, names):
    return _row(entry, lang, vocab.label(vocab.DISTRICT_KINDS, facts.district_kind.get(entry.id), lang),
                links.path(f"/districts/{quote(entry.id, safe='')}"),
                bbox=facts.district_bbox.get(entry.id))


def _street_row(facts, entry, lang, links, names):
    count, districts, bbox = facts.street(entry)
    secondary = ", ".join(names.get(d, d) for d in districts[:3])
    return _row(entry, lang, secondary, links.path("/search", q=entry.name(lang), street=entry.id),
                bbox=bbox, works=count)


def _work_row(facts, entry, lang, links, names):
    position = facts.work_position[entry.id]
    parts = [names.get(entry.district_id, ""), str(int(facts.work_year[position])),
             vocab.label(vocab.STATUSES, facts.work_status[position], lang)]
    return _row(entry, lang, " · ".join(p for p in parts if p),
                links.path(f"/works/{quote(entry.id, safe='')}"),
                bbox=_box(facts.work_bounds[position]))


def _need_row(facts, entry, lang, links, names):
    parts = [names.get(entry.district_id, ""),
             vocab.label(vocab.NEED_STATUSES, facts.need_status.get(entry.id), lang)]
    return _row(entry, lang, " · ".join(p for p in parts if p),
                links.path(f"/needs/{quote(entry.id, safe='')}"))


_ROWS = {"district": _district_row, "settlement": _district_row, "street": _street_row,
         "work": _work_row, "need": _need_row}
