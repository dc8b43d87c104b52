"""A whole synthetic Dataset (districts, works, funding) built in memory for web benchmarks."""

import geopandas as gpd
import numpy as np
import pandas as pd

import synthetic
from geo.city import CityConfig
from geo.dataset import build_dataset
from geo.load import Layers
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


def synthetic_dataset(works_count, districts_count=220):
    """A Dataset of ``works_count`` point works over ``districts_count`` districts."""
    districts = synthetic.districts(districts_count)
    districts["name_kk"] = districts["name_ru"]
    districts["name_en"] = [f"District {i}" for i in range(len(districts))]
    works = synthetic_works(works_count)
    funding = synthetic.funding_for(works)
    funding["approved"] = pd.NaT
    funding["note"] = None
    funding["source_row"] = np.arange(1, len(funding) + 1)
    layers = Layers(districts=gpd.GeoDataFrame(districts, crs="EPSG:4326"), works=works,
                    funding=funding, meetings=pd.DataFrame(), sources=())
    city = CityConfig(center=(82.61, 49.95), metric_crs="EPSG:32644")
    return build_dataset(layers, city, ProblemLog(), version=f"synthetic-{works_count}",
                         source="synthetic")
