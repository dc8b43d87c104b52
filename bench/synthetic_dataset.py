"""A whole synthetic Dataset (districts, works, funding) built in memory for web benchmarks."""

from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd

import synthetic
from geo.city import CityConfig
from geo.dataset import build_dataset
from geo.load import Layers
from geo.load_needs import validate_needs
from geo.problems import ProblemLog


def synthetic_works(count, seed=1):
    """:func:`synthetic.point_works` with every field of the data model filled in."""
    works = synthetic.point_works(count, seed)
    rng = np.random.default_rng(seed + 10)
    start = pd.to_datetime(works["year"].astype(str) + "-04-01") + pd.to_timedelta(
        rng.integers(0, 120, count), unit="D")
    works["title_kk"] = [f"Жұмыс {i}" for i in range(count)]
    works["title_en"] = [f"Work {i}" for i in range(count)]
    works["progress"] = pd.array(rng.integers(0, 101, count), dtype="Int64")
    works["start"] = start.astype("datetime64[us]")
    works["finish"] = (start + pd.to_timedelta(rng.integers(14, 200, count), unit="D")).astype(
        "datetime64[us]")
    works["address"] = [f"ул. Синтетическая, {i % 300 + 1}" for i in range(count)]
    works["source_file"] = "works.geojson"
    works["source_row"] = np.arange(1, count + 1)
    return works


def synthetic_dataset(works_count, districts_count=220, needs_count=0):
    """A Dataset of ``works_count`` point works over ``districts_count`` districts, and
    ``needs_count`` needs (:func:`synthetic_needs_csv`)."""
    layers = synthetic_layers(works_count, districts_count)
    if needs_count:
        rows = synthetic_needs_csv(needs_count, layers.works, layers.districts)
        layers = replace(layers, needs=validate_needs(rows, "needs.csv", ProblemLog(),
                                                      layers.districts["id"]))
    city = CityConfig(center=(82.61, 49.95), metric_crs="EPSG:32644")
    return build_dataset(layers, city, ProblemLog(), version=f"synthetic-{works_count}",
                         source="synthetic")


def synthetic_layers(works_count, districts_count=220):
    """The validated :class:`Layers` of :func:`synthetic_dataset` (no needs)."""
    districts = synthetic.districts(districts_count)
    districts["name_kk"] = districts["name_ru"]
    districts["name_en"] = [f"District {i}" for i in range(len(districts))]
    works = synthetic_works(works_count)
    funding = synthetic.funding_for(works)
    funding["approved"] = pd.NaT
    funding["note"] = None
    funding["source_row"] = np.arange(1, len(funding) + 1)
    return Layers(districts=gpd.GeoDataFrame(districts, crs="EPSG:4326"), works=works,
                  funding=funding, meetings=pd.DataFrame(), sources=())


NEED_STATUSES = ("open", "accepted", "scheduled", "met", "met", "met", "declined", "duplicate",
                 "not_responsible")


def synthetic_needs_csv(count, works, districts, seed=3):
    """``count`` needs as the text rows of a needs.csv: a third answered by one to three
    random works (so many works answer several needs), the place of half of them a point.

    Like real data they raise no warning: a point lies in its need's district, and a
    linked need is met when all its works are done, scheduled otherwise.
    """
    rng = np.random.default_rng(seed)
    raised = pd.Timestamp("2022-02-01") + pd.to_timedelta(rng.integers(0, 1000, count), unit="D")
    later = raised + pd.to_timedelta(rng.integers(0, 500, count), unit="D")
    ids = works["id"].to_numpy()
    linked = rng.random(count) < 0.35
    work_ids = [" ".join(rng.choice(ids, int(rng.integers(1, 4)))) if link else ""
                for link in linked]
    placed = rng.random(count) < 0.5
    minx, miny, maxx, maxy = synthetic.EXTENT
    lon = np.where(placed, rng.uniform(minx, maxx, count).round(6).astype(str), "")
    lat = np.where(placed, rng.uniform(miny, maxy, count).round(6).astype(str), "")
    status = rng.choice(NEED_STATUSES, count)
    done = set(works.loc[works["status"] == "done", "id"])
    status = np.where(linked, ["met" if all(w in done for w in ids.split()) else "scheduled"
                               for ids in work_ids], status)
    district_id = rng.choice(districts["id"].to_numpy(), count)
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon[placed].astype(float),
                                                          lat[placed].astype(float)),
                              index=np.flatnonzero(placed), crs="EPSG:4326")
    holder = gpd.sjoin(points, districts[["id", "geometry"]], predicate="within")
    holder = holder[~holder.index.duplicated()]
    district_id[holder.index] = holder["id"].to_numpy()
    return pd.DataFrame({
        "id": [f"n{i:07d}" for i in range(count)],
        "district_id": district_id,
        "year": raised.year.astype(str), "cycle": "1",
        "raised_on": raised.strftime("%Y-%m-%d"),
        "title_ru": [f"Нужда {i}" for i in range(count)],
        "title_kk": [f"Қажеттілік {i}" for i in range(count)],
        "category": rng.choice(synthetic.CATEGORIES, count), "status": status,
        "status_on": later.strftime("%Y-%m-%d"),
        "answer_ru": "Ответ", "answer_kk": "Жауап", "work_ids": work_ids,
        "lon": lon, "lat": lat, "source": "meeting",
        "supporters": rng.integers(0, 200, count).astype(str),
    })
