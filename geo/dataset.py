"""The one immutable snapshot every view reads: frames, join result and indexes.

A :class:`Dataset` is built once (at start-up or on reload) from validated
:class:`geo.load.Layers`; nothing in it is recomputed per request. Treat its
frames as read-only: filter them, never assign into them.
"""

import hashlib
import threading
from itertools import chain
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from geo import heap
from geo.city import read_city_config
from geo.join import allocate_funding, assign_works
from geo.load import load_layers
from geo.load_needs import empty_needs
from geo.needs_check import report_need_contradictions
from geo.near import DistrictLocator, NearIndex
from geo.problems import DataError, ProblemLog

# Where a work or funding record was read (file and row) names it in the problems the
# build reports; nothing after the build reads it, so the Dataset does not keep it.
READ_ORIGIN = ["source_file", "source_row"]
MEMO_SIZE = 256
MEMO_BYTES = 64 * 2**20  # of str/bytes values; frames and figures count as small


def _weight(value):
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, tuple):
        return sum(_weight(v) for v in value)
    return 0


def _take_codes(column, positions):
    """``column`` at ``positions`` as a categorical (codes of one or two bytes)."""
    values = pd.Categorical(column)
    return pd.Categorical.from_codes(values.codes[positions], dtype=values.dtype)


def _take_small_ints(column, positions):
    """An integer column (years) at ``positions``, in the smallest dtype holding it."""
    values = column.to_numpy()[positions]
    small = np.int16 if len(values) == 0 or np.abs(values).max() < 2**15 else values.dtype
    return values.astype(small)


@dataclass(frozen=True, eq=False)
class Dataset:
    """A consistent snapshot of one city's data.

    Attributes
    ----------
    city : CityConfig
    districts : GeoDataFrame
        Indexed by id; ``area_km2`` and ``distance_km`` (from the centre) added.
    works : GeoDataFrame
        Indexed by id; ``district_id`` (the district holding the largest share,
        ``None`` when outside every district), ``district_ids`` (all of them,
        sorted) and ``funding_kzt`` (sum of the work's records) added.
    shares : DataFrame
        ``work_id``, ``district_id``, ``share``: how each work splits in space.
    funding : DataFrame
        The funding records, with ``known_work`` telling whether the work exists.
    allocations : DataFrame
        Funding split across districts in whole tenge (see :mod:`geo.join`).
    meetings : DataFrame
    needs : GeoDataFrame
        Residents' needs indexed by id (see :mod:`geo.load_needs`); EPSG:4326,
        a null geometry where a need has no place; empty for a city without
        ``needs.csv``.
    need_links : DataFrame
        ``need_id``, ``work_id``, ``known`` (whether the work exists): one row
        per entry of a need's ``work_ids``, sorted by ``work_id`` then
        ``need_id``; the need -> works and work -> needs index of
        :mod:`geo.needs`.
    problems : tuple of Problem
    version : str
        A short hash of the source content; changes when the data changes.
    source : str
        Where the data came from (a folder or a database URL without password).
    center : tuple
        ``(lon, lat)`` of the city centre used for distances.
    """

    city: object
    districts: gpd.GeoDataFrame
    works: gpd.GeoDataFrame
    shares: pd.DataFrame
    funding: pd.DataFrame
    allocations: pd.DataFrame
    meetings: pd.DataFrame
    needs: gpd.GeoDataFrame
    need_links: pd.DataFrame
    problems: tuple
    version: str
    source: str
    center: tuple
    near: NearIndex = field(repr=False)
    locator: DistrictLocator = field(repr=False)
    loaded_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @cached_property
    def years(self):
        """The programme years present in works or funding, ascending."""
        years = set(self.works["year"].dropna().astype(int)) | set(
            self.funding["year"].dropna().astype(int))
        return sorted(years)

    @cached_property
    def memberships(self):
        """One row per (work, district it touches): ``position`` (the work's row in
        ``works``), ``district_id``, ``year``, ``status``, ``category``; the base of
        every per-district count.

        Codes, not copies: the texts are categoricals and the numbers small ints, ~9
        bytes a row instead of five 8-byte columns and an exploded copy of the works
        (~17 MiB at 250,000 works).
        """
        touched = self.works["district_ids"].to_numpy()
        counts = np.fromiter((len(ids) for ids in touched), dtype=np.int64, count=len(touched))
        positions = np.repeat(np.arange(len(touched), dtype=np.int32), counts)
        return pd.DataFrame({
            "position": positions,
            "district_id": pd.Categorical(list(chain.from_iterable(touched))),
            "year": _take_small_ints(self.works["year"], positions),
            "status": _take_codes(self.works["status"], positions),
            "category": _take_codes(self.works["category"], positions),
        })

    def memo(self, key, compute):
        """``compute()`` once per key for this snapshot (a small bounded cache).

        Figures are derived from immutable frames, so they can be kept as long as
        the snapshot lives; the cache dies with it on reload. Concurrent callers of
        one key wait for the first one's result instead of computing it again: at
        100,000 works a burst of readers would otherwise build the same
        megabytes-large map payload once each, at the same time.
        """
        cache = self._memo
        with cache["lock"]:
            if key in cache["items"]:
                cache["items"].move_to_end(key)
                return cache["items"][key]
            flight = cache["flights"].setdefault(key, threading.Lock())
        with flight:
            with cache["lock"]:
                if key in cache["items"]:  # computed while this caller waited
                    cache["items"].move_to_end(key)
                    return cache["items"][key]
            try:
                value = compute()
                with cache["lock"]:
                    cache["bytes"] += _weight(value)
                    cache["items"][key] = value
                    # Bounded by count and by the size of big values (map payloads, PNGs).
                    while len(cache["items"]) > 1 and (len(cache["items"]) > MEMO_SIZE
                                                       or cache["bytes"] > MEMO_BYTES):
                        _, dropped = cache["items"].popitem(last=False)
                        cache["bytes"] -= _weight(dropped)
            finally:
                with cache["lock"]:
                    cache["flights"].pop(key, None)
        return value

    @cached_property
    def _memo(self):
        return {"lock": threading.Lock(), "items": OrderedDict(), "bytes": 0, "flights": {}}


def load_dataset(folder, *, center=None, crs=None, progress=None, strict=True):
    """Load, validate and join a data folder into a :class:`Dataset`.

    Parameters
    ----------
    folder : str or Path
        The data folder (see DESIGN.md for its files).
    center : tuple, optional
        ``(lon, lat)`` overriding the centre from ``city.json``.
    crs : str, optional
        The CRS to assume for layers without one.
    progress : callable, optional
        Called with each file name as it is read.
    strict : bool
        Raise :class:`DataError` when there are fatal problems (the default);
        with ``False`` a partial Dataset of the good rows is returned, which
        ``okraina check`` uses for its summary.

    Raises
    ------
    DataError
        With every problem found, when ``strict`` and any is fatal.
    """
    folder = Path(folder)
    log = ProblemLog()
    try:
        city = read_city_config(folder)
    except ValueError as exc:
        log.error("city.json", str(exc))
        city = read_city_config(Path("/nonexistent"))
    if center is not None:
        city = city.with_center(tuple(center))
    layers = load_layers(folder, city, log, crs=crs, progress=progress)
    if strict and log.has_errors:
        raise DataError(log.problems)
    return build_dataset(layers, city, log, version=hash_files(layers.sources),
                         source=str(folder))


def build_dataset(layers, city, log, *, version, source):
    """Join validated layers into a Dataset (shared by the file and PostGIS stores)."""
    heap.trim()  # what reading and validating freed (geo.heap), before the join's copies
    districts = layers.districts
    works = layers.works
    shares = assign_works(works, districts, city.metric_crs)
    _report_unplaced(works, shares, log)
    funding = layers.funding.copy(deep=False)  # one column added: the rest stay shared
    funding["known_work"] = funding["work_id"].isin(works["id"])
    _report_unknown_work(funding, log)
    allocations = allocate_funding(funding, shares)
    center = city.center or _default_center(districts)
    districts = _with_district_measures(districts, city.metric_crs, center)
    works = _with_work_links(works, shares, funding)
    needs = (layers.needs if layers.needs is not None else empty_needs()).copy()
    links = _need_links(needs, works)
    report_need_contradictions(needs, links, works, districts, layers.meetings, log)
    needs.index = pd.Index(needs["id"].values, name=None)
    funding = funding.drop(columns=READ_ORIGIN, errors="ignore")
    heap.trim()  # and what the join freed, before the indexes
    return Dataset(
        city=city, districts=districts, works=works, shares=shares, funding=funding,
        allocations=allocations, meetings=layers.meetings.copy(), needs=needs,
        need_links=links, problems=log.problems,
        version=version, source=source, center=tuple(center),
        near=NearIndex(works, city.metric_crs), locator=DistrictLocator(districts),
    )


def _report_unplaced(works, shares, log):
    outside = shares[shares["district_id"].isna()]
    rows = works.set_index("id")
    for work_id, share in zip(outside["work_id"], outside["share"]):
        row = rows.loc[work_id]
        geom = row.geometry
        if geom is None or geom.is_empty:
            continue  # already reported as an empty geometry
        where = "lies outside every district" if share >= 0.999999 else \
            f"lies {share:.0%} outside every district"
        log.warning(row["source_file"], f"the work {where}: its funding for that part is "
                    "counted as unassigned", row=int(row["source_row"]), id=work_id)


def _report_unknown_work(funding, log):
    for _, record in funding[~funding["known_work"]].iterrows():
        log.warning("funding.csv", f"work_id {record['work_id']!r} names no known work: the "
                    "amount is counted as unassigned", row=int(record["source_row"]),
                    id=record["record_id"])


def _default_center(districts):
    if districts.empty:
        return (0.0, 0.0)
    point = shapely.union_all(districts.geometry.values).centroid
    return (point.x, point.y)


def _with_district_measures(districts, metric_crs, center):
    districts = districts.copy()
    metric = districts.geometry.to_crs(metric_crs)
    to_metric = Transformer.from_crs("EPSG:4326", metric_crs, always_xy=True)
    cx, cy = to_metric.transform(*center)
    districts["area_km2"] = metric.area / 1e6
    inner = metric.representative_point() if metric.empty else metric.centroid
    districts["distance_km"] = inner.distance(shapely.Point(cx, cy)) / 1000.0
    districts.index = pd.Index(districts["id"].values, name=None)
    return districts


def _with_work_links(works, shares, funding):
    works = works.drop(columns=READ_ORIGIN, errors="ignore")
    placed = shares[shares["district_id"].notna()]
    main = placed.sort_values(["work_id", "share", "district_id"], ascending=[True, False, True])
    main = main.drop_duplicates("work_id").set_index("work_id")["district_id"]
    every = placed.sort_values("district_id").groupby("work_id")["district_id"].agg(tuple)
    shared = {}  # equal tuples as one object: most works lie in one of a few hundred districts
    every = every.map(lambda ids: shared.setdefault(ids, ids))
    works["district_id"] = works["id"].map(main).astype(object)
    works["district_id"] = works["district_id"].where(works["district_id"].notna(), None)
    works["district_ids"] = works["id"].map(every).map(lambda v: v if isinstance(v, tuple) else ())
    totals = funding[funding["known_work"]].groupby("work_id")["amount_kzt"].sum()
    works["funding_kzt"] = works["id"].map(totals).fillna(0).astype("int64")
    works.index = pd.Index(works["id"].values, name=None)
    return works


def _need_links(needs, works):
    work_ids = needs["work_ids"].tolist()
    counts = np.fromiter(map(len, work_ids), dtype=np.int64, count=len(work_ids))
    links = pd.DataFrame({
        "need_id": np.repeat(needs["id"].to_numpy(dtype=object), counts),
        "work_id": np.fromiter(chain.from_iterable(work_ids), dtype=object, count=counts.sum())})
    links["known"] = links["work_id"].isin(works.index)
    return links.sort_values(["work_id", "need_id"], kind="stable").reset_index(drop=True)


def hash_files(paths):
    """A short hash of the content of ``paths`` (with Shapefile sidecars): a data version."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(Path(path).read_bytes())
        for sidecar in (".dbf", ".prj", ".cpg", ".shx"):
            extra = Path(path).with_suffix(sidecar)
            if Path(path).suffix.lower() == ".shp" and extra.exists():
                digest.update(extra.read_bytes())
    return digest.hexdigest()[:16]
